// Builds the tsvector of a question set from its texts, as a tsvector literal of stems
// (lexemes.ts) with positions and weights: the title and subject weigh most (A), the questions
// next (B), the answers and the delay notice least (C). Lexemes are [a-z0-9] only, so the literal
// needs no escaping.
import { searchWords } from './lexemes.ts';

type Weight = 'A' | 'B' | 'C';

export interface WeightedText {
  text: string | null | undefined;
  weight: Weight;
}

/** PostgreSQL's limits: positions 1..16383, at most 256 per lexeme. */
const MAX_POSITION = 16_383;
/** Fewer than PostgreSQL allows: ranking needs a count, not every occurrence, and it keeps the index small. */
const MAX_POSITIONS_PER_LEXEME = 32;

export function vectorLiteral(texts: WeightedText[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const { text, weight } of texts) {
    if (!text) continue;
    for (const word of searchWords(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      for (const lexeme of word.lexemes) {
        let list = positions.get(lexeme);
        if (!list) positions.set(lexeme, (list = []));
        if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${position}${weight}`);
      }
    }
    // A gap between texts, so a phrase never runs from one question into the next.
    position = Math.min(position + 1, MAX_POSITION);
  }
  const parts: string[] = [];
  for (const [lexeme, list] of positions) parts.push(`'${lexeme}':${list.join(',')}`);
  return parts.join(' ');
}
