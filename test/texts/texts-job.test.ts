// The texts job against loopback sources in KOOP's and the Kamer's formats: a set read and paired
// from KOOP's XML; a 503 with Retry-After, KOOP's fout404 redirect, a 404 and broken XML each
// recorded with their reason, isolated from the rest and retried after back-off; a new
// DocumentVersie read again.
import { asc, eq } from 'drizzle-orm';
import t from 'tap';
import { questionTexts, questionTextSets } from '../../server/db/schema/index.ts';
import { testDatabase } from '../helpers/databases.ts';
import { startTextSources } from './helpers/koop-server.ts';
import { insertSampleSet, insertVersie, koopFixture, publishSample, textRow, textsOnce } from './helpers/texts-run.ts';

const NOW = new Date('2025-07-10T10:00:00+02:00');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

t.test('a set is read from KOOP and paired; nothing is fetched again until something changes', async (t) => {
  const { db } = await testDatabase(t);
  const sources = await startTextSources();
  t.teardown(() => sources.close());
  const set = await insertSampleSet(db);
  publishSample(sources);

  const run = await textsOnce(db, sources, NOW);
  t.match(run, { tried: 4, koop: 4, tk: 0, missing: 0, unreadable: 0, changedSets: 1 });
  t.same(
    sources.requests.map((r) => r.path).sort(),
    ['ah-tk-20242025-1100', 'ah-tk-20242025-1244', 'ah-tk-20242025-1301', 'kv-tk-2025Z10001'].map((id) => `/officielepublicaties/${id}/${id}.xml`),
    'only KOOP, once per document',
  );
  for (const id of [set.questions, set.answer, set.nader, set.notice]) {
    const row = await textRow(db, id);
    t.match(row, { state: 'ok', source: 'koop', nextAttemptAt: null, attempts: 0 });
  }

  const qs = await db.select().from(questionTexts).where(eq(questionTexts.zaakId, set.zaakId)).orderBy(asc(questionTexts.position));
  t.same(qs.map((q) => q.number), ['1', '2', '3', '4', '5', '6']);
  t.equal(qs[0]!.answerText, 'Ja.');
  t.equal(qs[0]!.answerDocumentId, set.answer);
  t.ok(qs[1]!.flags.includes('grouped'));
  t.same(qs[1]!.answeredWith, ['3']);
  t.ok(qs[3]!.flags.includes('referred'));
  t.same(qs[3]!.refersTo, ['2']);
  t.ok(qs[4]!.deferred);
  t.match(qs[4]!.deferralText, /voor de zomer/);
  t.equal(qs[5]!.answerDocumentId, set.nader, 'the nader answer fills question 6');
  t.notOk(qs[5]!.flags.includes('unanswered'));
  const [textSet] = await db.select().from(questionTextSets).where(eq(questionTextSets.zaakId, set.zaakId));
  t.equal(textSet!.textSource, 'koop');
  t.ok(textSet!.delayReason && textSet!.delayReason.length > 10, 'the delay notice gives its reason');
  t.ok(textSet!.footnotes.some((f) => f.url?.startsWith('https://')), 'footnotes keep their URLs');
  t.equal(textSet!.updatedAt.toISOString(), NOW.toISOString());

  const again = await textsOnce(db, sources, later(60 * 24 * 30));
  t.match(again, { tried: 0, changedSets: 0 });
  t.equal(sources.requests.length, 4, 'no second request');
});

