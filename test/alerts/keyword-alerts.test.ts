// Keyword alerts end to end (issue #11): subscribe to search words with double opt-in and a
// preview of the last 90 days, then a new question set whose question text (read after the sync)
// matches, and its answer, each send one mail through a real SMTP server; the answered alert
// quotes the start of each answer and links to #vraag-1. A set without the words sends nothing,
// and one-click unsubscribe stops it all. Texts that come with the answer do not also mail the
// deadline that went before it.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { runAlerts } from '../../server/alerts/run.ts';
import { resultRows, type Db } from '../../server/db/client.ts';
import { questionTexts, questionTextSets, syncPendingZaken } from '../../server/db/schema/index.ts';
import { afterTextsChanged } from '../../server/derivation/after-texts.ts';
import { derivePendingZaken } from '../../server/derivation/pending-sets.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { testDatabase } from '../helpers/databases.ts';
import { parseSearch } from '../../server/search/query.ts';
import { insertDocument, insertQuestionSet } from '../helpers/builders.ts';
import { addSubscribers, alertConfig, testTransport } from './fixtures.ts';
import { cookieHeader, csrfToken, decodeQp, header, startSmtp } from './smtp.ts';

const HOUR = 3_600_000;
const later = (hours: number) => new Date(TEST_NOW.getTime() + hours * HOUR);

/** The message as text: quoted-printable decoded, then its UTF-8 bytes read as such. */
const mailText = (raw: string) => Buffer.from(decodeQp(raw), 'latin1').toString('utf8');

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};

async function texts(db: Db, zaakId: string, pairs: { q: string; a: string | null }[], now: Date) {
  await db.delete(questionTexts).where(sql`zaak_id = ${zaakId}`);
  await db.insert(questionTextSets).values({ zaakId, textSource: 'koop', footnotes: [], updatedAt: now }).onConflictDoUpdate({ target: questionTextSets.zaakId, set: { updatedAt: now } });
  await db.insert(questionTexts).values(pairs.map((p, i) => ({ zaakId, position: i + 1, number: String(i + 1), text: p.q, answerText: p.a })));
}

async function derive(db: Db, zaakIds: string[], now: Date) {
  await db.insert(syncPendingZaken).values(zaakIds.map((zaakId) => ({ zaakId, since: now }))).onConflictDoNothing();
  return derivePendingZaken(db, now);
}

