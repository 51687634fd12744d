// Search over titles, subjects, questions and answers (server/search/), on the driver this run
// uses (PostgreSQL with DATABASE_URL, PGlite otherwise): stemming, a word only in an answer, the
// zaaknummer and document number, ranking, snippets, the other filters, and hostile input.
import t from 'tap';
import { afterTextsChanged } from '../../server/derivation/after-texts.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { questionTexts, questionTextSets } from '../../server/db/schema/index.ts';
import type { Db } from '../../server/db/client.ts';
import { parseSearch } from '../../server/search/query.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';

async function insertTexts(db: Db, zaakId: string, pairs: { q: string; a: string | null }[], delayReason: string | null = null) {
  await db.insert(questionTextSets).values({ zaakId, textSource: 'koop', delayReason, footnotes: [], updatedAt: TEST_NOW });
  await db.insert(questionTexts).values(pairs.map((p, i) => ({ zaakId, position: i + 1, number: String(i + 1), text: p.q, answerText: p.a })));
}

t.test('the query builder never passes input through as tsquery syntax', async (t) => {
  t.same(parseSearch('gelekt').tsquery, "('gelekt' | 'lek')");
  t.same(parseSearch('laboratorium datalek').tsquery, "'laboratorium' & 'datalek'");
  t.same(parseSearch('Z-CERT').tsquery, "('z' <-> 'cert')");
  t.same(parseSearch('"lek bij het lab"').tsquery, "('lek' <3> 'lab')", 'stop words keep their distance in a phrase');
  t.same(parseSearch('hack OF ransomware -belastingdienst').tsquery, "('hack' | 'ransomwar') & !'belastingdienst'");
  t.same(parseSearch('2025Z15001').numbers, ['2025Z15001']);
  t.equal(parseSearch('de het een').tsquery, null, 'only stop words: nothing to search');
  t.equal(parseSearch('-lek').tsquery, null, 'only an exclusion: nothing to search');
  t.equal(parseSearch("'; drop table zaken; -- & | ! <-> :* \\").tsquery, "'drop' & 'tabl' & 'zak'");
});

