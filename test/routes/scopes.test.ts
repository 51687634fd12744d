import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { refreshQuestionPeople } from '../../server/questions/refresh-people.ts';
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
    t.match(res.body, /<caption id="[^"]+">Tijdigheid van antwoorden per jaar van indiening\. Op tijd telt alleen over beantwoorde sets/, `${url}: data table`);
    t.match(res.body, /<th scope="row">2024<\/th><td>2<\/td><td>1 van 2 <small>\(50%\)<\/small><\/td>/, `${url}: 2024 half on time`);
    // 2025: one answered in time, one still open and overdue: on time is 1 of 1 answered, and
    // the overdue one is its own figure.
    t.match(res.body, /<th scope="row">2025<\/th><td>2<\/td><td>1 van 1 <small>\(100%\)<\/small><\/td><td>1 van 2 <small>\(50%\)<\/small><\/td><td>1 van 2 <small>\(50%\)<\/small><\/td><td>0 van 2 <small>\(0%\)<\/small><\/td>/, `${url}: 2025 over answered sets`);
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

t.test('members and parties can be reached: the question page links them, /vragen offers the member filter, the sitemap lists them', async (t) => {
  const { app, database } = await buildApp(t, { env: { PAGE_CACHE_SECONDS: '0' } });
  const db = database.db;
  const glpvda = await insertFractie(db, { afkorting: 'GroenLinks-PvdA' });
  const lid = await insertFractie(db, { afkorting: 'Lid Keijzer' });
  const dalen = await insertPersoon(db, { achternaam: 'Dalen', initialen: 'S.', tussenvoegsel: 'van' });
  const bakker = await insertPersoon(db, { achternaam: 'Bakker', initialen: 'L.M.' });
  const elsewhere = await insertPersoon(db, { achternaam: 'Zuiderveld', initialen: 'A.' });
  await insertSeat(db, { fractieId: glpvda, persoonId: dalen, van: '2023-12-06', totEnMet: '2025-06-30' });
  await insertSeat(db, { fractieId: lid, persoonId: dalen, van: '2025-07-01' });
  await insertSeat(db, { fractieId: glpvda, persoonId: bakker, van: '2023-12-06' });
  const tracked = await insertQuestionSet(db, { nummer: '2025Z10001', submitted: '2025-03-03', onderwerp: 'Vragen over een datalek bij een ziekenhuis' });
  await insertActor(db, { zaakId: tracked.zaakId, relatie: 'Indiener', naam: 'S. van Dalen', persoonId: dalen });
  await insertActor(db, { zaakId: tracked.zaakId, relatie: 'Medeindiener', naam: 'L.M. Bakker', persoonId: bakker });
  const other = await insertQuestionSet(db, { nummer: '2025Z10002', submitted: '2025-03-04', onderwerp: 'Vragen over iets anders' });
  await insertActor(db, { zaakId: other.zaakId, relatie: 'Indiener', naam: 'A. Zuiderveld', persoonId: elsewhere });
  // The deadlines run derives the topic matches too: the first set is on the default topic.
  await runDeadlines(db, TEST_NOW);
  await refreshQuestionPeople(db, { evaluatedAt: TEST_NOW });

  const page = (await app.inject({ url: '/vragen/2025Z10001' })).body;
  t.match(page, `<a href="/personen/${dalen}">S. van Dalen</a>`, 'asker links to the member page');
  t.match(page, '<a href="/fracties/GroenLinks-PvdA">GroenLinks-PvdA</a>', 'party at the time of asking links to the party page');
  t.match(page, '<a href="/fracties/Lid%20Keijzer">Lid Keijzer</a>', 'the current party too, its abbreviation URL-encoded');
  const api = (await app.inject({ url: '/api/v1/questions/2025Z10001' })).json() as { askers: { name: string; personId: string | null }[] };
  t.same(api.askers.map((a) => a.personId).sort(), [dalen, bakker].sort(), 'the API gives the Persoon id of each asker');

  const list = (await app.inject({ url: '/vragen' })).body;
  const select = /<select id="f-lid" name="lid">([\s\S]*?)<\/select>/.exec(list)?.[1] ?? '';
  t.match(list, '<label for="f-lid">Kamerlid (vragensteller)</label>');
  t.same(
    [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]),
    [['', 'Alle'], [bakker, 'Bakker, L.M.'], [dalen, 'Dalen, S. van']],
    'askers of sets on a followed topic, surname first, in Dutch order',
  );
  const filtered = (await app.inject({ url: `/vragen?onderwerp=alle&lid=${elsewhere}` })).body;
  t.match(filtered, `<option value="${elsewhere}" selected>Zuiderveld, A.</option>`, 'a member chosen by link stays visible as the chosen filter');
  t.match(filtered, /2025Z10002/);
  t.notMatch(filtered, /2025Z10001/);

  const subscribe = (await app.inject({ url: '/abonneren' })).body;
  t.match(subscribe, `<option value="${elsewhere}">Zuiderveld, A.</option>`, 'the subscribe form offers every asker, by the same options');

  const sitemap = (await app.inject({ url: '/sitemap.xml' })).body;
  for (const id of [dalen, bakker, elsewhere]) t.match(sitemap, `/personen/${id}</loc>`);
});
