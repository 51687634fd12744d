// Addressee function texts ('minister van Volksgezondheid, Welzijn en Sport', 'staatssecretaris
// van Justitie en Veiligheid', 'minister voor Medische Zorg') to a post and a ministry code. Names
// change with cabinets; each historical name maps to its own code, and `family` groups codes of
// one ministry line so statistics survive renames (EZ → EZK → EZ, LNV → LVVN, VenJ → JenV).
import type { MinisterPost } from '../db/schema/index.ts';

export interface Ministry {
  code: string;
  name: string;
  /** The stable line this ministry belongs to across cabinets. */
  family: string;
}

const M = (code: string, name: string, family = code): Ministry => ({ code, name, family });

/** Ministry names as they appear after 'minister van' / 'staatssecretaris van'. */
export const MINISTRIES: Ministry[] = [
  M('AZ', 'Algemene Zaken'),
  M('BuZa', 'Buitenlandse Zaken'),
  M('JenV', 'Justitie en Veiligheid'),
  M('JenV', 'Veiligheid en Justitie'),
  M('JenV', 'Justitie'),
  M('BZK', 'Binnenlandse Zaken en Koninkrijksrelaties'),
  M('BZK', 'Binnenlandse Zaken'),
  M('OCW', 'Onderwijs, Cultuur en Wetenschap'),
  M('FIN', 'Financiën'),
  M('Def', 'Defensie'),
  M('IenW', 'Infrastructuur en Waterstaat'),
  M('IenM', 'Infrastructuur en Milieu', 'IenW'),
  M('VenW', 'Verkeer en Waterstaat', 'IenW'),
  M('EZK', 'Economische Zaken en Klimaat', 'EZ'),
  M('ELI', 'Economische Zaken, Landbouw en Innovatie', 'EZ'),
  M('EZ', 'Economische Zaken'),
  M('LNV', 'Landbouw, Natuur en Voedselkwaliteit'),
  M('LVVN', 'Landbouw, Visserij, Voedselzekerheid en Natuur', 'LNV'),
  M('SZW', 'Sociale Zaken en Werkgelegenheid'),
  M('VWS', 'Volksgezondheid, Welzijn en Sport'),
  M('KGG', 'Klimaat en Groene Groei'),
  M('AenM', 'Asiel en Migratie'),
  M('VRO', 'Volkshuisvesting en Ruimtelijke Ordening', 'BZK'),
  M('VROM', 'Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer', 'IenW'),
];

/**
 * 'minister voor …' posts: ministers without a ministry of their own, placed at a ministry. Keys
 * are the portfolio names (normalized); the most specific (longest) match wins.
 */
const PORTFOLIOS: [string, string][] = [
  ['medische zorg', 'VWS'],
  ['langdurige zorg', 'VWS'],
  ['jeugd en gezin', 'VWS'],
  ['sport', 'VWS'],
  ['rechtsbescherming', 'JenV'],
  ['migratie', 'JenV'],
  ['vreemdelingenzaken en integratie', 'JenV'],
  ['immigratie en asiel', 'JenV'],
  ['immigratie, integratie en asiel', 'BZK'],
  ['buitenlandse handel en ontwikkelingssamenwerking', 'BuZa'],
  ['ontwikkelingssamenwerking', 'BuZa'],
  ['europese zaken', 'BuZa'],
  ['basis- en voortgezet onderwijs en media', 'OCW'],
  ['primair en voortgezet onderwijs', 'OCW'],
  ['onderwijs', 'OCW'],
  ['klimaat en energie', 'EZK'],
  ['natuur en stikstof', 'LNV'],
  ['armoedebeleid, participatie en pensioenen', 'SZW'],
  ['volkshuisvesting en ruimtelijke ordening', 'BZK'],
  ['wonen en rijksdienst', 'BZK'],
  ['wonen, wijken en integratie', 'VROM'],
  ['wonen en wijken', 'VROM'],
  ['milieu en wonen', 'IenM'],
  ['bestuurlijke vernieuwing en koninkrijksrelaties', 'BZK'],
  ['digitalisering', 'BZK'],
];

export interface Addressee {
  post: MinisterPost | null;
  /** Null when the text names no ministry we know (recorded so the mapping can grow). */
  ministry: string | null;
  family: string | null;
  ministryName: string | null;
}