t.test('a keyword subscriber gets the new set and its answer, quoted, and nothing else', async (t) => {
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const { app, database } = await buildApp(t, { env: { SMTP_URL: smtp.url, MAIL_FROM: 'Kamerwacht <alerts@kamerwacht.test>', PUBLIC_URL: 'https://kamerwacht.test' } });
  const db = database.db;

  // History for the preview: a set of last month whose answer mentions both words.
  const old = await insertQuestionSet(db, { nummer: '2025Z18000', submitted: '2025-10-20', onderwerp: 'Een storing in de zorg' });
  await derive(db, [old.zaakId], new Date('2025-10-21T10:00:00+02:00'));
  await texts(db, old.zaakId, [{ q: 'Wat is er gebeurd?', a: 'Bij een laboratorium is een datalek ontstaan.' }], TEST_NOW);
  await afterTextsChanged(db, [old.zaakId], TEST_NOW);

  // Subscribe (form, confirmation mail, button).
  const formPage = await app.inject({ url: '/abonneren?zoekwoorden=laboratorium%20datalek' });
  t.match(formPage.body, /<input type="radio" id="kind-keyword" name="kind" value="keyword" checked>/, 'prefilled from the search page link');
  t.match(formPage.body, /value="laboratorium datalek"/);
  const bad = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: cookieHeader(formPage.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(formPage.body), email: 'waakhond@example.nl', kind: 'keyword', keyword: 'de het', events: ['asked'], frequency: 'immediate' }),
  });
  t.equal(bad.statusCode, 422, 'only stop words: a field error');
  t.match(bad.body, /Zoekwoorden: Vul één of meer zoekwoorden in/);
  const post = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: cookieHeader(formPage.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(formPage.body), email: 'waakhond@example.nl', kind: 'keyword', keyword: 'laboratorium datalek', events: ['asked', 'delay_notice', 'answered'], frequency: 'immediate' }),
  });
  t.equal(post.statusCode, 200, post.body);
  t.match(post.body, /zoekwoorden ‘laboratorium datalek’/);
  t.match(post.body, /afgelopen 90 dagen had u met deze keuze <strong>1<\/strong> bericht gekregen/, 'the preview counts the old set');
  await app.mailer.idle();
  await smtp.waitFor(1);
  const confirmPath = /https:\/\/kamerwacht\.test(\/abonneren\/bevestigen\/[A-Za-z0-9_-]{43})/.exec(decodeQp(smtp.received[0]!.raw))![1]!;
  const landing = await app.inject({ url: confirmPath });
  const confirmed = await app.inject({
    method: 'POST',
    url: confirmPath,
    headers: { cookie: cookieHeader(landing.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(landing.body) }),
  });
  t.match(confirmed.body, /Aanmelding bevestigd/);
  const [sub] = resultRows<{ filter_kind: string; filter_value: string }>(await db.execute(sql`select filter_kind, filter_value from alert_subscriptions`));
  t.same(sub, { filter_kind: 'keyword', filter_value: "'laboratorium' & 'datalek'" });
  smtp.received.length = 0;

  const config = alertConfig(smtp.url);
  const send = async (now: Date) => {
    const transport = testTransport(smtp.url);
    try {
      return (await runAlerts({ db, config, transport }, { now })).sender.sent;
    } finally {
      transport.close();
    }
  };

  // A new set whose title does not hold the words; the sync derives it, the texts come after.
  const lab = await insertQuestionSet(db, { nummer: '2025Z21000', submitted: '2025-11-24', onderwerp: 'Berichtgeving over een laboratorium in Rijswijk' });
  const noise = await insertQuestionSet(db, { nummer: '2025Z21001', submitted: '2025-11-24', onderwerp: 'Een datalek bij de Belastingdienst' });
  await derive(db, [lab.zaakId, noise.zaakId], later(1));
  t.equal(await send(later(1)), 0, 'before the texts, the new set does not match');
  await texts(db, lab.zaakId, [
    { q: 'Bent u bekend met het datalek bij het laboratorium?', a: null },
    { q: 'Welke gegevens zijn gelekt?', a: null },
  ], later(2));
  await texts(db, noise.zaakId, [{ q: 'Hoeveel burgers zijn geraakt door het datalek?', a: null }], later(2));
  const after = await afterTextsChanged(db, [lab.zaakId, noise.zaakId], later(2));
  t.equal(after.deliveries, 1, 'one delivery: the asked event of the matching set');
  t.equal(await send(later(2)), 1);
  const asked = decodeQp(smtp.received[0]!.raw);
  t.match(asked, /Nieuwe vragen: Berichtgeving over een laboratorium in Rijswijk/);
  t.ok(header(smtp.received[0]!.raw, 'List-Unsubscribe')[0], 'one-click unsubscribe header');
  t.ok(header(smtp.received[0]!.raw, 'List-Unsubscribe-Post')[0]);
  t.equal(await afterTextsChanged(db, [lab.zaakId], later(2)).then((r) => r.deliveries), 0, 'texts read again: no second delivery');

  // The answer: the sync records it, the texts job reads it, the alerts job sends it.
  await insertDocument(db, { zaakId: lab.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-11-25', nummer: '2025D50000' });
  await derive(db, [lab.zaakId], later(26));
  await texts(db, lab.zaakId, [
    { q: 'Bent u bekend met het datalek bij het laboratorium?', a: 'Ja. Het laboratorium heeft het datalek op 11 juli gemeld bij de Autoriteit Persoonsgegevens en Z-CERT.' },
    { q: 'Welke gegevens zijn gelekt?', a: 'Namen, adressen en uitslagen van ' + 'deelnemers aan het bevolkingsonderzoek, '.repeat(8) + 'zo blijkt uit het onderzoek.' },
  ], later(26));
  await afterTextsChanged(db, [lab.zaakId], later(26));
  t.equal(await send(later(26)), 1);
  const answered = mailText(smtp.received[1]!.raw);
  t.match(answered, /Beantwoord: Berichtgeving over een laboratorium/);
  t.match(answered, /<a href="https:\/\/kamerwacht\.test\/vragen\/2025Z21000#vraag-1">Antwoord op vraag 1<\/a>/, 'linked to the question on the page');
  t.match(answered, /Ja\. Het laboratorium heeft het datalek op 11 juli gemeld bij de Autoriteit Persoonsgegevens en Z-CERT\./, 'the start of answer 1');
  t.match(answered, /Antwoord op vraag 2 \(https:\/\/kamerwacht\.test\/vragen\/2025Z21000#vraag-2\):/, 'the text part too');
  t.match(answered, /bevolkingsonderzoek, [^\n]* …/, 'a long answer is cut at a word');
  t.notMatch(answered, /zo blijkt uit het onderzoek/);

  // One-click unsubscribe: nothing more.
  const unsubscribeUrl = /<(https:\/\/kamerwacht\.test[^>]+)>/.exec(header(smtp.received[1]!.raw, 'List-Unsubscribe')[0]!)![1]!;
  const oneClick = await app.inject({ method: 'POST', url: unsubscribeUrl.replace('https://kamerwacht.test', ''), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
  t.equal(oneClick.statusCode, 200);
  await insertDocument(db, { zaakId: lab.zaakId, soort: 'Antwoord schriftelijke vragen (nader)', datum: '2025-11-26', nummer: '2025D50001' });
  await derive(db, [lab.zaakId], later(50));
  await afterTextsChanged(db, [lab.zaakId], later(50));
  t.equal(await send(later(50)), 0, 'unsubscribed: no more mail');
  t.equal(smtp.received.length, 2);
});

t.test('texts that come with the answer mail the answer, not the deadline that went before it', async (t) => {
  const { db } = await testDatabase(t);
  // Subscribed before the set was asked, to every kind of event; the word is only in the answer.
  await addSubscribers(db, 1, { kind: 'keyword', value: parseSearch('ransomware').tsquery!, events: ['asked', 'due_soon', 'overdue', 'answered'], confirmedAt: new Date('2025-10-01T10:00:00+02:00') });
  const set = await insertQuestionSet(db, { nummer: '2025Z22000', submitted: '2025-10-28', onderwerp: 'Vragen over de ict van ziekenhuizen' });
  await derive(db, [set.zaakId], new Date('2025-10-28T12:00:00+01:00'));
  // Due on 18 November: due soon from the 13th; the deadlines are recorded as the days come.
  await derive(db, [set.zaakId], new Date('2025-11-14T12:00:00+01:00'));
  await insertDocument(db, { zaakId: set.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-11-17', nummer: '2025D52000' });
  const answeredAt = new Date('2025-11-17T12:00:00+01:00');
  await derive(db, [set.zaakId], answeredAt);
  const kinds = async () =>
    resultRows<{ kind: string }>(await db.execute(sql`select e.kind from question_events e where e.zaak_id = ${set.zaakId} order by e.id`)).map((r) => r.kind);
  t.same(await kinds(), ['asked', 'due_soon', 'answered'], 'the set was due soon, then answered');

  await texts(db, set.zaakId, [{ q: 'Hoe staat het met de ict?', a: 'Twee ziekenhuizen meldden dit jaar ransomware.' }], answeredAt);
  const after = await afterTextsChanged(db, [set.zaakId], answeredAt);
  const delivered = resultRows<{ kind: string }>(
    await db.execute(sql`select e.kind from alert_deliveries d join question_events e on e.id = d.event_id order by e.id`),
  ).map((r) => r.kind);
  t.same(delivered, ['answered'], 'the answer; "due soon" is no news any more (and the question is three weeks old)');
  t.equal(after.deliveries, 1);
});
