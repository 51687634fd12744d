// KOOP's official XML read into questions, answers, a notice's remark and footnotes, on the
// fixtures in test/fixtures/koop/ (the real structure; see its README).
import { readFileSync } from 'node:fs';
import t from 'tap';
import { parseKoopXml } from '../../server/texts/koop-xml.ts';
import { UnreadableText } from '../../server/texts/parsed.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/koop/${name}`, import.meta.url), 'utf8');

t.test('a question set: numbered questions, paragraphs, inline markup, footnotes with URLs', async (t) => {
  const doc = parseKoopXml(fixture('kv-tk-2025Z10001.xml'), 'questions');
  t.equal(doc.kind, 'questions');
  t.same(doc.items.map((i) => i.numbers), [['1'], ['2'], ['3'], ['4'], ['5'], ['6']]);
  t.equal(doc.items[0]?.text, 'Bent u bekend met het bericht «Datalek bij laboratorium treft half miljoen patiënten»?', 'number label and footnote stay out of the text');
  t.equal(doc.items[2]?.text, 'Wanneer zijn de getroffen patiënten ingelicht?\n\nIs daarbij de termijn van de AVG gehaald?', 'paragraphs joined by a blank line');
  t.equal(doc.items[3]?.text, 'Welke eisen stelt NEN 7510 aan laboratoria, en werden die hier nageleefd?', 'inline emphasis kept as text');
  t.same(doc.footnotes, [
    { text: 'NOS, 19 mei 2025, https://nos.nl/artikel/2000001-datalek-bij-laboratorium.', url: 'https://nos.nl/artikel/2000001-datalek-bij-laboratorium' },
    { text: 'Zie ook de eerdere vragen van het lid Jansen, Aanhangsel Handelingen II 2023/24, nr. 812.', url: null },
  ]);
  t.equal(doc.remark, null);
});

t.test('an answer: grouped numbers, the reprinted questions kept apart, the signature left out', async (t) => {
  const doc = parseKoopXml(fixture('ah-tk-20242025-1244.xml'), 'answer');
  t.same(doc.items.map((i) => i.numbers), [['1'], ['2', '3'], ['4'], ['5']]);
  t.equal(doc.items[0]?.text, 'Ja.');
  t.match(doc.items[1]?.text, /^Volgens het laboratorium .*\n\nHet laboratorium heeft/s);
  t.same(doc.questions?.map((i) => i.numbers[0]), ['1', '2', '3', '4', '5', '6']);
  t.notOk(doc.items.some((i) => i.text.includes('Agema')), 'ondertekening is no answer');
  t.equal(doc.footnotes.length, 1, 'the nootref adds no second footnote');
});

t.test('a delay notice: the kamervraagopmerking is the remark', async (t) => {
  const doc = parseKoopXml(fixture('ah-tk-20242025-1100.xml'), 'notice');
  t.same(doc.items, []);
  t.match(doc.remark, /kunnen niet binnen de gebruikelijke termijn worden beantwoord, omdat voor de beantwoording informatie van het laboratorium/);
  t.match(doc.remark, /\n\nIk streef ernaar/);
});

t.test('the older structure: vragen/nummer, numbers inside the paragraph, lettered lists', async (t) => {
  const doc = parseKoopXml(fixture('ah-tk-20082009-512.xml'), 'answer');
  t.same(doc.questions?.map((i) => i.numbers), [['1'], ['2'], ['3']]);
  t.equal(doc.questions?.[2]?.text, 'Welke maatregelen neemt u?\n\na. op korte termijn;\n\nb. op lange termijn?');
  t.same(doc.items.map((i) => [i.numbers, i.text]), [
    [['1'], 'Ja.'],
    [['2'], 'Nee, in de pilot was dat tijdelijk toegestaan.'],
    [['3'], 'Over de maatregelen stuur ik uw Kamer in een aparte brief bericht.'],
  ]);
  const questions = parseKoopXml(fixture('ah-tk-20082009-512.xml'), 'questions');
  t.equal(questions.items.length, 3, 'the same publication read for its questions');
});

