import t from 'tap';
import { runDeadlines } from '../../server/questions/refresh.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';

t.test('ministry, party and member pages show timeliness with SVG charts, data tables and their questions', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const nsc = await insertFractie(db, { afkorting: 'NSC' });
  const member = await insertPersoon(db, { achternaam: 'Six Dijkstra', initialen: 'H.' });
  await insertSeat(db, { fractieId: nsc, persoonId: member, van: '2023-12-06' });
  const sets = [
    { nummer: '2024Z01001', submitted: '2024-03-01', answer: '2024-03-15' },
    { nummer: '2024Z01002', submitted: '2024-04-01', answer: '2024-06-01' },
    { nummer: '2025Z15001', submitted: '2025-08-13', answer: '2025-09-02' },
    { nummer: '2025Z19002', submitted: '2025-10-06', answer: null },
  ];
  for (const s of sets) {
    const q = await insertQuestionSet(db, { nummer: s.nummer, submitted: s.submitted, onderwerp: `Vragen ${s.nummer}` });
    await insertActor(db, { zaakId: q.zaakId, relatie: 'Indiener', naam: 'H. Six Dijkstra', persoonId: member });
    await insertActor(db, { zaakId: q.zaakId, relatie: 'Gericht aan', naam: 'M. Minister', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
    if (s.answer) await insertDocument(db, { zaakId: q.zaakId, soort: 'Antwoord schriftelijke vragen', datum: s.answer });
  }
  await runDeadlines(db, TEST_NOW);

  for (const url of ['/ministeries/VWS', '/fracties/NSC', `/personen/${member}`]) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 200, url);
    t.match(res.body, /<svg [^>]*role="img" aria-labelledby="[^"]+-op-tijd-title"/, `${url}: on-time chart`);
    t.match(res.body, /Aantal antwoorden naar dagen tot antwoord/, `${url}: distribution chart`);
    t.match(res.body, /<caption>Tijdigheid van antwoorden per jaar van indiening<\/caption>/, `${url}: data table`);
    t.match(res.body, /<th scope="row">2024<\/th><td>2<\/td><td>50%<\/td>/, `${url}: 2024 half on time`);
    t.match(res.body, /<th scope="row">Totaal<\/th><td>4<\/td>/, `${url}: total`);
    t.match(res.body, /2025Z19002/, `${url}: lists the sets`);
  }
  t.match((await app.inject({ url: `/personen/${member}` })).body, /<h1>H\. Six Dijkstra<\/h1>/);
  t.match((await app.inject({ url: '/ministeries/VWS' })).body, /Volksgezondheid, Welzijn en Sport/);

  for (const url of ['/ministeries/XYZ', '/fracties/Onbekend', '/personen/00000000-0000-0000-0000-000000000000', '/personen/kapot']) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 404, `${url} is a 404`);
  }
});
