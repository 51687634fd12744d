// Writes SyncFeed pages the way upstream does: an Atom feed, one entry per entity change, each
// entry with its own `next` link, the entity in the tkData namespace with `tk:bijgewerkt` and
// `tk:verwijderd`, relations as `ref` children. Used by the tests, the demo feed generator and
// the benchmark.

export const TK_BASE = 'https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0';

type FieldValue = string | number | boolean | null | undefined;

export interface EntitySpec {
  id: string;
  bijgewerkt: string;
  verwijderd?: boolean;
  /** Scalar children, in XSD order; null is written as xsi:nil, undefined is left out. */
  fields?: Record<string, FieldValue>;
  /** `ref` children; several for many-valued relations. */
  refs?: Record<string, string | string[] | undefined>;
  contentType?: string;
  contentLength?: number;
}

export interface EntryOptions {
  /** Atom `<updated>`; defaults to bijgewerkt. */
  updated?: string;
  /** Full href of the `next` link, or null for none. */
  next: string | null;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function lowerFirst(s: string): string {
  return s[0]!.toLowerCase() + s.slice(1);
}

export function nextHref(base: string, category: string, skiptoken: string): string {
  return `${base}/Feed?category=${category}&skiptoken=${skiptoken}`;
}

function entityXml(category: string, e: EntitySpec): string {
  const name = lowerFirst(category);
  const attrs = [`id="${e.id}"`, `tk:bijgewerkt="${e.bijgewerkt}"`, `tk:verwijderd="${e.verwijderd ? 'true' : 'false'}"`];
  if (e.contentType) attrs.push(`tk:contentType="${escapeXml(e.contentType)}"`);
  if (e.contentLength !== undefined) attrs.push(`tk:contentLength="${e.contentLength}"`);
  const ns = 'xmlns:tk="http://www.tweedekamer.nl/xsd/tkData/v1-0" xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
  if (e.verwijderd) return `<${name} ${ns} ${attrs.join(' ')}/>`;
  const children: string[] = [];
  for (const [k, v] of Object.entries(e.refs ?? {})) {
    if (v === undefined) continue;
    for (const ref of Array.isArray(v) ? v : [v]) children.push(`<${k} ref="${ref}"/>`);
  }
  for (const [k, v] of Object.entries(e.fields ?? {})) {
    if (v === undefined) continue;
    children.push(v === null ? `<${k} xsi:nil="true"/>` : `<${k}>${escapeXml(String(v))}</${k}>`);
  }
  return `<${name} ${ns} ${attrs.join(' ')}>\n      ${children.join('\n      ')}\n    </${name}>`;
}

export function entryXml(category: string, e: EntitySpec, options: EntryOptions, base = TK_BASE): string {
  const next = options.next === null ? '' : `\n  <link rel="next" href="${escapeXml(options.next)}"/>`;
  const enclosure = e.contentType && !e.verwijderd ? `\n  <link rel="enclosure" href="${base}/Resources/${e.id}"/>` : '';
  return `<entry>
  <title>${e.id}</title>
  <id>${base}/Entiteiten/${e.id}</id>
  <author><name>Tweede Kamer der Staten-Generaal</name></author>
  <updated>${options.updated ?? toUtc(e.bijgewerkt)}</updated>
  <category term="${lowerFirst(category)}"/>${next}${enclosure}
  <content type="application/xml">
    ${entityXml(category, e)}
  </content>
</entry>`;
}

export function feedXml(category: string, entries: string[], selfHref: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${category}</title>
<id>${escapeXml(selfHref)}</id>
<updated>2026-01-01T00:00:00Z</updated>
<link rel="self" href="${escapeXml(selfHref)}"/>
${entries.join('\n')}
</feed>
`;
}

function toUtc(iso: string): string {
  const d = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('.000Z', 'Z');
}
