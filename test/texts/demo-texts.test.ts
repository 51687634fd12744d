// npm run demo's texts: the bundled feed's DocumentVersies name the authored publications the demo
// server plays KOOP for, and after the sync the texts job pairs them: every flag, a nader answer
// filling a gap, delay reasons, a footnote, and "not available" for sets without texts.
import { asc, eq } from 'drizzle-orm';
import t from 'tap';
import { serveDemoFeed } from '../../jobs/demo.ts';
import { settableClock } from '../../server/clock.ts';
import { questionTexts, questionTextSets, zaken } from '../../server/db/schema/index.ts';
import type { Db } from '../../server/db/client.ts';
import { testDatabase } from '../helpers/databases.ts';
import { syncOnce } from '../sync/helpers/run.ts';
import { textsOnce } from './helpers/texts-run.ts';

async function setTexts(db: Db, nummer: string) {
  const [zaak] = await db.select().from(zaken).where(eq(zaken.nummer, nummer));
  const questions = await db.select().from(questionTexts).where(eq(questionTexts.zaakId, zaak!.id)).orderBy(asc(questionTexts.position));
  const [set] = await db.select().from(questionTextSets).where(eq(questionTextSets.zaakId, zaak!.id));
  return { questions, set };
}

t.test('the demo shows pairs, every flag and delay reasons', async (t) => {
  const { db } = await testDatabase(t);
  const clock = settableClock(new Date('2025-12-01T09:00:00+01:00'));
  const feed = await serveDemoFeed(undefined, clock);
  t.teardown(() => feed.close());
  t.error((await syncOnce(db, feed.url, { now: clock.now() })).error);
  const run = await textsOnce(db, { koopUrl: feed.koopUrl, feedUrl: feed.url }, clock.now());
  t.equal(run.koop, 8, 'the eight texts published by the demo date');
  t.equal(run.unreadable, 0);

  const nen = await setTexts(db, '2025Z15530');
  t.same(
    nen.questions.map((q) => [q.number, q.flags]),
    [['1', []], ['2', ['grouped']], ['3', ['grouped']], ['4', ['referred']], ['5', ['deferred']], ['6', []], ['7', ['unanswered']]],
  );
  t.match(nen.questions[5]!.answerText, /zevenendertig/, 'the nader answer fills question 6');
  t.match(nen.set!.delayReason, /certificerende instellingen/);
  t.equal(nen.set!.footnotes[0]!.url, 'https://www.example.org/demo/nen7510-laboratoria');
  t.equal(nen.set!.textSource, 'koop');

  const zcert = await setTexts(db, '2025Z18977');
  t.equal(zcert.questions.length, 5);
  t.ok(zcert.questions.every((q) => q.answerText === null && q.flags.length === 0), 'not answered yet, so nothing is called unanswered');
  t.match(zcert.set!.delayReason, /Z-CERT/);
  t.equal((await setTexts(db, '2025Z19502')).questions.length, 2);
  t.equal((await setTexts(db, '2025Z15012')).set, undefined, 'the sets of the real members have no authored text');

  // The later moments bring the answers; the texts job after that sync pairs them.
  clock.set(new Date('2025-12-08T09:00:00+01:00'));
  t.error((await syncOnce(db, feed.url, { now: clock.now() })).error);
  const later = await textsOnce(db, { koopUrl: feed.koopUrl, feedUrl: feed.url }, clock.now());
  t.equal(later.koop, 2);
  const answered = await setTexts(db, '2025Z18977');
  t.same(answered.questions.map((q) => q.flags), [[], ['referred'], ['deferred'], [], ['unanswered']]);
  t.equal((await setTexts(db, '2025Z21033')).questions[1]!.answerText, 'Ja, in september. Er zijn geen ernstige kwetsbaarheden gevonden.');
});
