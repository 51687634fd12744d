// Until KOOP publishes, the Kamer's own file (DOCX or PDF, made in the test) gives the text, marked
// as such on the page and in the API; a failed retry keeps it; KOOP's text replaces it once
// published. A file in a format that cannot be read is recorded as unreadable with its reason.
import { asc, eq } from 'drizzle-orm';
import t from 'tap';
import { questionTexts, questionTextSets } from '../../server/db/schema/index.ts';
import { buildApp } from '../helpers/app.ts';
import { insertDocument, insertZaak } from '../helpers/builders.ts';
import { docx, pdf, type PdfLine } from '../helpers/office-files.ts';
import { startTextSources } from './helpers/koop-server.ts';
import { insertVersie, textRow, textsOnce } from './helpers/texts-run.ts';

const NOW = new Date('2025-07-10T10:00:00+02:00');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const line = (y: number, text: string): PdfLine => ({ x: 72, y, size: 10, text });

const KV = `<?xml version="1.0" encoding="UTF-8"?><officiele-publicatie><kamervragen>
<kamervraagomschrijving type="vraag">Vragen van het lid Jansen over het datalek.</kamervraagomschrijving>
<vraag><nr>Vraag 1</nr><al>Bent u bekend met het bericht (officieel)?</al></vraag>
<vraag><nr>Vraag 2</nr><al>Hoeveel patiënten zijn getroffen (officieel)?</al></vraag>
</kamervragen></officiele-publicatie>`;
const AH = `<?xml version="1.0" encoding="UTF-8"?><officiele-publicatie><kamervragen>
<kamervraagomschrijving type="antwoord">Antwoord van minister Agema.</kamervraagomschrijving>
<vraag><nr>Vraag 1</nr><al>Bent u bekend met het bericht (officieel)?</al></vraag>
<antwoord><nr>Antwoord 1</nr><al>Ja (officieel).</al></antwoord>
<vraag><nr>Vraag 2</nr><al>Hoeveel patiënten zijn getroffen (officieel)?</al></vraag>
<antwoord><nr>Antwoord 2</nr><al>Ongeveer 485.000 (officieel).</al></antwoord>
</kamervragen></officiele-publicatie>`;

