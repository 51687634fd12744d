// The search box's language, turned into a tsquery literal by our own builder, so no input can
// reach PostgreSQL's tsquery parser: words must all occur (stemmed, lexemes.ts), "quoted words"
// as a phrase, -word must not occur, OF/OR between two parts means either. A zaaknummer
// (2025Z12345) or a document number (2025D12345) is looked up directly. Anything else is ignored
// (punctuation, operators of other syntaxes), so every input gives a query or none, never an error.
import { searchWords } from './lexemes.ts';

export interface SearchQuery {
  /** A tsquery literal over the stems, or null when the input has nothing to search for. */
  tsquery: string | null;
  /** Zaak and document numbers in the input, upper-cased. */
  numbers: string[];
  /** Every lexeme the query looks for (not the excluded ones), for the highlighter. */
  lexemes: string[];
  /** The query excludes words (-word): a set's title can match it while its texts do not. */
  excludes: boolean;
  /**
   * The query holds a phrase ("quoted words", or a hyphenated run such as Z-CERT): the GIN index
   * finds the sets with its words, and each one's vector must then be read to test their order.
   */
  phrase: boolean;
}

/** More parts than this are ignored: a query of hundreds of words is no search. */
const MAX_PARTS = 16;
const NUMBER = /^\d{4}[zd]\d{5}$/i;

interface Part {
  negated: boolean;
  /** Consecutive words; more than one is a phrase. */
  words: string;
}

function splitParts(input: string): (Part | 'or')[] {
  const out: (Part | 'or')[] = [];
  // "phrase", -"phrase", -word, word; everything between is a separator.
  const re = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g;
  for (const m of input.matchAll(re)) {
    if (m[2] !== undefined) out.push({ negated: m[1] === '-', words: m[2] });
    else {
      const word = m[4] ?? '';
      if (/^(or|of)$/i.test(word) && m[3] === '') out.push('or');
      else out.push({ negated: m[3] === '-', words: word });
    }
  }
  return out;
}

/** One word's lexemes as a tsquery operand ('lek' or ('gelekt' | 'lek')). */
function operand(lexemes: string[]): string {
  const quoted = lexemes.map((l) => `'${l}'`);
  return quoted.length === 1 ? quoted[0]! : `(${quoted.join(' | ')})`;
}

/** A part's words as a tsquery expression: one operand, or a phrase with the stop words' gaps kept. */
function partQuery(words: string): { query: string; lexemes: string[] } | null {
  const found = searchWords(words);
  const ops: string[] = [];
  const lexemes: string[] = [];
  let gap = 0;
  for (const w of found) {
    if (w.lexemes.length === 0) {
      if (ops.length > 0) gap++;
      continue;
    }
    if (ops.length > 0) ops.push(gap === 0 ? '<->' : `<${gap + 1}>`);
    ops.push(operand(w.lexemes));
    lexemes.push(...w.lexemes);
    gap = 0;
  }
  if (ops.length === 0) return null;
  return { query: ops.length === 1 ? ops[0]! : `(${ops.join(' ')})`, lexemes };
}

export function parseSearch(input: string): SearchQuery {
  const numbers: string[] = [];
  const lexemes: string[] = [];
  // Groups joined by AND; inside a group, alternatives joined by OR.
  const groups: string[][] = [];
  let orNext = false;
  let parts = 0;
  let excludes = false;
  for (const p of splitParts(input.slice(0, 1000))) {
    if (p === 'or') {
      orNext = groups.length > 0;
      continue;
    }
    if (parts >= MAX_PARTS) break;
    const bare = p.words.trim();
    if (!p.negated && NUMBER.test(bare)) {
      numbers.push(bare.toUpperCase());
      continue;
    }
    const q = partQuery(p.words);
    if (!q) continue;
    parts++;
    const expr = p.negated ? `!${q.query}` : q.query;
    if (p.negated) excludes = true;
    else lexemes.push(...q.lexemes);
    const last = groups[groups.length - 1];
    // An exclusion is never an alternative ('a OF -b' would match nearly everything).
    if (orNext && last && !p.negated && !last.some((e) => e.startsWith('!'))) last.push(expr);
    else groups.push([expr]);
    orNext = false;
  }
  // A query of exclusions alone would read every set: only with something to look for.
  const positive = groups.filter((g) => g.some((e) => !e.startsWith('!')));
  const tsquery =
    positive.length === 0 ? null : groups.map((g) => (g.length === 1 ? g[0]! : `(${g.join(' | ')})`)).join(' & ');
  // Lexemes are [a-z0-9] only, so '<' is always the phrase operator (<-> or <N>).
  return { tsquery, numbers: [...new Set(numbers)], lexemes: [...new Set(lexemes)], excludes, phrase: tsquery?.includes('<') ?? false };
}
