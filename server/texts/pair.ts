// Pairs a set's questions with their answers by number, across the answer and any nader answers,
// and flags how each was answered: `unanswered` (no answer of its number in any answer document),
// `grouped` (one answer text for several questions, "Antwoord 2 en 3", or one letter for all),
// `referred` (the answer points to another question's answer, "zie het antwoord op vraag 2"),
// `deferred` (the answer postpones the substance, see deferral.ts). The result is what
// question_texts and question_text_sets hold.
import type { QuestionTextFlag } from '../db/schema/texts.ts';
import { deferralSentence } from './deferral.ts';
import { headingNumbers, NUMBER_LIST } from './numbers.ts';
import type { Footnote, ParsedDocument, ParsedItem } from './parsed.ts';

export interface SetDocuments {
  questions: ParsedDocument | null;
  /** The answer first, then nader answers in date order. */
  answers: { documentId: string; parsed: ParsedDocument }[];
  /** Delay notices in date order. */
  notices: ParsedDocument[];
}

export interface PairedQuestion {
  /** 1-based order in the publication. */
  position: number;
  number: string;
  text: string;
  answerText: string | null;
  answerDocumentId: string | null;
  answeredWith: string[];
  refersTo: string[];
  deferred: boolean;
  deferralText: string | null;
  flags: QuestionTextFlag[];
}

export interface PairedSet {
  questions: PairedQuestion[];
  delayReason: string | null;
  footnotes: Footnote[];
}

interface Answer {
  item: ParsedItem;
  documentId: string;
  deferralText: string | null;
  /** One unnumbered text for the whole set (a letter). */
  letter: boolean;
}

// "zie het antwoord op vraag 2", "verwijs ik naar mijn antwoord op de vragen 2 en 3", "zie antwoord 4",
// "zoals aangegeven in de beantwoording van vraag 8".
const REFERENCE = new RegExp(
  String.raw`\b(?:(?:antwoord(?:en)?|beantwoording)\s+(?:op|bij|van)\s+(?:de\s+)?vra(?:ag|gen)|zie\s+(?:ook\s+)?(?:het\s+|mijn\s+)?antwoord(?:en)?)\s+(${NUMBER_LIST})`,
  'giu',
);

/** The question numbers an answer text points to, limited to the set's own and not its own. */
function referencesIn(text: string, own: Set<string>, known: Set<string>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(REFERENCE)) {
    for (const n of headingNumbers(m[1] ?? '')) if (known.has(n) && !own.has(n) && !out.includes(n)) out.push(n);
  }
  return out;
}

/** The set's questions: the questions document, else the questions an answer reprints. */
function questionItems(docs: SetDocuments): ParsedItem[] {
  if (docs.questions && docs.questions.items.length > 0) return docs.questions.items;
  return docs.answers.find((a) => (a.parsed.questions?.length ?? 0) > 0)?.parsed.questions ?? [];
}

/** The answers of a document as items; an answer document with only a remark is one letter. */
function answerItems(parsed: ParsedDocument): ParsedItem[] {
  if (parsed.items.length > 0) return parsed.items;
  return parsed.remark ? [{ numbers: [], text: parsed.remark }] : [];
}

function dedupeFootnotes(lists: Footnote[][]): Footnote[] {
  const seen = new Set<string>();
  const out: Footnote[] = [];
  for (const f of lists.flat()) {
    const key = `${f.url ?? ''}\u0000${f.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

export function pairSet(docs: SetDocuments): PairedSet {
  const items = questionItems(docs);
  const numbers = items.map((q, i) => q.numbers[0] ?? String(i + 1));
  const known = new Set(numbers);

  // Later documents fill what earlier ones left open, and replace an answer that only postponed.
  const byNumber = new Map<string, Answer>();
  for (const { documentId, parsed } of docs.answers) {
    for (const item of answerItems(parsed)) {
      const letter = item.numbers.length === 0;
      const answer: Answer = { item, documentId, deferralText: deferralSentence(item.text), letter };
      for (const n of letter ? numbers : item.numbers) {
        const earlier = byNumber.get(n);
        if (earlier && earlier.documentId === documentId) continue;
        if (!earlier || earlier.deferralText !== null || (letter ? false : earlier.letter)) byNumber.set(n, answer);
      }
    }
  }

  const questions = items.map((q, i): PairedQuestion => {
    const number = numbers[i] ?? String(i + 1);
    const answer = byNumber.get(number);
    const flags: QuestionTextFlag[] = [];
    if (!answer) {
      if (docs.answers.length > 0) flags.push('unanswered');
      return {
        position: i + 1, number, text: q.text, answerText: null, answerDocumentId: null,
        answeredWith: [], refersTo: [], deferred: false, deferralText: null, flags,
      };
    }
    const sharing = answer.letter ? numbers : answer.item.numbers;
    const answeredWith = sharing.filter((n) => n !== number && known.has(n));
    const refersTo = referencesIn(answer.item.text, new Set([number, ...answeredWith]), known);
    if (answeredWith.length > 0) flags.push('grouped');
    if (refersTo.length > 0) flags.push('referred');
    if (answer.deferralText !== null) flags.push('deferred');
    return {
      position: i + 1,
      number,
      text: q.text,
      answerText: answer.item.text,
      answerDocumentId: answer.documentId,
      answeredWith,
      refersTo,
      deferred: answer.deferralText !== null,
      deferralText: answer.deferralText,
      flags,
    };
  });

  const delayReason = docs.notices.map((n) => n.remark).filter((r): r is string => r !== null && r !== '').at(-1) ?? null;
  const footnotes = dedupeFootnotes([docs.questions?.footnotes ?? [], ...docs.answers.map((a) => a.parsed.footnotes)]);
  return { questions, delayReason, footnotes };
}
