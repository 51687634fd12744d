// /vragen/te-laat: the Kamer's weekly list of late answers, per ministry, with days overdue, as a
// page that prints and as CSV in both dialects; and /vragen.csv in the Excel dialect.
import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertQuestionSet } from '../helpers/builders.ts';

const VWS = 'minister van Volksgezondheid, Welzijn en Sport';
const JENV = 'minister van Justitie en Veiligheid';

t.test('the overdue list per ministry, on a page and as CSV', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const sets: { nummer: string; submitted: string; to: string[]; answer?: string; notice?: string }[] = [
    { nummer: '2025Z19002', submitted: '2025-10-06', to: [VWS] }, // due 27 Oct: 28 days late
    { nummer: '2025Z18801', submitted: '2025-10-01', to: [VWS, JENV] }, // due 22 Oct: 33 days late, on both lists
    { nummer: '2025Z16001', submitted: '2025-09-01', to: [VWS], notice: '2025-09-15' }, // due 13 Oct after the notice: 42 days
    { nummer: '2025Z15001', submitted: '2025-08-13', to: [VWS], answer: '2025-09-20' }, // answered late: not on the list
    { nummer: '2025Z20003', submitted: '2025-11-10', to: [JENV] }, // still in time
  ];
  for (const s of sets) {
    const { zaakId } = await insertQuestionSet(db, { nummer: s.nummer, submitted: s.submitted, onderwerp: `Vragen ${s.nummer}; "over" de zorg` });
    await insertActor(db, { zaakId, relatie: 'Indiener', naam: 'A. Hertzberger' });
    for (const functie of s.to) await insertActor(db, { zaakId, relatie: 'Gericht aan', naam: 'X', functie });
    if (s.answer) await insertDocument(db, { zaakId, soort: 'Antwoord schriftelijke vragen', datum: s.answer });
    if (s.notice) await insertDocument(db, { zaakId, soort: 'Mededeling (uitstel antwoord)', datum: s.notice });
  }
  await runDeadlines(db, TEST_NOW);

  const page = await app.inject({ url: '/vragen/te-laat' });
  t.equal(page.statusCode, 200);
  t.match(page.body, /<strong>3<\/strong> sets vragen zijn te laat/, 'each set counted once');
  const sections = [...page.body.matchAll(/<h2 id="te-laat-\d+">([^<]+)<\/h2>/g)].map((m) => m[1]);
  t.same(sections, ['Justitie en Veiligheid (JenV): 1 te laat', 'Volksgezondheid, Welzijn en Sport (VWS): 3 te laat']);
  const vwsPart = page.body.slice(page.body.indexOf('(VWS)'));
  const order = [...vwsPart.matchAll(/href="\/vragen\/(2025Z\d+)"/g)].map((m) => m[1]);
  t.same(order, ['2025Z16001', '2025Z18801', '2025Z19002'], 'longest overdue first');
  t.match(vwsPart, /<td data-label="Dagen te laat"><strong>42<\/strong><\/td>/);
  t.match(vwsPart, /na uitstelbericht/);
  t.notMatch(page.body, /2025Z15001|2025Z20003/);

  const one = await app.inject({ url: '/vragen/te-laat?ministerie=JenV' });
  t.same([...one.body.matchAll(/href="\/vragen\/(2025Z\d+)"/g)].map((m) => m[1]), ['2025Z18801']);
  t.match(one.body, /<option value="JenV" selected>/);

  const csv = await app.inject({ url: '/vragen/te-laat.csv' });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /text\/csv; charset=utf-8/);
  t.match(csv.headers['content-disposition'], /attachment; filename="kamerwacht-te-laat.csv"/);
  const lines = csv.body.split('\r\n');
  t.equal(lines[0], 'ministerie,ministerie_naam,nummer,onderwerp,ingediend,termijn,uitstelbericht,dagen_te_laat,vragenstellers,fracties_bij_indiening,url', 'RFC 4180: no BOM, commas');
  t.equal(lines.length, 6, 'four rows (one set on two lists), ended by CRLF');
  t.match(lines[2], /^VWS,"Volksgezondheid, Welzijn en Sport",2025Z16001,"Vragen 2025Z16001; ""over"" de zorg",2025-09-01,2025-10-13,ja,42,/);

  const excel = await app.inject({ url: '/vragen/te-laat.csv?ministerie=VWS&voor=excel' });
  t.ok(excel.body.startsWith('\uFEFFministerie;ministerie_naam;nummer;'), 'Excel: BOM and semicolons');
  t.match(excel.body, /\r\nVWS;"Volksgezondheid, Welzijn en Sport";2025Z16001;"Vragen 2025Z16001; ""over"" de zorg";/);
  t.equal(excel.body.split('\r\n').length, 5);

  const list = await app.inject({ url: '/vragen.csv?onderwerp=alle&status=overdue&voor=excel' });
  t.ok(list.body.startsWith('\uFEFFnummer;onderwerp;status;'), '/vragen.csv in the Excel dialect');
  const plain = await app.inject({ url: '/vragen.csv?onderwerp=alle&status=overdue' });
  t.ok(plain.body.startsWith('nummer,onderwerp,status,'), '/vragen.csv in RFC 4180 by default');
  t.equal((await app.inject({ url: '/vragen.csv?voor=word' })).statusCode, 400);
  t.match((await app.inject({ url: '/vragen?onderwerp=alle' })).body, /href="\/vragen.csv\?onderwerp=alle&amp;voor=excel"/);
});
