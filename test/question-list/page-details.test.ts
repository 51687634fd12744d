// What a list page shows of its sets beyond the status rows, read in one query
// (server/question-list/page-details.ts): title, askers in the list's order, the ministries once
// each, and with a search the snippet from the first text holding the words, in reading order:
// each question before its answer, then the delay notice, then the title.
import t from 'tap';
import { questionAddressees, questionAskers, questionTexts, questionTextSets, zaken } from '../../server/db/schema/index.ts';
import { pageDetails } from '../../server/question-list/page-details.ts';
import { wordLexemes } from '../../server/search/lexemes.ts';
import { testDatabase } from '../helpers/databases.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const NOW = new Date('2026-01-15T09:00:00Z');
const text = (d: { snippet: { segments: { text: string }[] } | null } | undefined) => d?.snippet?.segments.map((s) => s.text).join('') ?? null;

t.test('titles, askers, ministries and snippets of a page, in one query', async (t) => {
  const { db } = await testDatabase(t);
  const [a, b, c] = [id(1), id(2), id(3)];
  await db.insert(zaken).values([
    { id: a, bijgewerkt: NOW, nummer: '2025Z10001', soort: 'Schriftelijke vragen', titel: 'Dossier zorg', onderwerp: 'Het datalek bij het laboratorium' },
    { id: b, bijgewerkt: NOW, nummer: '2025Z10002', soort: 'Schriftelijke vragen', titel: 'Wachttijden in de ggz', onderwerp: null },
    { id: c, bijgewerkt: NOW, nummer: '2025Z10003', soort: 'Schriftelijke vragen', titel: null, onderwerp: null },
  ]);
  await db.insert(questionAskers).values([
    { zaakId: a, actorId: id(11), name: 'Van Dijk', role: 'Medeindiener', party: 'SP' },
    { zaakId: a, actorId: id(12), name: 'Bakker', role: 'Medeindiener', party: null },
    { zaakId: a, actorId: id(13), name: 'Zwart', role: 'Indiener', party: 'NSC' },
    { zaakId: a, actorId: id(14), name: null, role: 'Medeindiener', party: 'D66' },
  ]);
  await db.insert(questionAddressees).values([
    { zaakId: a, actorId: id(21), name: 'minister', functie: 'minister van VWS', ministry: 'VWS' },
    { zaakId: a, actorId: id(22), name: 'staatssecretaris', functie: 'staatssecretaris van VWS', ministry: 'VWS' },
    { zaakId: a, actorId: id(23), name: 'onbekend', functie: null, ministry: null },
  ]);
  await db.insert(questionTextSets).values([
    { zaakId: a, textSource: 'koop', delayReason: 'De beantwoording vergt afstemming over het datalek.', footnotes: [], updatedAt: NOW },
    { zaakId: b, textSource: 'koop', delayReason: null, footnotes: [], updatedAt: NOW },
  ]);
  await db.insert(questionTexts).values([
    // Inserted out of order: the position decides.
    { zaakId: a, position: 2, number: '2', text: 'Wie is over het datalek op de hoogte gebracht?', answerText: 'Het datalek is gemeld bij de Autoriteit Persoonsgegevens.' },
    { zaakId: a, position: 1, number: '1', text: 'Bent u bekend met het bericht?', answerText: 'Ja, het laboratorium meldde een datalek.' },
    { zaakId: b, position: 1, number: '1', text: 'Hoe lang zijn de wachttijden?', answerText: null },
  ]);

  const plain = await pageDetails(db, [a, b, c], []);
  t.same(plain.get(a), {
    nummer: '2025Z10001',
    title: 'Het datalek bij het laboratorium',
    askers: [
      { name: 'Zwart', party: 'NSC', role: 'Indiener' },
      { name: 'Bakker', party: null, role: 'Medeindiener' },
      { name: 'Van Dijk', party: 'SP', role: 'Medeindiener' },
      { name: '', party: 'D66', role: 'Medeindiener' },
    ],
    ministries: ['VWS'],
    snippet: null,
  });
  t.same(plain.get(b), { nummer: '2025Z10002', title: 'Wachttijden in de ggz', askers: [], ministries: [], snippet: null }, 'the titel when there is no onderwerp');
  t.same(plain.get(c)?.title, '', 'neither: empty');

  const datalek = await pageDetails(db, [a, b, c], wordLexemes('datalek'));
  t.equal(datalek.get(a)?.snippet?.source, 'answer', 'the first answer holding the word, before the second question');
  t.equal(datalek.get(a)?.snippet?.questionNumber, '1');
  t.match(text(datalek.get(a)), /laboratorium meldde een datalek/);
  t.equal(datalek.get(b)?.snippet, null, 'no text holds the word');

  const afstemming = await pageDetails(db, [a], wordLexemes('afstemming'));
  t.same([afstemming.get(a)?.snippet?.source, afstemming.get(a)?.snippet?.questionNumber], ['delay', null], 'the delay notice');

  const dossier = await pageDetails(db, [a], wordLexemes('dossier'));
  t.equal(dossier.get(a)?.snippet?.source, 'title');
  t.equal(text(dossier.get(a)), 'Het datalek bij het laboratorium — Dossier zorg', 'subject and title, both');

  const ggz = await pageDetails(db, [b], wordLexemes('ggz'));
  t.same([ggz.get(b)?.snippet?.source, text(ggz.get(b))], ['title', 'Wachttijden in de ggz'], 'a set whose onderwerp is missing: its titel');

  t.equal((await pageDetails(db, [], wordLexemes('datalek'))).size, 0, 'no ids, no query');
});
