// Splits the plain text of a question or answer document (the Kamer's own DOCX or PDF, read by
// tk-file.ts) into numbered items. The Kamer's files head each item 'Vraag 1' / 'Antwoord 2 en 3',
// on its own line or followed by the text ('Vraag 1: Bent u …'); older files number '1.' or
// '1)' at the start of a paragraph, which is trusted only while the numbers run 1, 2, 3, ….
import { headingNumbers, NUMBER_LIST } from './numbers.ts';
import type { DocumentKind, Footnote, ParsedDocument, ParsedItem } from './parsed.ts';

const HEADING = new RegExp(String.raw`^(vraag|vragen|antwoord|antwoorden)\s+(?:(?:op|bij)\s+(?:de\s+)?)?(?:vra(?:ag|gen)\s+)?(${NUMBER_LIST})\s*([.:)]?)(?:\s+|$)`, 'iu');
/** 'Antwoord' or 'Antwoord:' alone: the answer to the question just above. */
const BARE_ANSWER = /^(?:ANTWOORD|[Aa]ntwoord)\s*(?:[.:]\s*|$|\s+(?=[\p{Lu}«"'‘“]))/u;
const BARE_NUMBER = /^(\d{1,3})\s*[.)]\s+(?=\S)/u;
/** The signature closes the last item ('De minister van Volksgezondheid, Welzijn en Sport,'). */
const SIGNATURE = /^(?:de|het)\s+(?:minister|staatssecretaris|ministers|staatssecretarissen)\b[^.?!]{0,120},?$/iu;
/** A notice's reason starts after its heading; the Kamer's notice files have no numbered items. */
const URL = /(?:https?:\/\/|www\.)[^\s<>"»«]+[^\s<>"»«.,;:)]/u;

interface Heading {
  /** 'vraag' or 'antwoord'. */
  word: 'vraag' | 'antwoord';
  numbers: string[];
  /** Text after the heading on the same paragraph. */
  rest: string;
}

function headingOf(paragraph: string): Heading | null {
  const m = HEADING.exec(paragraph);
  if (!m) return null;
  const rest = paragraph.slice(m[0].length).trim();
  // 'Vragen 2 en 3 beantwoord ik samen.' is a sentence, not a heading.
  if (rest && !m[3] && !/^[\p{Lu}«"'‘“(\d]/u.test(rest)) return null;
  const word = (m[1] ?? '').toLowerCase().startsWith('vra') ? 'vraag' : 'antwoord';
  return { word, numbers: headingNumbers(m[2] ?? ''), rest };
}

/** Items under headings of one word ('vraag' or 'antwoord'); paragraphs under the other word end an item. */
function itemsUnder(paragraphs: string[], word: 'vraag' | 'antwoord'): ParsedItem[] {
  const items: ParsedItem[] = [];
  let current: { numbers: string[]; paragraphs: string[] } | null = null;
  const close = () => {
    if (current && (current.paragraphs.length > 0 || current.numbers.length > 0)) items.push({ numbers: current.numbers, text: current.paragraphs.join('\n\n') });
    current = null;
  };
  let asked: string[] = [];
  for (const p of paragraphs) {
    const bare = HEADING.test(p) ? null : BARE_ANSWER.exec(p);
    const h: Heading | null = headingOf(p) ?? (bare && asked.length > 0 ? { word: 'antwoord', numbers: asked, rest: p.slice(bare[0].length).trim() } : null);
    if (h) {
      close();
      if (h.word === 'vraag') asked = h.numbers;
      if (h.word === word) current = { numbers: h.numbers, paragraphs: h.rest ? [h.rest] : [] };
      continue;
    }
    if (SIGNATURE.test(p)) {
      close();
      continue;
    }
    current?.paragraphs.push(p);
  }
  close();
  return items;
}

/** Items numbered '1.', '2.' at the start of paragraphs, only while the numbers run in order. */
function itemsByBareNumbers(paragraphs: string[]): ParsedItem[] {
  const items: ParsedItem[] = [];
  let next = 1;
  for (const p of paragraphs) {
    const m = BARE_NUMBER.exec(p);
    if (m && Number(m[1]) === next) {
      items.push({ numbers: [String(next)], text: p.slice(m[0].length).trim() });
      next += 1;
    } else if (SIGNATURE.test(p)) {
      break;
    } else if (items.length > 0) {
      const last = items[items.length - 1];
      if (last) last.text += `\n\n${p}`;
    }
  }
  return items;
}

/** Footnote lines ('1 https://nos.nl/…', '2 NOS, 19 mei 2025, https://…') are taken out of the text. */
function takeFootnotes(paragraphs: string[]): { paragraphs: string[]; footnotes: Footnote[] } {
  const footnotes: Footnote[] = [];
  const kept: string[] = [];
  for (const p of paragraphs) {
    const m = /^(\d{1,2})\s+(.+)$/su.exec(p);
    const url = m ? URL.exec(m[2] ?? '') : null;
    if (m && url) {
      const href = url[0].startsWith('www.') ? `https://${url[0]}` : url[0];
      footnotes.push({ text: (m[2] ?? '').trim(), url: href });
    } else kept.push(p);
  }
  return { paragraphs: kept, footnotes };
}

/**
 * Plain text (paragraphs separated by blank lines) as a ParsedDocument. `extraFootnotes` are
 * footnotes already taken out by the reader (a PDF's small print at the page foot).
 */
export function parsePlainText(text: string, kind: DocumentKind, extraFootnotes: Footnote[] = []): ParsedDocument {
  const split = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const { paragraphs, footnotes } = takeFootnotes(split);
  const allFootnotes = [...extraFootnotes, ...footnotes];
  if (kind === 'notice') {
    const body = paragraphs.filter((p) => !SIGNATURE.test(p));
    return { kind, items: [], remark: body.join('\n\n') || null, footnotes: allFootnotes };
  }
  const questions = itemsUnder(paragraphs, 'vraag');
  if (kind === 'questions') {
    const items = questions.length > 0 ? questions : itemsByBareNumbers(paragraphs);
    return { kind, items, remark: null, footnotes: allFootnotes };
  }
  const answers = itemsUnder(paragraphs, 'antwoord');
  return { kind, items: answers, remark: null, footnotes: allFootnotes, ...(questions.length > 0 ? { questions } : {}) };
}
