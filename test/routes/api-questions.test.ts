import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { buildApp } from '../helpers/app.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';

t.test('GET /api/v1/questions/:number', async (t) => {
  const now = new Date('2025-11-24T10:00:00+01:00');
  const { app, database } = await buildApp(t, { now });
  const db = database.db;
  const nsc = await insertFractie(db, { afkorting: 'NSC' });
  const cda = await insertFractie(db, { afkorting: 'CDA' });
  const p = await insertPersoon(db, { achternaam: 'Hertzberger' });
  await insertSeat(db, { fractieId: nsc, persoonId: p, van: '2023-12-06', totEnMet: '2025-09-30' });
  await insertSeat(db, { fractieId: cda, persoonId: p, van: '2025-10-01' });
  const { zaakId, questionDocId } = await insertQuestionSet(db, {
    nummer: '2025Z15001',
    submitted: '2025-08-13',
    titel: 'Dataveiligheid in de zorg',
    onderwerp: "Het bericht 'Gegevens van 485.000 deelnemers aan bevolkingsonderzoek gestolen bij laboratorium'",
  });
  await insertActor(db, { zaakId, relatie: 'Indiener', naam: 'Hertzberger', persoonId: p, fractie: 'NSC' });
  await insertActor(db, { zaakId, relatie: 'Medeindiener', naam: 'Six Dijkstra', fractie: 'NSC' });
  await insertActor(db, { zaakId, relatie: 'Gericht aan', naam: 'D. Jansen', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
  const notice = await insertDocument(db, { zaakId, soort: 'Mededeling (uitstel antwoord)', datum: '2025-09-02', nummer: '2025D35001' });
  await runDeadlines(db, now);

  const res = await app.inject({ method: 'GET', url: '/api/v1/questions/2025Z15001' });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.match(body, {
    number: '2025Z15001',
    title: 'Dataveiligheid in de zorg',
    status: 'overdue',
    submittedAt: '2025-08-13',
    dueAt: '2025-09-24',
    initialDueAt: '2025-09-03',
    delayNoticeAt: '2025-09-02',
    answeredAt: null,
    statusAsOf: '2025-11-24T09:00:00.000Z',
    daysOpen: 103,
    daysOverdue: 61,
  });
  t.match(body.rule, /^Antwoordtermijn 3 weken na indiening \(Reglement van Orde\); na een uitstelbericht 6 weken/);
  t.same(body.askers, [
    { name: 'Hertzberger', personId: p, role: 'Indiener', party: 'NSC', currentParty: 'CDA', partySource: 'periods', partyAccordingToTk: 'NSC' },
    { name: 'Six Dijkstra', personId: null, role: 'Medeindiener', party: null, currentParty: null, partySource: null, partyAccordingToTk: 'NSC' },
  ]);
  t.same(body.addressees, [{ name: 'D. Jansen', function: 'minister van Volksgezondheid, Welzijn en Sport', post: 'minister', ministry: 'VWS' }]);
  t.same(
    body.documents.map((d: { id: string; kind: string }) => [d.id, d.kind]),
    [
      [questionDocId, 'Schriftelijke vragen'],
      [notice, 'Mededeling (uitstel antwoord)'],
    ],
  );
  t.same(body.topics, [
    { slug: 'dataveiligheid-in-de-zorg', name: 'Dataveiligheid in de zorg', matchedTerms: ['gestolen', 'gegevens', 'zorg', 'laboratorium', 'bevolkingsonderzoek'], passage: null },
  ], 'topics with the terms that matched (no texts yet: no passage)');

  const missing = await app.inject({ method: 'GET', url: '/api/v1/questions/2025Z99999' });
  t.equal(missing.statusCode, 404);
  t.match(missing.json(), { statusCode: 404, error: /niet gevonden/ });
  const bad = await app.inject({ method: 'GET', url: '/api/v1/questions/2025-12345' });
  t.equal(bad.statusCode, 400);
  t.match(bad.headers['content-type'], /application\/json/);
});

t.test('a set the deadlines job has not seen yet is evaluated on the fly', async (t) => {
  const now = new Date('2025-11-24T10:00:00+01:00');
  const { app, database } = await buildApp(t, { now });
  await insertQuestionSet(database.db, { nummer: '2025Z16001', submitted: '2025-11-20' });
  const res = await app.inject({ method: 'GET', url: '/api/v1/questions/2025Z16001' });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { status: 'open', dueAt: '2025-12-11', statusAsOf: '2025-11-24T09:00:00.000Z', daysOpen: 4 });
});

t.test('calendar dates are Amsterdam YYYY-MM-DD everywhere; instants keep their offset', async (t) => {
  const now = new Date('2025-11-24T10:00:00+01:00');
  const { app, database } = await buildApp(t, { now });
  const db = database.db;
  const { zaakId } = await insertQuestionSet(db, { nummer: '2025Z15500', submitted: '2025-08-20' });
  // Answered at 00:30 on 1 September in Amsterdam: 31 August in UTC.
  await insertDocument(db, { zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-09-01T00:30:00+02:00', nummer: '2025D36000' });
  await runDeadlines(db, now);

  const one = (await app.inject({ method: 'GET', url: '/api/v1/questions/2025Z15500' })).json();
  t.equal(one.answeredAt, '2025-09-01', 'the answer date is the Amsterdam date, not the UTC one');
  t.equal(one.submittedAt, '2025-08-20');
  const answer = one.documents.find((d: { kind: string }) => d.kind === 'Antwoord schriftelijke vragen');
  t.equal(answer.date, '2025-09-01', "a document's date too");
  for (const d of one.documents) t.match(d.date, /^\d{4}-\d{2}-\d{2}$/);
  t.equal(one.statusAsOf, '2025-11-24T09:00:00.000Z', 'an instant keeps its offset');

  const list = (await app.inject({ method: 'GET', url: '/api/v1/questions?onderwerp=alle' })).json();
  const item = list.items.find((i: { number: string }) => i.number === '2025Z15500');
  t.equal(item.answeredAt, '2025-09-01', 'the list agrees');

  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const schema = doc.paths['/api/v1/questions/{number}'].get.responses['200'].content['application/json'].schema;
  for (const field of ['submittedAt', 'dueAt', 'delayNoticeAt', 'answeredAt', 'withdrawnAt']) {
    t.match(JSON.stringify(schema.properties[field]), /"format":"date"/, `${field} is documented as a date`);
  }
  t.match(JSON.stringify(schema.properties.documents.items.properties.date), /"format":"date"/);
  t.match(JSON.stringify(schema.properties.statusAsOf), /"format":"date-time"/);
});
