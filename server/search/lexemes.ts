// Dutch words to search lexemes, the same way for the index, the query and the highlighter. The
// words are stemmed in JavaScript (Snowball Dutch, server/topics/text.ts) and stored as a 'simple'
// tsvector of stems, so PostgreSQL and PGlite index and match identically, and two things the
// 'dutch' configuration misses are added: a past participle also yields its verb's stem
// ('gelekt' → 'lek', as in 'lekken'), and diacritics never matter ('patiënt' = 'patient').
import { normalize, stem } from '../topics/text.ts';

/** Words too common to search for (after PostgreSQL's dutch.stop, lower-cased, without diacritics). */
const STOPWORDS = new Set(
  (
    'aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou'
  ).split(' '),
);

/** A word of the text as search sees it: its normalized form and the lexemes it stands for. */
export interface SearchWord {
  norm: string;
  lexemes: string[];
}

/** A past participle of a weak verb: ge + stem + t/d ('gelekt', 'gemeld', 'gehackt'). */
const PARTICIPLE = /^ge([a-z]{3,})[td]$/;

/** The lexemes of one normalized token; none for a stop word. */
function lexemesOf(token: string): string[] {
  if (!token || STOPWORDS.has(token)) return [];
  // Numbers and codes (2025Z12345, NEN7510) are kept whole.
  if (/\d/.test(token)) return [token];
  const main = stem(token);
  const participle = PARTICIPLE.exec(token);
  if (participle) {
    const verb = stem(participle[1]!);
    if (verb !== main) return [main, verb];
  }
  return [main];
}

/** The words of a text, in order (stop words included, with no lexemes, so positions stay true). */
export function searchWords(text: string): SearchWord[] {
  const n = normalize(text);
  if (!n) return [];
  return n.split(' ').map((norm) => ({ norm, lexemes: lexemesOf(norm) }));
}

const wordCache = new Map<string, string[]>();

/** The lexemes of one word as written (any case, diacritics, or a run like 'Z-CERT' split in two); cached, for the highlighter. */
export function wordLexemes(word: string): string[] {
  let lexemes = wordCache.get(word);
  if (lexemes === undefined) {
    lexemes = searchWords(word).flatMap((w) => w.lexemes);
    if (wordCache.size > 50_000) wordCache.clear();
    wordCache.set(word, lexemes);
  }
  return lexemes;
}
