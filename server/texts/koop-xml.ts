// Reads KOOP's official XML of written questions (kv-tk-…) and of answers and delay notices in
// the Aanhangsel van de Handelingen (ah-tk-…), streaming with saxes. The body is `<kamervragen>`
// with numbered `<vraag>` and `<antwoord>` elements (`<nr>Antwoord 2 en 3</nr>` then `<al>`
// paragraphs); publications from before about 2010 use `<nummer>` or put the number in the first
// paragraph, and some have no number at all (then the position counts). Footnotes (`<noot>`) sit
// inline where their marker is; a delay notice's reason is its `<kamervraagopmerking>`.
import { SaxesParser } from 'saxes';
import { headingNumbers, NUMBER_LIST } from './numbers.ts';
import { type DocumentKind, type Footnote, type ParsedDocument, type ParsedItem, UnreadableText } from './parsed.ts';

interface ItemDraft {
  label: string;
  paragraphs: string[];
}

/** Element names that start a new paragraph inside an item, the remark or a footnote. */
const PARAGRAPHS = new Set(['al', 'li', 'tussenkop', 'noot.al', 'row', 'entry', 'tekstregel', 'regel']);
const NUMBER_ELEMENTS = new Set(['nr', 'nummer']);
/**
 * A number at the start of the first paragraph, where older publications put it: a paragraph of
 * its own ('Vraag 1', 'Antwoord 2 en 3') or a lead ('Vraag 1: Bent u …', '1. Ja.').
 */
const HEADING_PARAGRAPH = new RegExp(String.raw`^(?:vraag|vragen|antwoord|antwoorden)\s+(?:(?:op|bij)\s+(?:de\s+)?)?(?:vra(?:ag|gen)\s+)?(${NUMBER_LIST})\s*(?:[.:)]\s*|$)`, 'iu');
const BARE_LEADING = /^(\d{1,3}[a-z]?)\s*[.)]\s+/u;

function leadingNumbers(paragraph: string): { numbers: string[]; rest: string } | null {
  const m = HEADING_PARAGRAPH.exec(paragraph) ?? BARE_LEADING.exec(paragraph);
  if (!m?.[1]) return null;
  const numbers = headingNumbers(m[1]);
  return numbers.length > 0 ? { numbers, rest: paragraph.slice(m[0].length).trim() } : null;
}
const URL = /https?:\/\/[^\s<>"»«]+[^\s<>"»«.,;:)]/;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function finishItems(drafts: ItemDraft[]): ParsedItem[] {
  let position = 0;
  return drafts
    .map((d) => {
      const paragraphs = d.paragraphs.map(squash).filter(Boolean);
      let numbers = headingNumbers(squash(d.label));
      const first = paragraphs[0];
      const lead = numbers.length === 0 && first !== undefined ? leadingNumbers(first) : null;
      if (lead) {
        numbers = lead.numbers;
        paragraphs[0] = lead.rest;
      }
      return { numbers, text: paragraphs.filter(Boolean).join('\n\n') };
    })
    .filter((item) => item.text !== '' || item.numbers.length > 0)
    .map((item) => {
      position += 1;
      return item.numbers.length > 0 ? item : { ...item, numbers: [String(position)] };
    });
}

/** Unnumbered answers are numbered by position only when there are as many as there are questions; a single one is a letter. */
function finishAnswers(drafts: ItemDraft[], questionCount: number): ParsedItem[] {
  const items = finishItems(drafts);
  const unnumbered = drafts.every((d) => headingNumbers(squash(d.label)).length === 0 && leadingNumbers(squash(d.paragraphs.find((p) => p.trim() !== '') ?? '')) === null);
  const only = items.length === 1 ? items[0] : undefined;
  if (unnumbered && only && questionCount !== 1) return [{ numbers: [], text: only.text }];
  return items;
}

function footnoteOf(paragraphs: string[], href: string | null): Footnote {
  const text = paragraphs.map(squash).filter(Boolean).join(' ');
  return { text, url: href ?? URL.exec(text)?.[0] ?? null };
}

/**
 * One KOOP publication as a ParsedDocument: for `questions` its `<vraag>` items, for answers its
 * `<antwoord>` items (the questions reprinted in an answer are kept in `questions`), for a notice
 * its remark. Throws UnreadableText when the XML is broken or holds nothing of the kind.
 */
