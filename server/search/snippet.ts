// The passage of a text that shows why a search hit matched, with the matched words marked.
// Returned as plain segments ({ text, mark }) so views escape the text and add the marks
// themselves: nothing from a text ever reaches a page as HTML.
import { wordLexemes } from './lexemes.ts';

interface SnippetSegment {
  text: string;
  mark: boolean;
}

export interface Snippet {
  segments: SnippetSegment[];
  /** Where the passage comes from: 'title' (title or subject), 'question' or 'answer'. */
  source: 'title' | 'question' | 'answer' | 'delay';
  /** The question's number when the passage is from a question or an answer. */
  questionNumber: string | null;
}

export interface SnippetSource {
  text: string | null;
  source: Snippet['source'];
  questionNumber?: string | null;
}

/** About this many characters on either side of the best spot. */
const RADIUS = 110;

interface Hit {
  start: number;
  end: number;
}

/** The word runs of `text` that stand for one of `wanted`, with their offsets, and the lexemes they matched. */
function hits(text: string, wanted: ReadonlySet<string>): { found: Hit[]; matched: Set<string> } {
  const found: Hit[] = [];
  const matched = new Set<string>();
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    let hit = false;
    for (const l of wordLexemes(m[0])) {
      if (wanted.has(l)) {
        matched.add(l);
        hit = true;
      }
    }
    if (hit) found.push({ start: m.index, end: m.index + m[0].length });
  }
  return { found, matched };
}

/** The window of the text around the densest cluster of hits, cut at word boundaries. */
function passage(text: string, found: Hit[]): SnippetSegment[] {
  let best = 0;
  let bestCount = 0;
  for (let i = 0; i < found.length; i++) {
    let n = 0;
    for (let j = i; j < found.length && found[j]!.start - found[i]!.start <= 2 * RADIUS; j++) n++;
    if (n > bestCount) [best, bestCount] = [i, n];
  }
  const anchor = found[best]!;
  let from = Math.max(0, anchor.start - RADIUS / 2);
  let to = Math.min(text.length, anchor.start + 2 * RADIUS);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    from = space >= 0 && space < anchor.start ? space + 1 : anchor.start;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    to = space > anchor.end ? space : Math.max(to, anchor.end);
  }
  const segments: SnippetSegment[] = [];
  let at = from;
  const push = (t: string, mark: boolean) => {
    if (t) segments.push({ text: t, mark });
  };
  if (from > 0) push('…', false);
  for (const h of found) {
    if (h.end <= from || h.start >= to) continue;
    push(text.slice(at, h.start).replace(/\s+/g, ' '), false);
    push(text.slice(h.start, h.end), true);
    at = h.end;
  }
  push(text.slice(at, to).replace(/\s+/g, ' '), false);
  if (to < text.length) push('…', false);
  return segments;
}

/**
 * The snippet for one hit: the passage of the first text (in the order given: questions and
 * answers before the title, which the list shows anyway) that holds the most of the query's
 * lexemes, or null when none does (a hit by number). A text holding all of them cannot be beaten,
 * so the texts after it are not read: for a one-word search, the first text that has the word.
 */
export function makeSnippet(sources: SnippetSource[], lexemes: readonly string[]): Snippet | null {
  if (lexemes.length === 0) return null;
  const wanted = new Set(lexemes);
  let chosen: { source: SnippetSource; found: Hit[]; distinct: number } | null = null;
  for (const source of sources) {
    if (!source.text) continue;
    const { found, matched } = hits(source.text, wanted);
    if (matched.size > (chosen?.distinct ?? 0)) chosen = { source, found, distinct: matched.size };
    if (matched.size === wanted.size) break;
  }
  if (!chosen) return null;
  return { segments: passage(chosen.source.text!, chosen.found), source: chosen.source.source, questionNumber: chosen.source.questionNumber ?? null };
}
