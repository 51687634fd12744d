// The Kamer's own files (DOCX and PDF, made in the test) read into questions and answers: page
// headers, footers and page numbers gone, words broken at the line end mended, footnotes apart.
import t from 'tap';
import { UnreadableText } from '../../server/texts/parsed.ts';
import { parsePlainText } from '../../server/texts/plain-text.ts';
import { parseTkFile } from '../../server/texts/tk-file.ts';
import { docx, pdf, type PdfLine } from '../helpers/office-files.ts';

const line = (y: number, text: string, size = 10): PdfLine => ({ x: 72, y, size, text });

t.test('a DOCX of questions: headings with the text on their own line or after a colon; the footer is not text', async (t) => {
  const file = docx(
    ['2025Z10001', 'Vragen van het lid Jansen (GroenLinks-PvdA) aan de minister van Volksgezondheid, Welzijn en Sport over het bericht «Datalek bij laboratorium» (ingezonden 20 mei 2025).', 'Vraag 1', 'Bent u bekend met het bericht?', 'Vraag 2: Hoeveel patiënten zijn getroffen?', 'Kunt u dat per regio aangeven?', '1 NOS, 19 mei 2025, https://nos.nl/artikel/2000001'],
    'Pagina 1 van 1 — 2025Z10001',
  );
  const doc = await parseTkFile(file, 'docx', 'questions');
  t.same(doc.items, [
    { numbers: ['1'], text: 'Bent u bekend met het bericht?' },
    { numbers: ['2'], text: 'Hoeveel patiënten zijn getroffen?\n\nKunt u dat per regio aangeven?' },
  ]);
  t.same(doc.footnotes, [{ text: 'NOS, 19 mei 2025, https://nos.nl/artikel/2000001', url: 'https://nos.nl/artikel/2000001' }]);
  t.notOk(JSON.stringify(doc).includes('Pagina'), 'the page footer is not in the text');
});

t.test('a DOCX answer: numbered and bare answer headings, the signature ends the last answer', async (t) => {
  const file = docx(['Antwoord van minister Agema (ontvangen 24 juni 2025)', 'Vraag 1', 'Bent u bekend met het bericht?', 'Antwoord 1', 'Ja.', 'Vraag 2', 'Hoeveel?', 'Antwoord', 'Ongeveer 485.000.', 'Vraag 5', 'Wie?', 'Antwoord vraag 5', 'De Inspectie.', 'Vragen 3 en 4', 'Wanneer? En hoe?', 'Antwoord op vraag 3 en 4', 'Zie het antwoord op vraag 2. Vragen 3 en 4 beantwoord ik samen.', 'De minister van Volksgezondheid, Welzijn en Sport,', 'M.H.M. Agema']);
  const doc = await parseTkFile(file, '.DOCX', 'answer');
  t.same(doc.items, [
    { numbers: ['1'], text: 'Ja.' },
    { numbers: ['2'], text: 'Ongeveer 485.000.' },
    { numbers: ['5'], text: 'De Inspectie.' },
    { numbers: ['3', '4'], text: 'Zie het antwoord op vraag 2. Vragen 3 en 4 beantwoord ik samen.' },
  ]);
  t.same(doc.questions?.map((q) => q.numbers), [['1'], ['2'], ['5'], ['3', '4']]);
});

