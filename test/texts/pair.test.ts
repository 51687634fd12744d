// A set's questions paired with the answer and a nader answer from the KOOP fixtures, with each
// flag: unanswered, grouped, referred, deferred; the delay notice's reason; the footnotes.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { parseKoopXml } from '../../server/texts/koop-xml.ts';
import { type PairedQuestion, pairSet } from '../../server/texts/pair.ts';
import type { DocumentKind, ParsedDocument } from '../../server/texts/parsed.ts';

const read = (name: string, kind: DocumentKind) => parseKoopXml(readFileSync(new URL(`../fixtures/koop/${name}`, import.meta.url), 'utf8'), kind);
const ANSWER = '00000000-0000-4000-8000-000000000001';
const NADER = '00000000-0000-4000-8000-000000000002';

const questions = read('kv-tk-2025Z10001.xml', 'questions');
const answer = read('ah-tk-20242025-1244.xml', 'answer');
const notice = read('ah-tk-20242025-1100.xml', 'notice');
const nader = read('ah-tk-20242025-1301.xml', 'nader-answer');

t.test('the first answer: grouped, referred, deferred and unanswered questions', async (t) => {
  const set = pairSet({ questions, answers: [{ documentId: ANSWER, parsed: answer }], notices: [notice] });
  t.same(set.questions.map((q) => [q.position, q.number, q.flags]), [
    [1, '1', []],
    [2, '2', ['grouped']],
    [3, '3', ['grouped']],
    [4, '4', ['referred']],
    [5, '5', ['deferred']],
    [6, '6', ['unanswered']],
  ]);
  const [one, two, three, four, five, six]: (PairedQuestion | undefined)[] = set.questions;
  t.equal(one?.text, 'Bent u bekend met het bericht «Datalek bij laboratorium treft half miljoen patiënten»?');
  t.equal(one?.answerText, 'Ja.');
  t.equal(one?.answerDocumentId, ANSWER);
  t.same(two?.answeredWith, ['3']);
  t.same(three?.answeredWith, ['2']);
  t.equal(two?.answerText, three?.answerText, 'a grouped answer is the same text for each question');
  t.same(four?.refersTo, ['2']);
  t.equal(five?.deferred, true);
  t.equal(five?.deferralText, 'Ik informeer uw Kamer hierover voor de zomer, zodra de uitkomsten van dat onderzoek bekend zijn.');
  t.equal(six?.answerText, null);
  t.equal(six?.answerDocumentId, null);
  t.match(set.delayReason, /kunnen niet binnen de gebruikelijke termijn worden beantwoord/);
  t.same(set.footnotes.map((f) => f.url), ['https://nos.nl/artikel/2000001-datalek-bij-laboratorium', null], 'footnotes of both documents, once each');
});

t.test('a nader answer fills the question the answer left open', async (t) => {
  const set = pairSet({ questions, answers: [{ documentId: ANSWER, parsed: answer }, { documentId: NADER, parsed: nader }], notices: [] });
  const six = set.questions[5];
  t.equal(six?.answerText, 'Ja, dat is gebeurd.');
  t.equal(six?.answerDocumentId, NADER);
  t.same(six?.flags, []);
  t.equal(set.questions[0]?.answerDocumentId, ANSWER, 'the others keep the first answer');
  t.equal(set.delayReason, null);
});

t.test('a nader answer replaces an answer that only postponed', async (t) => {
  const later: ParsedDocument = { kind: 'nader-answer', items: [{ numbers: ['5'], text: 'De Inspectie heeft haar toezicht versterkt.' }], remark: null, footnotes: [] };
  const set = pairSet({ questions, answers: [{ documentId: ANSWER, parsed: answer }, { documentId: NADER, parsed: later }], notices: [] });
  t.equal(set.questions[4]?.answerText, 'De Inspectie heeft haar toezicht versterkt.');
  t.equal(set.questions[4]?.deferred, false);
  const again: ParsedDocument = { kind: 'nader-answer', items: [{ numbers: ['1'], text: 'Nogmaals ja.' }], remark: null, footnotes: [] };
  t.equal(pairSet({ questions, answers: [{ documentId: ANSWER, parsed: answer }, { documentId: NADER, parsed: again }], notices: [] }).questions[0]?.answerText, 'Ja.', 'a substantive answer is kept');
});

t.test('without an answer yet, nothing is flagged unanswered', async (t) => {
  const set = pairSet({ questions, answers: [], notices: [notice] });
  t.ok(set.questions.every((q) => q.flags.length === 0 && q.answerText === null));
  t.match(set.delayReason, /Ik streef ernaar/);
});

t.test('a letter answer covers every question, grouped; the reprinted questions stand in for a missing questions document', async (t) => {
  const letter = read('ah-tk-20102011-2001.xml', 'answer');
  const set = pairSet({ questions: null, answers: [{ documentId: ANSWER, parsed: letter }], notices: [] });
  t.same(set.questions.map((q) => [q.number, q.text, q.answeredWith, q.flags]), [
    ['1', 'Wat is de stand van zaken?', ['2'], ['grouped']],
    ['2', 'Wanneer is het af?', ['1'], ['grouped']],
  ]);
  const remarkOnly: ParsedDocument = { kind: 'answer', items: [], remark: 'De vragen zijn beantwoord bij brief van 3 maart 2025.', footnotes: [] };
  t.same(pairSet({ questions, answers: [{ documentId: ANSWER, parsed: remarkOnly }], notices: [] }).questions[0]?.answeredWith, ['2', '3', '4', '5', '6']);
});

t.test('older numbering pairs by the number in the paragraph; references need a known question', async (t) => {
  const old = read('ah-tk-20082009-512.xml', 'answer');
  const set = pairSet({ questions: read('ah-tk-20082009-512.xml', 'questions'), answers: [{ documentId: ANSWER, parsed: old }], notices: [] });
  t.same(set.questions.map((q) => q.flags), [[], [], ['deferred']]);
  const pointer: ParsedDocument = {
    kind: 'answer',
    items: [
      { numbers: ['1'], text: 'Ja.' },
      { numbers: ['2'], text: 'Voor het antwoord op deze vraag verwijs ik naar mijn antwoord op de vragen 1 en 3.' },
      { numbers: ['3'], text: 'Zie het antwoord op vraag 14 van het lid Smit (Aanhangsel Handelingen II 2007/08, nr. 900).' },
    ],
    remark: null,
    footnotes: [],
  };
  const refs = pairSet({ questions: read('ah-tk-20082009-512.xml', 'questions'), answers: [{ documentId: ANSWER, parsed: pointer }], notices: [] });
  t.same(refs.questions.map((q) => q.refersTo), [[], ['1', '3'], []]);
  t.same(refs.questions.map((q) => q.flags), [[], ['referred'], []]);
});
