// Matches Dutch text against a topic's rules. A term matches a word when their stems are equal,
// or inside a compound word:
// - terms of 6+ letters anywhere in the word ('patiëntgegevens' in 'patiëntgegevenslek');
// - terms of 4–5 letters ('zorg', 'hack', 'ddos') only as the head or tail of a compound, with at
//   least 3 letters left ('jeugdzorg', 'zorgaanbieder', 'hackgroep'), never in known false
//   friends ('zorgvuldig', 'zorgtoeslag', 'bezorgd');
// - terms of 1–3 letters ('lab', 'ggz', 'ggd') only as whole words.
// Phrases match consecutive words, or the words written together ('NEN7510', 'zcert').
// Excluded contexts veto a match unless a rule of a single group (a specific term such as
// 'patiëntgegevens') matched: a leak at the tax office is off topic, medical data leaked anywhere is not.
import { parseRules, type Rule } from './rules.ts';
import { normalize, stem, tokens } from './text.ts';

/** Words that contain a short context term but never mean healthcare. */
const FALSE_FRIENDS = [
  'zorgvuldig',
  'zorgwekkend',
  'zorgelijk',
  'zorgplicht',
  'zorgtoeslag',
  'zorgpremie',
  'bezorg',
  'onbezorgd',
  'zorgen',
  'hackathon',
  'label',
  'labour',
];

interface CompiledWord {
  norm: string;
  stem: string;
  /** voiced(stem), computed once. */
  alt: string | null;
  /** Position in CompiledTopic.words: the column of this word in a token's hits. */
  index: number;
}

interface CompiledTerm {
  source: string;
  words: CompiledWord[];
  joined: string;
}

/** Distinct term words of a topic, each with its index. */
class WordTable {
  readonly words: CompiledWord[] = [];
  private readonly byKey = new Map<string, CompiledWord>();

  word(norm: string, stemmed: string): CompiledWord {
    const key = `${norm}\0${stemmed}`;
    let w = this.byKey.get(key);
    if (!w) {
      w = { norm, stem: stemmed, alt: voiced(stemmed), index: this.words.length };
      this.words.push(w);
      this.byKey.set(key, w);
    }
    return w;
  }
}

function compileTerm(source: string, table: WordTable): CompiledTerm {
  const words = tokens(source).map((w) => table.word(w, stem(w)));
  return { source, words, joined: words.map((w) => w.norm).join('') };
}

/** Dutch plurals voice a final s/f ('ziekenhuis' → 'ziekenhuizen', 'brief' → 'brieven'). */
function voiced(stemmed: string): string | null {
  if (stemmed.endsWith('s')) return `${stemmed.slice(0, -1)}z`;
  if (stemmed.endsWith('f')) return `${stemmed.slice(0, -1)}v`;
  return null;
}

function wordMatches(token: string, tokenStem: string, term: CompiledWord): boolean {
  const alt = term.alt;
  if (tokenStem === term.stem || token === term.norm || tokenStem === alt) return !isFalseFriend(token, term.norm);
  const len = term.norm.length;
  if (len >= 6) {
    const needle = term.stem.length >= 5 ? term.stem : term.norm;
    const hit = token.includes(needle) || (alt !== null && term.stem.length >= 5 && token.includes(alt));
    return hit && !isFalseFriend(token, term.norm);
  }
  if (len >= 4 && token.length >= len + 3) {
    if (isFalseFriend(token, term.norm)) return false;
    return token.startsWith(term.norm) || token.endsWith(term.norm) || token.endsWith(`${term.norm}en`) || token.endsWith(`${term.norm}s`);
  }
  return false;
}

function isFalseFriend(token: string, term: string): boolean {
  // A false friend never stands for a shorter context term, but still matches itself ('zorgtoeslag').
  return FALSE_FRIENDS.some((f) => token.startsWith(f) && !term.startsWith(f));
}

/**
 * `present[w.index]`: some token matches term word w; `hits[i]`: the term words token i matches
 * (wordMatches, judged once per distinct token). A one-word term is then one lookup.
 */
function termMatches(term: CompiledTerm, toks: string[], stems: string[], present: Uint8Array, hits: Int32Array[]): boolean {
  if (term.words.length === 1) return present[term.words[0]!.index] === 1;
  const n = term.words.length;
  for (let i = 0; i + n <= toks.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const w = term.words[j]!;
      // The last word of a phrase may be a compound head ('medische gegevensverwerking').
      ok = j === n - 1 ? hits[i + j]!.includes(w.index) : stems[i + j] === w.stem || toks[i + j] === w.norm;
    }
    if (ok) return true;
  }
  return term.joined.length >= 5 && toks.some((t) => t.includes(term.joined));
}

export interface CompiledTopic {
  rules: { source: string; groups: CompiledTerm[][] }[];
  excluded: CompiledTerm[];
  words: CompiledWord[];
  /**
   * Per distinct token, which term words it matches. Matching a word is the costly part, and the
   * same words recur across thousands of zaken (a first import matches them all), so each token
   * is judged once per compiled topic. Bounded: cleared when it grows large.
   */
  hits: Map<string, Int32Array>;
}

export function compileTopic(terms: string[], excluded: string[]): CompiledTopic {
  const rules: Rule[] = parseRules(terms);
  const table = new WordTable();
  return {
    rules: rules.map((r) => ({ source: r.source, groups: r.groups.map((g) => g.map((t) => compileTerm(t, table))) })),
    excluded: excluded.filter((e) => normalize(e).length > 0).map((e) => compileTerm(e, table)),
    words: table.words,
    hits: new Map(),
  };
}

const HIT_CACHE_LIMIT = 100_000;

const NO_HITS = new Int32Array(0);

function tokenHits(topic: CompiledTopic, token: string, tokenStem: string): Int32Array {
  let hits = topic.hits.get(token);
  if (!hits) {
    // The separator between texts ('') matches nothing.
    const found = token ? topic.words.filter((w) => wordMatches(token, tokenStem, w)).map((w) => w.index) : [];
    hits = found.length === 0 ? NO_HITS : Int32Array.from(found);
    if (topic.hits.size >= HIT_CACHE_LIMIT) topic.hits.clear();
    topic.hits.set(token, hits);
  }
  return hits;
}

export interface TopicMatch {
  matched: boolean;
  /** The terms that matched (in rule order), shown as "why is this here". */
  terms: string[];
  /** Excluded contexts found (the reason a match was vetoed). */
  excludedBy: string[];
}

export function matchText(topic: CompiledTopic, texts: (string | null | undefined)[]): TopicMatch {
  const toks: string[] = [];
  for (const t of texts) if (t) toks.push(...tokens(t), '');
  const stems = toks.map((t) => (t ? stem(t) : ''));
  const wordHits = toks.map((t, i) => tokenHits(topic, t, stems[i]!));
  const present = new Uint8Array(topic.words.length);
  for (const h of wordHits) for (const index of h) present[index] = 1;
  const terms: string[] = [];
  let strong = false;
  let any = false;
  for (const rule of topic.rules) {
    const hits = rule.groups.map((g) => g.filter((term) => termMatches(term, toks, stems, present, wordHits)));
    if (hits.every((h) => h.length > 0)) {
      any = true;
      if (rule.groups.length === 1) strong = true;
      for (const h of hits) for (const term of h) if (!terms.includes(term.source)) terms.push(term.source);
    }
  }
  const excludedBy = any ? topic.excluded.filter((e) => termMatches(e, toks, stems, present, wordHits)).map((e) => e.source) : [];
  const matched = any && (strong || excludedBy.length === 0);
  return { matched, terms: matched ? terms : [], excludedBy };
}