t.test('a 503 with Retry-After, fout404, 404 and broken XML: recorded, isolated, retried with back-off', async (t) => {
  const { db } = await testDatabase(t);
  const sources = await startTextSources();
  t.teardown(() => sources.close());
  const set = await insertSampleSet(db);
  sources.koop.set('kv-tk-2025Z10001', koopFixture('kv-tk-2025Z10001'));
  sources.koop.set('ah-tk-20242025-1100', koopFixture('malformed'));
  sources.fout404.add('ah-tk-20242025-1244');
  // ah-tk-20242025-1301 is not there at all: a 404.
  sources.script = (req) => (req.path.includes('kv-tk-2025Z10001') && req.n === 1 ? { status: 503, headers: { 'retry-after': '7' } } : undefined);

  const first = await textsOnce(db, sources, NOW);
  t.match(first, { tried: 4, koop: 1, missing: 2, unreadable: 1 });
  t.ok(first.sleeps.includes(7_000), 'waited the 7 s Retry-After asked for');
  t.equal(sources.requests.filter((r) => r.path.includes('kv-tk-2025Z10001')).length, 2, 'and then asked again');

  const answer = await textRow(db, set.answer);
  t.match(answer, { state: 'missing', content: null, attempts: 1 });
  t.match(answer!.reason, /fout404/);
  t.equal(answer!.nextAttemptAt?.toISOString(), later(30).toISOString(), 'retried after 30 minutes');
  t.match((await textRow(db, set.nader))!.reason, /HTTP 404/);
  const notice = await textRow(db, set.notice);
  t.match(notice, { state: 'unreadable', publicationId: 'ah-tk-20242025-1100' });
  t.match(notice!.reason, /KOOP-XML onleesbaar/);
  t.equal(first.warnings.length, 3, 'each failure is logged');
  t.notOk(
    sources.requests.some((r) => r.path.includes('fout404')),
    'the fout404 redirect is not followed',
  );

  const qs = await db.select().from(questionTexts).where(eq(questionTexts.zaakId, set.zaakId));
  t.equal(qs.length, 6, 'the questions are there although the answers are not');
  t.notOk(
    qs.some((q) => q.flags.includes('unanswered')),
    'no question is called unanswered while its answer cannot be read',
  );

  // Before the back-off has passed nothing is tried; the sources recover meanwhile.
  publishSample(sources);
  sources.fout404.clear();
  t.match(await textsOnce(db, sources, later(10)), { tried: 0 });
  const retry = await textsOnce(db, sources, later(31));
  t.match(retry, { tried: 3, koop: 3, changedSets: 1 });
  t.match(await textRow(db, set.answer), { state: 'ok', source: 'koop', nextAttemptAt: null, reason: null });
  const paired = await db.select().from(questionTexts).where(eq(questionTexts.zaakId, set.zaakId)).orderBy(asc(questionTexts.position));
  t.equal(paired[0]!.answerText, 'Ja.');
  const [textSet] = await db.select().from(questionTextSets).where(eq(questionTextSets.zaakId, set.zaakId));
  t.ok(textSet!.delayReason);
});

t.test('back-off doubles per failed attempt, up to a day', async (t) => {
  const { db } = await testDatabase(t);
  const sources = await startTextSources();
  t.teardown(() => sources.close());
  const set = await insertSampleSet(db);
  let at = NOW;
  const waits: number[] = [];
  for (let i = 0; i < 8; i++) {
    await textsOnce(db, sources, at);
    const next = (await textRow(db, set.answer))!.nextAttemptAt!;
    waits.push((next.getTime() - at.getTime()) / 60_000);
    at = next;
  }
  t.same(waits, [30, 60, 120, 240, 480, 960, 1440, 1440]);
});

t.test('a new DocumentVersie means reading the document again', async (t) => {
  const { db } = await testDatabase(t);
  const sources = await startTextSources();
  t.teardown(() => sources.close());
  const set = await insertSampleSet(db);
  publishSample(sources);
  await textsOnce(db, sources, NOW);
  const before = (await textRow(db, set.questions))!;

  // The Kamer replaces the questions' file; KOOP's publication now has a corrected question 1.
  sources.koop.set('kv-tk-2025Z10001', koopFixture('kv-tk-2025Z10001').replace(/<nr>Vraag 1<\/nr>\s*<al>/, '<nr>Vraag 1</nr><al>Gecorrigeerd: '));
  await insertVersie(db, set.questions, { versienummer: 2, bijgewerkt: new Date('2025-07-09T12:00:00Z') });
  const run = await textsOnce(db, sources, later(5));
  t.match(run, { tried: 1, koop: 1, changedSets: 1 });
  const after = (await textRow(db, set.questions))!;
  t.not(after.versionKey, before.versionKey);
  const [q1] = await db.select().from(questionTexts).where(eq(questionTexts.zaakId, set.zaakId)).orderBy(asc(questionTexts.position)).limit(1);
  t.match(q1!.text, /^Gecorrigeerd: /);
  t.match(await textsOnce(db, sources, later(10)), { tried: 0 });
});