t.test('a PDF answer: running header, page numbers, hyphenation, small-print footnotes and page breaks cleaned', async (t) => {
  const file = pdf([
    [
      line(800, '2025D20001', 8),
      line(760, 'Antwoord van minister Agema (ontvangen 24 juni 2025)'),
      line(730, 'Vraag 1'),
      line(706, 'Bent u bekend met het bericht over de stalsyste-'),
      line(692, 'men van het laboratorium?'),
      line(668, 'Antwoord 1'),
      line(644, 'Ja, daarmee ben ik be-'),
      line(630, 'kend. De Inspectie onderzoekt de zaak en'),
      line(616, 'het laboratorium werkt mee.'),
      line(592, 'Vraag 2'),
      line(568, 'Wat doet u in Noord-'),
      line(554, 'Holland aan het toezicht op de'),
      line(110, '1 NOS, 19 mei 2025, https://nos.nl/artikel/2000001-datalek-', 8),
      line(100, 'bij-laboratorium', 8),
      line(40, 'Pagina 1 van 2', 8),
    ],
    [
      line(800, '2025D20001', 8),
      line(760, 'laboratoria?'),
      line(736, 'Antwoord 2'),
      line(712, 'Ik informeer uw Kamer hierover voor de zomer.'),
      line(40, 'Pagina 2 van 2', 8),
    ],
  ]);
  const doc = await parseTkFile(file, 'pdf', 'answer');
  t.same(doc.questions, [
    { numbers: ['1'], text: 'Bent u bekend met het bericht over de stalsystemen van het laboratorium?' },
    { numbers: ['2'], text: 'Wat doet u in Noord-Holland aan het toezicht op de laboratoria?' },
  ], 'hyphenation mended (a capital after the hyphen keeps it); the question continues on the next page');
  t.same(doc.items, [
    { numbers: ['1'], text: 'Ja, daarmee ben ik bekend. De Inspectie onderzoekt de zaak en het laboratorium werkt mee.' },
    { numbers: ['2'], text: 'Ik informeer uw Kamer hierover voor de zomer.' },
  ]);
  const all = JSON.stringify(doc);
  t.notOk(all.includes('2025D20001'), 'running header gone');
  t.notOk(all.includes('Pagina'), 'page numbers gone');
  t.same(doc.footnotes, [{ text: 'NOS, 19 mei 2025, https://nos.nl/artikel/2000001-datalek-bij-laboratorium', url: 'https://nos.nl/artikel/2000001-datalek-bij-laboratorium' }], 'a URL broken over two lines is whole');
});

t.test('a PDF delay notice: its text is the remark', async (t) => {
  const file = pdf([[line(760, 'Mededeling van minister Agema (ontvangen 10 juni 2025)'), line(730, 'De vragen van het lid Jansen kunnen niet binnen de gebruikelijke termijn'), line(716, 'worden beantwoord, omdat informatie van de Inspectie nodig is.')]]);
  const doc = await parseTkFile(file, 'pdf', 'notice');
  t.equal(doc.remark, 'Mededeling van minister Agema (ontvangen 10 juni 2025)\n\nDe vragen van het lid Jansen kunnen niet binnen de gebruikelijke termijn worden beantwoord, omdat informatie van de Inspectie nodig is.');
});

t.test('older files numbered 1., 2. are read only while the numbers run in order', async (t) => {
  const doc = parsePlainText('Vragen van het lid Smit.\n\n1. Kent u het bericht?\n\n2) Is het waar dat 3. niet klopt?\n\n5. Een lijst, geen vraag.\n\n3. Wat doet u?', 'questions');
  t.same(doc.items.map((i) => [i.numbers, i.text]), [
    [['1'], 'Kent u het bericht?'],
    [['2'], 'Is het waar dat 3. niet klopt?\n\n5. Een lijst, geen vraag.'],
    [['3'], 'Wat doet u?'],
  ]);
});

t.test('unreadable files throw UnreadableText with the reason', async (t) => {
  await t.rejects(parseTkFile(new Uint8Array([1, 2, 3]), 'doc', 'questions'), /Onbekend bestandsformaat 'doc'/);
  await t.rejects(parseTkFile(new Uint8Array(), '', 'questions'), UnreadableText);
  await t.rejects(parseTkFile(pdf([[]]), 'pdf', 'answer'), /geen tekst \(een scan/, 'a page without a text layer');
  await t.rejects(parseTkFile(new TextEncoder().encode('%PDF-1.4 kapot'), 'pdf', 'answer'), /PDF-bestand kan niet worden gelezen/);
  await t.rejects(parseTkFile(new TextEncoder().encode('geen zip'), 'docx', 'answer'), /DOCX-bestand kan niet worden gelezen/);
  await t.rejects(parseTkFile(docx(['Een brief zonder genummerde antwoorden, met genoeg tekst om te lezen.']), 'docx', 'answer'), /Geen genummerde antwoorden/);
  await t.rejects(parseTkFile(docx(['Een brief zonder genummerde vragen, met genoeg tekst om te lezen.']), 'docx', 'questions'), /Geen genummerde vragen/);
});
