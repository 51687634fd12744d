// Turns a parsed feed page into what its transaction needs: the newest version per GUID as
// JSON rows, the link pairs, the deletions and the names of unknown elements. This is plain
// data in, plain data out, with no database or Drizzle import, so it runs in the page worker
// (server/sync/page-worker.ts) next to the parser and the main thread only sends SQL.
import type { FeedEntry } from './parser.ts';
import { converterForType, GUID, type Json, toInstant } from './values.ts';

/** What preparing a page needs to know of a category; structured-cloneable for the worker. */
export interface PageSpec {
  category: string;
  /** The entity element, lowerCamelCase. */
  element: string;
  columns: { column: string; sqlType: string; kind: 'field' | 'ref'; source: string }[];
  links: { ref: string }[];
  /** Every element name the mapping stores or knowingly ignores. */
  known: Set<string>;
  /** Keep each entry's XML (PreparedPage.raw): only when a page has entries to set aside. */
  keepRaw?: boolean;
}

/** An entry that cannot be stored as it is, set aside by quarantine.ts instead of failing its page. */
interface RejectedEntry {
  /** Position on the page. */
  index: number;
  /** The id as written (lower-cased), or null without one. */
  id: string | null;
  reason: string;
}

/** The XML of a page's entries as received (PageSpec.keepRaw). */
export interface RawEntries {
  /** The feed element's start tag, whose namespace declarations the entries use. */
  feedStart: string;
  /** By position on the page. */
  entries: { id: string | null; bijgewerkt: string | null; xml: string }[];
}

export interface PreparedPage {
  /** Entries on the page, of any kind. */
  entries: number;
  /** The last `next` href on the page, exactly as given: where to resume. Null when none has one. */
  next: string | null;
  /** The newest entry has no `next` (or the page is empty): this is the head. */
  atHead: boolean;
  /** Upserts, the newest version per GUID, as a JSON array for json_to_recordset. */
  rowsJson: string;
  /** The GUIDs of those rows, in the same order. */
  ids: string[];
  /** The `soort` of each of those rows (question events depend on it). */
  soorten: (string | null)[];
  /** Per link of the category (same order): the pairs (entity → target) as a JSON array of {a, b}. */
  linksJson: string[];
  /** Deletions, newest per GUID, as a JSON array of {id, bijgewerkt}. */
  deletionsJson: string;
  deletions: number;
  /** Element names this mapping neither stores nor ignores, each once per page. */
  unknown: string[];
  /** Entries that cannot be stored: no id, no valid bijgewerkt, an id that is not a GUID. */
  rejected: RejectedEntry[];
  /** With PageSpec.keepRaw. */
  raw?: RawEntries;
  /** Bytes received (set by the client). */
  bytes: number;
}

const converters = new Map<string, ((raw: string | null | undefined) => Json)[]>();

function convertersOf(spec: PageSpec) {
  let list = converters.get(spec.category);
  if (!list) {
    list = spec.columns.map((c) => converterForType(c.sqlType).convert);
    converters.set(spec.category, list);
  }
  return list;
}

/**
 * The last version of each entity on the page. One INSERT … ON CONFLICT cannot touch a row twice,
 * and applying only the newest version per GUID gives the same result as applying them in order
 * under newer-wins. On equal bijgewerkt the later entry wins, as it would in sequence.
 */
function newestPerId(entries: FeedEntry[]): FeedEntry[] {
  const byId = new Map<string, FeedEntry>();
  for (const e of entries) {
    const seen = byId.get(e.entity.id);
    if (!seen || Date.parse(e.entity.bijgewerkt) >= Date.parse(seen.entity.bijgewerkt)) byId.set(e.entity.id, e);
  }
  return [...byId.values()];
}

/** The row for one entity, keyed by SQL column name, ready for json_to_recordset. */
function toRow(spec: PageSpec, entity: FeedEntry['entity'], updated: string | null): Record<string, Json> {
  const convert = convertersOf(spec);
  const row: Record<string, Json> = { id: entity.id, bijgewerkt: entity.bijgewerkt, feed_updated_at: toInstant(updated) };
  for (let i = 0; i < spec.columns.length; i++) {
    const c = spec.columns[i]!;
    row[c.column] = convert[i]!(c.kind === 'ref' ? entity.refs.get(c.source)?.[0] : entity.fields.get(c.source));
  }
  return row;
}

/** Element names of an entity that this mapping neither stores nor knowingly ignores. */
function unknownElements(spec: PageSpec, entity: { fields: Map<string, string | null>; refs: Map<string, string[]> }): string[] {
  const out: string[] = [];
  for (const name of entity.fields.keys()) if (!spec.known.has(name)) out.push(name);
  for (const name of entity.refs.keys()) if (!spec.known.has(name)) out.push(name);
  return out;
}

export function preparePage(spec: PageSpec, entries: FeedEntry[], feedStart?: string): Omit<PreparedPage, 'bytes'> {
  const unknown = new Set<string>();
  const own: FeedEntry[] = [];
  const rejected: RejectedEntry[] = [];
  for (const [index, e] of entries.entries()) {
    if (e.invalid) {
      rejected.push({ index, id: e.entity.id || null, reason: e.invalid });
      continue;
    }
    if (e.entity.name !== spec.element) {
      unknown.add(`<${e.entity.name}> entity`);
      continue;
    }
    // The id is the row's key (a uuid column): one that is not a GUID cannot be stored.
    if (!GUID.test(e.entity.id)) {
      rejected.push({ index, id: e.entity.id, reason: `id is not a GUID: ${JSON.stringify(e.entity.id)}` });
      continue;
    }
    own.push(e);
    for (const name of unknownElements(spec, e.entity)) unknown.add(name);
  }

  const rows: Record<string, Json>[] = [];
  const ids: string[] = [];
  const soorten: (string | null)[] = [];
  const links = spec.links.map(() => [] as { a: string; b: string }[]);
  const deletions: { id: string; bijgewerkt: string }[] = [];
  for (const e of newestPerId(own)) {
    const entity = e.entity;
    if (entity.verwijderd) {
      deletions.push({ id: entity.id, bijgewerkt: entity.bijgewerkt });
      continue;
    }
    rows.push(toRow(spec, entity, e.updated));
    ids.push(entity.id);
    soorten.push(entity.fields.get('soort') ?? null);
    spec.links.forEach((link, k) => {
      for (const target of entity.refs.get(link.ref) ?? []) {
        if (!GUID.test(target)) continue;
        links[k]!.push({ a: entity.id, b: target.toLowerCase() });
      }
    });
  }

  // The position to resume from: the last `next` on the page. Every entry carries one; when the
  // newest lacks it (the head), the one before still marks where we are.
  let next: string | null = null;
  for (let i = entries.length - 1; i >= 0; i--) {
    const href = entries[i]!.next;
    if (href) {
      next = href;
      break;
    }
  }
  const last = entries.at(-1);
  return {
    entries: entries.length,
    next,
    atHead: !last || !last.next,
    rowsJson: JSON.stringify(rows),
    ids,
    soorten,
    linksJson: links.map((pairs) => JSON.stringify(pairs)),
    deletionsJson: JSON.stringify(deletions),
    deletions: deletions.length,
    unknown: [...unknown],
    rejected,
    ...(spec.keepRaw
      ? { raw: { feedStart: feedStart ?? '', entries: entries.map((e) => ({ id: e.entity.id || null, bijgewerkt: e.entity.bijgewerkt || null, xml: e.xml ?? '' })) } }
      : {}),
  };
}