t.test('/vragen?q= and /api/v1/questions?q= search texts with stemming', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const nsc = await insertFractie(db, { afkorting: 'NSC' });
  const gl = await insertFractie(db, { afkorting: 'GroenLinks-PvdA' });
  const joseph = await insertPersoon(db, { achternaam: 'Joseph', initialen: 'A.' });
  const kathmann = await insertPersoon(db, { achternaam: 'Kathmann', initialen: 'B.' });
  await insertSeat(db, { fractieId: nsc, persoonId: joseph, van: '2023-12-06' });
  await insertSeat(db, { fractieId: gl, persoonId: kathmann, van: '2023-12-06' });

  const lab = await insertQuestionSet(db, { nummer: '2025Z15001', submitted: '2025-08-13', onderwerp: 'Berichtgeving over een laboratorium in Rijswijk' });
  await insertActor(db, { zaakId: lab.zaakId, relatie: 'Indiener', naam: 'A. Joseph', persoonId: joseph });
  const answerDoc = await insertDocument(db, { zaakId: lab.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-09-02', nummer: '2025D40001' });
  t.ok(answerDoc);
  const other = await insertQuestionSet(db, { nummer: '2025Z19002', submitted: '2025-10-06', onderwerp: 'Het datalek bij het laboratorium en de lekken bij Z-CERT' });
  await insertActor(db, { zaakId: other.zaakId, relatie: 'Indiener', naam: 'B. Kathmann', persoonId: kathmann });
  const premium = await insertQuestionSet(db, { nummer: '2025Z20003', submitted: '2025-11-10', onderwerp: 'De hoogte van de zorgpremie in 2026' });
  await insertActor(db, { zaakId: premium.zaakId, relatie: 'Indiener', naam: 'B. Kathmann', persoonId: kathmann });
  await runDeadlines(db, TEST_NOW);

  // Texts arrive later (the texts job), and are indexed through the entry point it calls.
  await insertTexts(db, lab.zaakId, [
    { q: 'Bent u bekend met het bericht over het laboratorium?', a: 'Ja.' },
    { q: 'Hoeveel deelnemers zijn geraakt?', a: 'Bij het laboratorium zijn de gegevens van 485.000 deelnemers gelekt <script>alert(1)</script> via een onbeveiligde server.' },
  ]);
  await insertTexts(db, premium.zaakId, [{ q: 'Waarom stijgt de premie?', a: 'De zorgkosten stijgen; een datalek speelt geen rol.' }], 'Het antwoord vergt afstemming met het Zorginstituut.');
  const after = await afterTextsChanged(db, [lab.zaakId, premium.zaakId], TEST_NOW);
  t.equal(after.indexed, 2);

  const api = async (q: string, extra = '') => {
    const res = await app.inject({ url: `/api/v1/questions?onderwerp=alle&q=${encodeURIComponent(q)}${extra}` });
    t.equal(res.statusCode, 200, `q=${JSON.stringify(q).slice(0, 40)}`);
    return res.json() as { total: number; items: { number: string; snippet: string | null; snippetMarks: { start: number; end: number }[] }[] };
  };

  const leaked = await api('lekken');
  t.same(leaked.items.map((i) => i.number).sort(), ['2025Z15001', '2025Z19002'], "'lekken' finds 'gelekt', a word only in an answer, and 'lekken' in a title");
  const onlyAnswer = await api('gelekt');
  t.same(onlyAnswer.items.map((i) => i.number).sort(), ['2025Z15001', '2025Z19002'], "'gelekt' finds 'lekken' too");
  const hit = onlyAnswer.items.find((i) => i.number === '2025Z15001')!;
  t.match(hit.snippet, /gegevens van 485\.000 deelnemers gelekt/);
  t.same(hit.snippetMarks.map((m) => hit.snippet!.slice(m.start, m.end)), ['gelekt']);

  const ranked = await api('datalek');
  t.same(ranked.items.map((i) => i.number), ['2025Z19002', '2025Z20003'], 'ranked: a title hit before a newer answer hit');

  const delay = await api('zorginstituut');
  t.same(delay.items.map((i) => i.number), ['2025Z20003'], 'the delay notice is searched');

  t.same((await api('2025Z19002')).items.map((i) => i.number), ['2025Z19002'], 'a zaaknummer finds its set');
  t.same((await api('2025d40001')).items.map((i) => i.number), ['2025Z15001'], 'a document number finds its set');
  t.same((await api('lekken', '&fractie=NSC')).items.map((i) => i.number), ['2025Z15001'], 'the other filters still apply');
  t.same((await api('Z-CERT')).items.map((i) => i.number), ['2025Z19002']);
  t.same((await api('lekken -rijswijk')).items.map((i) => i.number), ['2025Z19002']);
  t.same(
    (await api('laboratorium -deelnemers')).items.map((i) => i.number),
    ['2025Z19002'],
    'a set whose title matches but whose answer holds the excluded word is no hit',
  );
  t.same((await api('"het datalek bij het laboratorium"')).items.map((i) => i.number), ['2025Z19002'], 'a phrase');
  t.equal((await api('de')).total, 0, 'a stop word alone finds nothing (and is no error)');

  // Hostile input: results or a 400, never a 500.
  for (const q of ["'", '"', '!', '&&||', '<->', ':*', 'a:*b', '(((', '\\', "'; drop table zaken; --", '🦀 lek', 'x'.repeat(200), 'lek OR OR OF', '-', '""""', '\u200b', '%']) {
    const res = await app.inject({ url: `/api/v1/questions?onderwerp=alle&q=${encodeURIComponent(q)}` });
    t.equal(res.statusCode, 200, `q=${JSON.stringify(q).slice(0, 30)} → 200`);
    const page = await app.inject({ url: `/vragen?onderwerp=alle&q=${encodeURIComponent(q)}` });
    t.equal(page.statusCode, 200, `page q=${JSON.stringify(q).slice(0, 30)} → 200`);
  }
  for (const q of ['lek\u0000', 'x'.repeat(201)]) {
    const res = await app.inject({ url: `/api/v1/questions?onderwerp=alle&q=${encodeURIComponent(q)}` });
    t.equal(res.statusCode, 400, `q=${JSON.stringify(q).slice(0, 30)} → 400`);
  }
  const badUtf8 = await app.inject({ url: '/vragen?q=%C3%28' });
  t.equal(badUtf8.statusCode, 400);

  // The page: the snippet under the hit, marks ours, the text escaped.
  const page = await app.inject({ url: '/vragen?onderwerp=alle&q=gelekt' });
  t.equal(page.statusCode, 200);
  t.match(page.body, /<p class="snippet"><span class="snippet__source"><a href="\/vragen\/2025Z15001#vraag-2">Antwoord 2<\/a>:<\/span>/);
  t.match(page.body, /<mark>gelekt<\/mark> &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  t.notMatch(page.body, /<script>alert/);
  t.match(page.body, /href="\/abonneren\?zoekwoorden=gelekt"/, 'a way to follow the search by mail');
  t.match(page.body, /<option value="" selected>Standaard/, 'sorted by relevance by default');

  // Titles change (a sync): the derivation re-indexes the set in its transaction.
  await db.execute(`update zaken set onderwerp = 'Ransomware bij een ziekenhuis' where nummer = '2025Z20003'`);
  const { derivePendingZaken } = await import('../../server/derivation/pending-sets.ts');
  await db.execute(`insert into sync_pending_zaken (zaak_id, since) values ('${premium.zaakId}', now())`);
  await derivePendingZaken(db, TEST_NOW);
  t.same((await api('ransomware')).items.map((i) => i.number), ['2025Z20003'], 'a changed subject is found');
  t.equal((await api('zorgpremie')).total, 0, 'the old subject is gone');
});
