// The staff question view (party correction, answered by letter, notes), topic editing with
// preview, and the dashboard with its CSV export.
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { resultRows } from '../../server/db/client.ts';
import { partyCorrections, questionAskers, questionStatus, staffAudit, topicMatches, topics } from '../../server/db/schema/index.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { matchZaken } from '../../server/topics/match-zaken.ts';
import { addSubscribers } from '../alerts/fixtures.ts';
import { TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';
import { buildStaffApp, formPage, post, sessionFor } from './helpers.ts';

async function setup(t: { teardown(fn: () => unknown): void }) {
  const s = await buildStaffApp(t);
  const db = s.database.db;
  const nsc = await insertFractie(db, { afkorting: 'NSC' });
  await insertFractie(db, { afkorting: 'CDA' });
  const persoonId = await insertPersoon(db, { achternaam: 'Jansen', initialen: 'D.' });
  await insertSeat(db, { fractieId: nsc, persoonId, van: '2023-12-06' });
  const due = await insertQuestionSet(db, { nummer: '2025Z21000', submitted: '2025-11-05', onderwerp: 'Datalek bij het laboratorium Clinical Diagnostics en patiëntgegevens' });
  const actorId = await insertActor(db, { zaakId: due.zaakId, relatie: 'Indiener', naam: 'D. Jansen', persoonId });
  await insertActor(db, { zaakId: due.zaakId, relatie: 'Gericht aan', naam: 'Minister', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
  await insertQuestionSet(db, { nummer: '2025Z18000', submitted: '2025-09-01', onderwerp: 'Wachtlijsten in de jeugdzorg' });
  await runDeadlines(db, TEST_NOW);
  await matchZaken(db, TEST_NOW);
  return { s, db, actorId, zaakId: due.zaakId };
}

t.test('question view: party correction, answered by letter, notes', async (t) => {
  const { s, db, actorId, zaakId } = await setup(t);
  const cookie0 = await sessionFor(s, 'griffie@example.nl');
  const f = await formPage(s.app, '/staff/vragen/2025Z21000', cookie0);
  t.equal(f.page.statusCode, 200);
  t.match(f.page.body, /D\. Jansen/);
  t.match(f.page.body, /<td>NSC<\/td>/);

  const noReason = await post(s.app, '/staff/vragen/2025Z21000/partij', f.cookie, f.token, { asker: actorId, party: 'CDA', reason: '' });
  t.equal(noReason.statusCode, 422);
  t.match(noReason.body, /id="reason-error"/);
  const unknownParty = await post(s.app, '/staff/vragen/2025Z21000/partij', f.cookie, f.token, { asker: actorId, party: 'XYZ', reason: 'test' });
  t.equal(unknownParty.statusCode, 422);
  t.match(unknownParty.body, /id="party-error"/);
  const fix = await post(s.app, '/staff/vragen/2025Z21000/partij', f.cookie, f.token, { asker: actorId, party: 'CDA', reason: 'Overstap stond te laat in de open data' });
  t.equal(fix.statusCode, 303);
  const [asker] = await db.select().from(questionAskers).where(eq(questionAskers.actorId, actorId));
  t.same([asker?.party, asker?.partySource], ['CDA', 'correction']);
  const [corr] = await db.select().from(partyCorrections);
  t.equal(corr?.reason, 'Overstap stond te laat in de open data');
  const pub = await s.app.inject({ method: 'GET', url: '/vragen/2025Z21000' });
  t.match(pub.body, /gecorrigeerd/, 'the public page shows the correction');

  const badDate = await post(s.app, '/staff/vragen/2025Z21000/brief', f.cookie, f.token, { answeredOn: 'gisteren', documentId: '', note: '' });
  t.equal(badDate.statusCode, 422);
  t.match(badDate.body, /id="answeredOn-error"/);
  const letter = await post(s.app, '/staff/vragen/2025Z21000/brief', f.cookie, f.token, { answeredOn: '2025-11-20', documentId: '', note: 'Beantwoord in de brief over het datalek' });
  t.equal(letter.statusCode, 303);
  const [st] = await db.select().from(questionStatus).where(eq(questionStatus.zaakId, zaakId));
  t.equal(st?.status, 'answered');
  t.equal(st?.answeredByLetter, true);

  const note = await post(s.app, '/staff/vragen/2025Z21000/notities', f.cookie, f.token, { note: 'Nagaan of er nadere vragen komen.' });
  t.equal(note.statusCode, 303);
  const page = await s.app.inject({ method: 'GET', url: '/staff/vragen/2025Z21000', headers: { cookie: f.cookie } });
  t.match(page.body, /Nagaan of er nadere vragen komen\./);
  t.notMatch(pub.body, /Nagaan/);
  const actions = (await db.select().from(staffAudit)).map((a) => a.action);
  t.ok(actions.includes('party_correction.set') && actions.includes('question.answered_by_letter') && actions.includes('note.create'));
  t.equal((await s.app.inject({ method: 'GET', url: '/staff/vragen/2025Z99999', headers: { cookie: f.cookie } })).statusCode, 404);
});

t.test('answered by letter: matching subscribers have their delivery as soon as the staff action returns', async (t) => {
  const { s, db, zaakId } = await setup(t);
  const [bySet] = await addSubscribers(db, 1, { kind: 'question', value: zaakId, events: ['answered'], prefix: 'vraag' });
  const [byParty] = await addSubscribers(db, 1, { kind: 'party', value: 'NSC', events: ['answered'], prefix: 'partij' });
  await addSubscribers(db, 1, { kind: 'question', value: zaakId, events: ['overdue'], prefix: 'termijn' });
  const f = await formPage(s.app, '/staff/vragen/2025Z21000', await sessionFor(s, 'griffie@example.nl'));
  const letter = await post(s.app, '/staff/vragen/2025Z21000/brief', f.cookie, f.token, { answeredOn: '2025-11-20', documentId: '', note: '' });
  t.equal(letter.statusCode, 303);

  // No alerts-job run in between: the action's own transaction made the deliveries.
  const deliveries = resultRows<{ subscription_id: number; kind: string; state: string; fanned_out: boolean }>(
    await db.execute(sql`select d.subscription_id, e.kind, d.state, exists (select 1 from alert_fanout f where f.event_id = e.id) as fanned_out
      from alert_deliveries d join question_events e on e.id = d.event_id order by d.subscription_id`),
  );
  t.same(
    deliveries.map((d) => [Number(d.subscription_id), d.kind, d.state, d.fanned_out]),
    [
      [bySet, 'answered_by_letter', 'pending', true],
      [byParty, 'answered_by_letter', 'pending', true],
    ],
    'one pending delivery per subscriber who wants answers, the event marked fanned out',
  );
});

t.test('topic editing: preview of added and dropped, save bumps version and re-matches', async (t) => {
  const { s, db } = await setup(t);
  const [topic] = await db.select().from(topics).where(eq(topics.isDefault, true));
  const matchedBefore = (await db.select().from(topicMatches).where(eq(topicMatches.topicId, topic!.id))).length;
  t.ok(matchedBefore >= 1, 'the default topic matches a set to begin with');
  const cookie0 = await sessionFor(s, 'redactie@example.nl');
  const f = await formPage(s.app, `/staff/onderwerpen/${topic!.id}`, cookie0);
  t.match(f.page.body, /<label for="terms">Regels<\/label>/);
  t.match(f.page.body, /data-hx-get="\/staff\/onderwerpen\/\d+\/voorbeeld"/);

  const terms = 'wachtlijst + jeugdzorg';
  const frag = await s.app.inject({ method: 'GET', url: `/staff/onderwerpen/${topic!.id}/voorbeeld?terms=${encodeURIComponent(terms)}&excluded=`, headers: { cookie: f.cookie, 'hx-request': 'true' } });
  t.notMatch(frag.body, /<html/);
  t.match(frag.body, /2025Z18000/, 'added');
  t.match(frag.body, /2025Z21000/, 'dropped');
  t.equal((await db.select().from(topics).where(eq(topics.id, topic!.id)))[0]?.version, topic!.version, 'preview changes nothing');
  const noJs = await post(s.app, `/staff/onderwerpen/${topic!.id}/voorbeeld`, f.cookie, f.token, { terms, excluded: '' });
  t.equal(noJs.statusCode, 200);
  t.match(noJs.body, /<html[\s\S]*2025Z18000/);
  const empty = await post(s.app, `/staff/onderwerpen/${topic!.id}`, f.cookie, f.token, { terms: '   ', excluded: '' });
  t.equal(empty.statusCode, 422);
  t.match(empty.body, /id="terms-error"/);

  const save = await post(s.app, `/staff/onderwerpen/${topic!.id}`, f.cookie, f.token, { terms, excluded: 'belastingdienst' });
  t.equal(save.statusCode, 303);
  const [after] = await db.select().from(topics).where(eq(topics.id, topic!.id));
  t.equal(after?.version, topic!.version + 1);
  t.same(after?.excluded, ['belastingdienst']);
  const matches = await db.select().from(topicMatches).where(eq(topicMatches.topicId, topic!.id));
  t.equal(matches.length, 1);
  t.equal(matches[0]?.topicVersion, topic!.version + 1);
  const [audit] = await db.select().from(staffAudit).where(eq(staffAudit.action, 'topic.update'));
  t.same((audit?.after as { terms: string[] }).terms, [terms]);
});

t.test('dashboard: due this week, filters, CSV', async (t) => {
  const { s } = await setup(t);
  const cookie = await sessionFor(s, 'fractie@example.nl');
  const dash = await s.app.inject({ method: 'GET', url: '/staff', headers: { cookie } });
  t.equal(dash.statusCode, 200);
  t.match(dash.body, /Termijn verloopt deze week \(1\)/, '2025Z21000 is due on 2025-11-26');
  t.match(dash.body, /2025Z21000/);
  t.match(dash.body, /<label for="f-fractie">/);
  const filtered = await s.app.inject({ method: 'GET', url: '/staff?fractie=CDA', headers: { cookie } });
  t.match(filtered.body, /Termijn verloopt deze week \(0\)/);
  const csv = await s.app.inject({ method: 'GET', url: '/staff/export.csv?lijst=deze-week&fractie=NSC', headers: { cookie } });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /text\/csv/);
  t.match(csv.body, /2025Z21000/);
  t.equal(csv.headers['cache-control'], 'no-store');
});