export function parseKoopXml(xml: string, kind: DocumentKind): ParsedDocument {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const vragen: ItemDraft[] = [];
  const antwoorden: ItemDraft[] = [];
  const remarks: string[] = [];
  const footnotes: Footnote[] = [];
  let sawBody = false;

  // What text is being collected, innermost last.
  let item: ItemDraft | null = null;
  let inNumber = 0;
  let remark: string[] | null = null;
  let note: { paragraphs: string[]; href: string | null; depth: number } | null = null;
  let noteNumber = 0;
  let depth = 0;
  let itemDepth = 0;
  let remarkDepth = 0;
  // After a list label ('a.'), its item's first paragraph continues on the label's line.
  let joinNext = false;

  const target = (): string[] | null => (note ? note.paragraphs : item ? item.paragraphs : remark);
  const append = (text: string) => {
    if (note) {
      if (noteNumber > 0) return;
      const p = note.paragraphs;
      if (p.length === 0) p.push('');
      p[p.length - 1] += text;
      return;
    }
    if (item && inNumber > 0) {
      item.label += text;
      return;
    }
    const p = target();
    if (!p) return;
    if (p.length === 0) p.push('');
    p[p.length - 1] += text;
  };

  parser.on('opentag', (tag) => {
    depth += 1;
    const name = tag.name;
    if (name === 'kamervragen' || name === 'vragen') sawBody = true;
    if (name === 'noot') {
      note = { paragraphs: [], href: null, depth };
      return;
    }
    if (note) {
      if (name === 'noot.nr') noteNumber += 1;
      const doc = tag.attributes.doc;
      if (name === 'extref' && note.href === null && typeof doc === 'string' && /^https?:\/\//.test(doc)) note.href = doc;
      if (PARAGRAPHS.has(name)) note.paragraphs.push('');
      return;
    }
    if ((name === 'vraag' || name === 'antwoord') && !item) {
      item = { label: '', paragraphs: [] };
      itemDepth = depth;
      (name === 'vraag' ? vragen : antwoorden).push(item);
      return;
    }
    if (item && NUMBER_ELEMENTS.has(name) && item.paragraphs.every((p) => p.trim() === '')) {
      inNumber += 1;
      return;
    }
    if (name === 'kamervraagopmerking' && !item && !remark) {
      remark = [];
      remarkDepth = depth;
      return;
    }
    if (PARAGRAPHS.has(name)) {
      if (joinNext) joinNext = false;
      else target()?.push('');
    } else if (name === 'li.nr') target()?.push('');
  });

  parser.on('closetag', (tag) => {
    const name = tag.name;
    if (note) {
      if (name === 'noot.nr') noteNumber -= 1;
      if (depth === note.depth) {
        footnotes.push(footnoteOf(note.paragraphs, note.href));
        note = null;
      }
    } else if (item && inNumber > 0 && NUMBER_ELEMENTS.has(name)) {
      inNumber -= 1;
    } else if (item && depth === itemDepth) {
      item = null;
    } else if (remark && depth === remarkDepth) {
      remarks.push(...remark);
      remark = null;
    } else if (name === 'li.nr') {
      // The list label ('a.', '1.') stays in front of its item's first paragraph.
      const p = target();
      if (p && p.length > 0) {
        const label = p.pop() ?? '';
        p.push(`${squash(label)} `);
        joinNext = true;
      }
    }
    depth -= 1;
  });

  parser.on('text', (text) => append(text));
  parser.on('cdata', (text) => append(text));

  try {
    parser.write(xml).close();
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^undefined:/, '').trim() : String(err);
    throw new UnreadableText(`De XML is niet goed gevormd: ${detail}`);
  }
  if (!sawBody) throw new UnreadableText('De XML bevat geen Kamervragen (geen <kamervragen>-element).');

  const remarkText = remarks.map(squash).filter(Boolean).join('\n\n') || null;
  const questions = finishItems(vragen);
  if (kind === 'questions') {
    if (questions.length === 0) throw new UnreadableText('Geen vragen gevonden in de XML.');
    return { kind, items: questions, remark: remarkText, footnotes };
  }
  if (kind === 'notice') {
    if (remarkText === null && antwoorden.length === 0) throw new UnreadableText('Geen mededeling gevonden in de XML.');
    return { kind, items: finishAnswers(antwoorden, questions.length), remark: remarkText, footnotes };
  }
  const items = finishAnswers(antwoorden, questions.length);
  if (items.length === 0 && remarkText === null) throw new UnreadableText('Geen antwoorden gevonden in de XML.');
  return { kind, items, remark: remarkText, footnotes, ...(questions.length > 0 ? { questions } : {}) };
}
