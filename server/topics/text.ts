// Text normalization for the topic lens: case- and diacritics-insensitive tokens ('Patiënt' →
// 'patient'), hyphens and punctuation as word breaks ('Z-CERT' → 'z cert'), and Dutch Snowball
// stems so 'ziekenhuizen' and 'ziekenhuis', 'datalekken' and 'datalek' meet.
import snowball from 'snowball-stemmers';

const dutch = snowball.newStemmer('dutch');
const cache = new Map<string, string>();

/** Text that is all ASCII (most titles) has no diacritics to take off. */
const NON_ASCII = /[^\p{ASCII}]/u;

export function normalize(text: string): string {
  const plain = NON_ASCII.test(text) ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : text;
  return plain
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  const n = normalize(text);
  return n ? n.split(' ') : [];
}

export function stem(token: string): string {
  let s = cache.get(token);
  if (s === undefined) {
    s = /^\d+$/.test(token) ? token : dutch.stem(token);
    if (cache.size > 50_000) cache.clear();
    cache.set(token, s);
  }
  return s;
}
