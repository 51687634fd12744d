// The shape of one document's text once read, whatever it was read from (KOOP's XML or the
// Kamer's own DOCX/PDF). It is what `document_texts.content` holds as JSON, and what
// server/texts/pair.ts pairs into a set's questions and answers.

/** `questions`: the set itself; `answer`: the first answer; `nader-answer`: a later answer; `notice`: a delay notice (uitstelbericht). */
export type DocumentKind = 'questions' | 'answer' | 'nader-answer' | 'notice';

/**
 * One question or one answer. `numbers` are the question numbers it carries: 'Vraag 1' gives
 * ['1'], 'Antwoord 2 en 3' gives ['2', '3']. Paragraphs are joined by a blank line ('\n\n').
 */
export interface ParsedItem {
  numbers: string[];
  text: string;
}

export interface Footnote {
  text: string;
  url: string | null;
}

export interface ParsedDocument {
  kind: DocumentKind;
  items: ParsedItem[];
  /** The notice's remark (KOOP's `kamervraagopmerking`: why the answer is late), or an answer's remark. */
  remark: string | null;
  footnotes: Footnote[];
  /** In an answer: the questions as the answer reprints them (the Aanhangsel does), when it does. */
  questions?: ParsedItem[];
}

/** No text could be read; the message says why, in plain words (it is stored and shown to staff). */
export class UnreadableText extends Error {
  override name = 'UnreadableText';
}