t.test('one unnumbered answer to several questions is a letter (no numbers)', async (t) => {
  const doc = parseKoopXml(fixture('ah-tk-20102011-2001.xml'), 'answer');
  t.same(doc.items.map((i) => i.numbers), [[]]);
  t.same(doc.questions?.map((i) => i.numbers), [['1'], ['2']], 'bare <nr>1</nr> read as a number');
});

t.test('unnumbered questions are numbered by position', async (t) => {
  const doc = parseKoopXml('<officiele-publicatie><kamervragen><vraag><al>Eerste?</al></vraag><vraag><al>Tweede?</al></vraag></kamervragen></officiele-publicatie>', 'questions');
  t.same(doc.items, [{ numbers: ['1'], text: 'Eerste?' }, { numbers: ['2'], text: 'Tweede?' }]);
});

t.test('numbers written as the first paragraph (no <nr>): a heading of its own or a lead', async (t) => {
  const xml = `<officiele-publicatie><kamervragen>
    <vraag><al>Vraag 1</al><al>Kent u het bericht?</al></vraag>
    <antwoord><al>Antwoord 1</al><al>Ja.</al></antwoord>
    <vraag><al>Vraag 2: Wat doet u?</al></vraag>
    <vraag><al>Vraag 3</al><al>En daarna?</al></vraag>
    <antwoord><al>Antwoord 2 en 3</al><al>Ik informeer uw Kamer voor de zomer.</al></antwoord>
  </kamervragen></officiele-publicatie>`;
  t.same(parseKoopXml(xml, 'questions').items, [
    { numbers: ['1'], text: 'Kent u het bericht?' },
    { numbers: ['2'], text: 'Wat doet u?' },
    { numbers: ['3'], text: 'En daarna?' },
  ]);
  t.same(parseKoopXml(xml, 'answer').items, [
    { numbers: ['1'], text: 'Ja.' },
    { numbers: ['2', '3'], text: 'Ik informeer uw Kamer voor de zomer.' },
  ]);
});

t.test('number headings: grouped, listed, ranges, suffixes', async (t) => {
  const xml = (nr: string) => `<officiele-publicatie><kamervragen><antwoord><nr>${nr}</nr><al>Tekst.</al></antwoord></kamervragen></officiele-publicatie>`;
  const cases: [string, string[]][] = [
    ['Antwoord 2 en 3', ['2', '3']],
    ['Vraag 2, 3', ['2', '3']],
    ['Antwoord 4, 5 en 6', ['4', '5', '6']],
    ['Antwoord op vraag 7 t/m 9', ['7', '8', '9']],
    ['Antwoorden 10 tot en met 11', ['10', '11']],
    ['Antwoord 3a', ['3a']],
    ['Antwoord 12.', ['12']],
  ];
  for (const [nr, numbers] of cases) t.same(parseKoopXml(xml(nr), 'answer').items[0]?.numbers, numbers, nr);
});

t.test('unreadable publications throw UnreadableText with a reason in words', async (t) => {
  t.throws(() => parseKoopXml(fixture('malformed.xml'), 'questions'), UnreadableText);
  t.throws(() => parseKoopXml(fixture('malformed.xml'), 'questions'), /niet goed gevormd/);
  t.throws(() => parseKoopXml('<html><body>Niet gevonden</body></html>', 'answer'), /geen Kamervragen/);
  t.throws(() => parseKoopXml('', 'answer'), UnreadableText, 'empty body');
  t.throws(() => parseKoopXml(fixture('ah-tk-20242025-1100.xml'), 'questions'), /Geen vragen/, 'a notice read as questions');
  t.throws(() => parseKoopXml('<officiele-publicatie><kamervragen><kamervraagnummer>1</kamervraagnummer></kamervragen></officiele-publicatie>', 'answer'), /Geen antwoorden/);
  t.throws(() => parseKoopXml('<officiele-publicatie><kamervragen/></officiele-publicatie>', 'notice'), /Geen mededeling/);
});