export function normalizeFunction(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const byName = [...MINISTRIES].sort((a, b) => b.name.length - a.name.length).map((m) => ({ m, key: normalizeFunction(m.name) }));
const byPortfolio = [...PORTFOLIOS].sort((a, b) => b[0].length - a[0].length);

export function ministryByCode(code: string): Ministry | undefined {
  return MINISTRIES.find((m) => m.code === code);
}

function at(code: string | null): Pick<Addressee, 'ministry' | 'family' | 'ministryName'> {
  const m = code ? ministryByCode(code) : undefined;
  return { ministry: m?.code ?? null, family: m?.family ?? null, ministryName: m?.name ?? null };
}

/** Post and ministry of a 'Gericht aan' function text. */
export function parseAddresseeFunction(functie: string | null | undefined): Addressee {
  if (!functie) return { post: null, ...at(null) };
  const text = normalizeFunction(functie).replace(/^(viceminister-president|vicepremier|vice-premier)\s*,\s*/, '');
  // A vice-premier ('viceminister-president') is addressed in the post that follows the comma.
  if (/^(minister-president|minister president|premier)\b/.test(text)) {
    return { post: 'minister-president', ...at('AZ') };
  }
  // 'minister van X' names the ministry; take the first 'van' clause (a vice-premier is also a minister van …).
  const van = /\b(minister|staatssecretaris)\s+(?:van|voor)\s+(.*)$/.exec(text);
  const post: MinisterPost | null = text.includes('zonder portefeuille')
    ? 'minister zonder portefeuille'
    : /\bstaatssecretaris\b/.test(text)
      ? 'staatssecretaris'
      : /\bminister\b/.test(text)
        ? /\bminister\s+voor\b/.test(text)
          ? 'minister zonder portefeuille'
          : 'minister'
        : null;
  const rest = van?.[2] ?? text;
  const isVoor = /\b(minister|staatssecretaris)\s+voor\b/.test(text);
  if (!isVoor) {
    const hit = byName.find(({ key }) => rest.startsWith(key)) ?? byName.find(({ key }) => rest.includes(key));
    if (hit) return { post, ...at(hit.m.code) };
  }
  const portfolio = byPortfolio.find(([key]) => rest.startsWith(key)) ?? byPortfolio.find(([key]) => rest.includes(key));
  if (portfolio) return { post, ...at(portfolio[1]) };
  const hit = byName.find(({ key }) => text.includes(key));
  return { post, ...at(hit?.m.code ?? null) };
}

/** A name that is an office, not a person ('Minister van VWS', not 'M. Minister'). */
const OFFICE_TITLE = /^(minister|staatssecretaris|premier|vice-?premier|viceminister)\b/;

/**
 * How an addressee reads in a list: 'E.J. Agema, minister van Volksgezondheid, Welzijn en Sport'.
 * The feed sometimes names the office instead of the person ('Minister van VWS'); that name then
 * only restates the function, so the function alone is shown.
 */
export function addresseeLabel(name: string | null | undefined, functie: string | null | undefined): string {
  const n = name?.trim() ?? '';
  const f = functie?.trim() ?? '';
  if (!n || !f) return n || f;
  const asWritten = normalizeFunction(n);
  if (asWritten === normalizeFunction(f)) return f;
  if (!OFFICE_TITLE.test(asWritten)) return `${n}, ${f}`;
  const asOffice = parseAddresseeFunction(n);
  const office = parseAddresseeFunction(f);
  const restates = asOffice.post === office.post && (asOffice.ministry === null || asOffice.ministry === office.ministry);
  return restates ? f : `${n}, ${f}`;
}

/**
 * A set's addressees with their labels, in the order given, each named once: the feed may list one
 * minister twice, by office and by function, or by office beside the person who holds it. An
 * office-only entry gives way to a person with the same function; two people who share a function
 * (two state secretaries of one ministry) both stay.
 */
export function distinctAddressees<T>(
  items: readonly T[],
  nameAndFunction: (item: T) => [string | null | undefined, string | null | undefined],
): { item: T; label: string }[] {
  const labelled = items.map((item) => {
    const [name, functie] = nameAndFunction(item);
    const f = functie?.trim() ?? '';
    const label = addresseeLabel(name, f);
    // Named by the function alone: no person's name came with it.
    return { item, label, office: f !== '' && label === f, function: normalizeFunction(f) };
  });
  const held = new Set(labelled.filter((a) => !a.office && a.function).map((a) => a.function));
  const seen = new Set<string>();
  const out: { item: T; label: string }[] = [];
  for (const a of labelled) {
    const key = normalizeFunction(a.label);
    if (!a.label || seen.has(key) || (a.office && held.has(a.function))) continue;
    seen.add(key);
    out.push({ item: a.item, label: a.label });
  }
  return out;
}
