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

/** The topic words each token hits, and which words occur at all (termMatches reads both). */
function scan(topic: CompiledTopic, toks: string[], stems: string[]): { wordHits: Int32Array[]; present: Uint8Array } {
  const wordHits = toks.map((t, i) => tokenHits(topic, t, stems[i]!));
  const present = new Uint8Array(topic.words.length);
  for (const h of wordHits) for (const index of h) present[index] = 1;
  return { wordHits, present };
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
  const { wordHits, present } = scan(topic, toks, stems);
  const terms: string[] = [];
  let strong = false;
  let any = false;
  for (const rule of topic.rules) {
    // A rule holds when every group has a hit: the first group without one settles it (most
    // texts are off the topic, and their first group already fails).
    const hits: CompiledTerm[][] = [];
    for (const g of rule.groups) {
      const h = g.filter((term) => termMatches(term, toks, stems, present, wordHits));
      if (h.length === 0) break;
      hits.push(h);
    }
    if (hits.length === rule.groups.length) {
      any = true;
      if (rule.groups.length === 1) strong = true;
      for (const h of hits) for (const term of h) if (!terms.includes(term.source)) terms.push(term.source);
    }
  }
  const excludedBy = any ? topic.excluded.filter((e) => termMatches(e, toks, stems, present, wordHits)).map((e) => e.source) : [];
  const matched = any && (strong || excludedBy.length === 0);
  return { matched, terms: matched ? terms : [], excludedBy };
}

/** A question or answer text of a set, for the lens (match-zaken.ts). */
export interface TextUnit {
  text: string;
  questionNumber: string;
  source: 'question' | 'answer';
}

/** The passage quoted under "Waarom staat dit hier?". */
interface MatchedPassage {
  text: string;
  questionNumber: string;
  source: 'question' | 'answer';
}

export interface SetMatch extends TopicMatch {
  passage: MatchedPassage | null;
}

/** Words that make a sentence deny rather than state (see matchSet). */
const NEGATION = /(^|[^\p{L}])(niet|geen|nooit|geenszins|noch)([^\p{L}]|$)/iu;
const NO_MATCH: TopicMatch = { matched: false, terms: [], excludedBy: [] };

/** A passage is at most about this long. */
const PASSAGE_MAX = 300;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;:])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function clip(sentence: string): string {
  if (sentence.length <= PASSAGE_MAX) return sentence;
  const cut = sentence.lastIndexOf(' ', PASSAGE_MAX);
  return `${sentence.slice(0, cut > PASSAGE_MAX / 2 ? cut : PASSAGE_MAX)} …`;
}

/**
 * Matches a question set: its titles and subjects as matchText does, and each sentence of its
 * questions and answers. A sentence must meet a rule on its own, never with words from elsewhere
 * in a long answer or from the title ('De gegevens zijn openbaar' under a title on ggz waiting
 * lists is not about data security); an excluded context in the titles or in that sentence vetoes
 * it as it does for titles (a leak at the Belastingdienst stays off the topic however its answer
 * is worded). A sentence that denies ('er zijn geen medische gegevens gelekt', 'niet
 * getroffen') is no evidence: answers deny as often as they confirm, and a set that is on the topic
 * says so in other sentences too. The passage is the first sentence that matched, or, for a set
 * its titles already place on the topic, the first sentence that holds one of the terms that
 * matched there.
 */
export function matchSet(topic: CompiledTopic, titles: (string | null | undefined)[], units: TextUnit[]): SetMatch {
  const byTitle = matchText(topic, titles);
  const terms = [...byTitle.terms];
  const excludedBy = [...byTitle.excludedBy];
  let passage: MatchedPassage | null = null;
  let byText = false;
  for (const unit of units) {
    for (const sentence of sentences(unit.text)) {
      const alone = NEGATION.test(sentence) ? NO_MATCH : matchText(topic, [sentence]);
      if (alone.terms.length === 0 && alone.excludedBy.length === 0) {
        if (!passage && byTitle.matched && matchedTermIn(topic, byTitle.terms, sentence)) passage = quote(sentence, unit);
        continue;
      }
      const withTitles = matchText(topic, [...titles, sentence]);
      for (const e of withTitles.excludedBy) if (!excludedBy.includes(e)) excludedBy.push(e);
      if (!alone.matched || !withTitles.matched) continue;
      byText = true;
      for (const term of alone.terms) if (!terms.includes(term)) terms.push(term);
      if (!passage) passage = quote(sentence, unit);
    }
  }
  const matched = byTitle.matched || byText;
  return { matched, terms: matched ? terms : [], excludedBy, passage: matched ? passage : null };
}

function quote(sentence: string, unit: TextUnit): MatchedPassage {
  return { text: clip(sentence), questionNumber: unit.questionNumber, source: unit.source };
}

/** Whether one of `sources` (matched terms) occurs in the text itself. */
function matchedTermIn(topic: CompiledTopic, sources: string[], text: string): boolean {
  const toks = tokens(text);
  const stems = toks.map((t) => stem(t));
  const { wordHits, present } = scan(topic, toks, stems);
  for (const rule of topic.rules) {
    for (const group of rule.groups) for (const term of group) if (sources.includes(term.source) && termMatches(term, toks, stems, present, wordHits)) return true;
  }
  return false;
}