t.test("the Kamer's DOCX and PDF until KOOP publishes, then KOOP's text", async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const sources = await startTextSources();
  t.teardown(() => sources.close());

  const zaakId = await insertZaak(db, { nummer: '2025Z10001', gestartOp: '2025-05-20', onderwerp: 'Datalek bij laboratorium' });
  const questions = await insertDocument(db, { zaakId, soort: 'Schriftelijke vragen', datum: '2025-05-20', nummer: '2025D20001' });
  await insertVersie(db, questions, { extensie: '.docx' });
  // The answer has no DocumentVersie yet: its file type comes from the response.
  const answer = await insertDocument(db, { zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-06-24', nummer: '2025D20003' });
  await insertVersie(db, answer, { externeidentifier: 'ah-tk-20242025-1244', extensie: '' });

  const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  sources.files.set(questions, {
    type: docxType,
    bytes: Buffer.from(docx(['Vragen van het lid Jansen (GroenLinks-PvdA) over het datalek (ingezonden 20 mei 2025).', 'Vraag 1', 'Bent u bekend met het bericht?', 'Vraag 2', 'Hoeveel patiënten zijn getroffen?'])),
  });
  sources.files.set(answer, {
    type: 'application/pdf',
    bytes: Buffer.from(
      pdf([[line(760, 'Antwoord van minister Agema (ontvangen 24 juni 2025)'), line(730, 'Vraag 1'), line(706, 'Bent u bekend met het bericht?'), line(682, 'Antwoord 1'), line(658, 'Ja.'), line(634, 'Vraag 2'), line(610, 'Hoeveel patiënten zijn getroffen?'), line(586, 'Antwoord 2'), line(562, 'Ongeveer 485.000.')]]),
    ),
  });
  sources.fout404.add('ah-tk-20242025-1244');

  const first = await textsOnce(db, sources, NOW);
  t.match(first, { tried: 2, tk: 2, koop: 0 });
  const q = (await textRow(db, questions))!;
  t.match(q, { state: 'ok', source: 'tk', attempts: 1 });
  t.match(q.reason, /KOOP kv-tk-2025Z10001: niet gevonden \(HTTP 404\)/);
  t.equal(q.nextAttemptAt?.toISOString(), later(30).toISOString(), 'KOOP is asked again later');
  t.match((await textRow(db, answer))!.reason, /fout404/);
  const paired = await db.select().from(questionTexts).where(eq(questionTexts.zaakId, zaakId)).orderBy(asc(questionTexts.position));
  t.same(paired.map((p) => [p.text, p.answerText]), [['Bent u bekend met het bericht?', 'Ja.'], ['Hoeveel patiënten zijn getroffen?', 'Ongeveer 485.000.']]);
  t.equal((await db.select().from(questionTextSets).where(eq(questionTextSets.zaakId, zaakId)))[0]!.textSource, 'tk');
  t.equal((await app.inject('/api/v1/questions/2025Z10001')).json().textSource, 'tk');
  const page = (await app.inject('/vragen/2025Z10001')).body;
  t.match(page, /tekst van de Tweede Kamer, nog niet officieel gepubliceerd/);

  // A retry that reads nothing (KOOP still missing, the Kamer's file gone for a moment) keeps the text.
  sources.files.delete(questions);
  const retry = await textsOnce(db, sources, later(31));
  t.match(retry, { tried: 2, tk: 1, missing: 1 });
  t.match(await textRow(db, questions), { state: 'ok', source: 'tk', attempts: 2 });
  t.equal((await textRow(db, questions))!.nextAttemptAt?.toISOString(), later(31 + 60).toISOString());
  t.equal((await db.select().from(questionTexts).where(eq(questionTexts.zaakId, zaakId))).length, 2, 'the set keeps its texts');

  // KOOP publishes: its text replaces the Kamer's, and nothing is retried any more.
  sources.koop.set('kv-tk-2025Z10001', KV);
  sources.koop.set('ah-tk-20242025-1244', AH);
  sources.fout404.clear();
  const official = await textsOnce(db, sources, later(24 * 60));
  t.match(official, { tried: 2, koop: 2, changedSets: 1 });
  t.match(await textRow(db, questions), { state: 'ok', source: 'koop', nextAttemptAt: null, attempts: 0, reason: null });
  const replaced = await db.select().from(questionTexts).where(eq(questionTexts.zaakId, zaakId)).orderBy(asc(questionTexts.position));
  t.same(replaced.map((p) => p.answerText), ['Ja (officieel).', 'Ongeveer 485.000 (officieel).']);
  t.equal((await db.select().from(questionTextSets).where(eq(questionTextSets.zaakId, zaakId)))[0]!.textSource, 'koop');
  t.notMatch((await app.inject('/vragen/2025Z10001')).body, /nog niet officieel gepubliceerd/);
  t.match(await textsOnce(db, sources, later(60 * 24 * 60)), { tried: 0 });
});

t.test('a file in an unknown format, or a scan without text, is unreadable with its reason', async (t) => {
  const { database } = await buildApp(t, { seed: false });
  const db = database.db;
  const sources = await startTextSources();
  t.teardown(() => sources.close());
  const zaakId = await insertZaak(db, { nummer: '2025Z10005', gestartOp: '2025-05-20' });
  const questions = await insertDocument(db, { zaakId, soort: 'Schriftelijke vragen', datum: '2025-05-20' });
  await insertVersie(db, questions, { extensie: '.doc' });
  const answer = await insertDocument(db, { zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-06-20' });
  await insertVersie(db, answer, { extensie: '.pdf' });
  sources.files.set(questions, { type: 'application/msword', bytes: Buffer.from('\xd0\xcf\x11\xe0 oud Word-bestand') });
  sources.files.set(answer, { type: 'application/pdf', bytes: Buffer.from(pdf([[]])) });
  const run = await textsOnce(db, sources, NOW);
  t.match(run, { tried: 2, unreadable: 2 });
  t.match(await textRow(db, questions), { state: 'unreadable', content: null });
  t.match((await textRow(db, questions))!.reason, /Onbekend bestandsformaat 'doc'/);
  t.match((await textRow(db, answer))!.reason, /geen tekst \(een scan/);
});
