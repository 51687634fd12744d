// Writing promises derived from the feed (and recorded by staff) into the ledger: one upsert per
// batch keyed on (source, source_id), the people and parties it was made to and the ministries
// that owe it, the topic lens over its texts, and its `made` event, all in the caller's
// transaction so the fan-out that follows sees a promise complete.
import { getTableColumns, sql } from 'drizzle-orm';
import { type Db, pgArray, resultRows, type Tx } from '../db/client.ts';
import {
  type DueSource,
  type PromiseSource,
  requestAddressees,
  requestParties,
  requestPersons,
  requests,
  type RequestKind,
} from '../db/schema/index.ts';
import { startOfDay } from '../calendar.ts';
import { matchPromises } from './topics.ts';

export interface PromiseRow {
  source: Exclude<PromiseSource, 'staff'>;
  sourceId: string;
  sourceVersion: string;
  /** The permalink wanted; made unique when taken. */
  slug: string;
  kind: RequestKind;
  number: string | null;
  requestedOn: string | null;
  committee: string | null;
  subject: string;
  description: string;
  sourceText: string;
  ministerName: string | null;
  ministerFunction: string | null;
  ministerPost: string | null;
  ministerPersoonId: string | null;
  dueOn: string | null;
  dueText: string | null;
  dueSource: DueSource | null;
  registerStatus: string | null;
  fulfilmentNumber: string | null;
  zaakId: string | null;
  activiteitId: string | null;
  details: Record<string, unknown>;
  persons: { name: string; party: string | null; persoonId: string | null }[];
  parties: string[];
  addressees: string[];
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
}

/** A subject line from a long text: its first sentence, cut at a word near `max` characters. */
export function subjectOf(text: string, max = 160): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const first = /^(.{20,}?[.!?])(?:\s|$)/u.exec(clean)?.[1] ?? clean;
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

/** Slugs for the new rows that no other promise has taken (a suffix of the source id when needed). */
async function freeSlugs(tx: Db | Tx, rows: PromiseRow[]): Promise<Map<string, string>> {
  const taken = new Set(
    resultRows<{ slug: string }>(
      await tx.execute(sql`select slug from requests where slug = any(${pgArray(rows.map((r) => r.slug))}::text[])`),
    ).map((r) => r.slug),
  );
  const out = new Map<string, string>();
  for (const r of rows) {
    let slug = r.slug;
    if (taken.has(slug)) slug = `${r.slug}-${slugify(r.sourceId).slice(0, 8)}`;
    for (let i = 2; taken.has(slug); i++) slug = `${r.slug}-${slugify(r.sourceId).slice(0, 8)}-${i}`;
    taken.add(slug);
    out.set(r.sourceId, slug);
  }
  return out;
}

export interface StoreResult {
  ids: number[];
  created: number[];
}

/**
 * Upserts the promises (new ones get a free slug; existing ones keep theirs), replaces their
 * people, parties and ministries, clears a removal mark, matches their texts against the topics
 * and records `made` for the new ones. Returns the ids and the new events' ids.
 */
export async function storePromises(tx: Db | Tx, now: Date, rows: PromiseRow[]): Promise<StoreResult & { eventIds: number[] }> {
  if (rows.length === 0) return { ids: [], created: [], eventIds: [] };
  const slugs = await freeSlugs(tx, rows);
  const values = rows.map((r) => ({
    slug: slugs.get(r.sourceId)!,
    kind: r.kind,
    source: r.source,
    sourceId: r.sourceId,
    sourceVersion: r.sourceVersion,
    sourceRemovedAt: null,
    number: r.number,
    requestedOn: r.requestedOn,
    requestedOnPrecision: 'day' as const,
    committee: r.committee,
    subject: r.subject,
    description: r.description,
    sourceText: r.sourceText,
    ministerName: r.ministerName,
    ministerFunction: r.ministerFunction,
    ministerPost: r.ministerPost,
    ministerPersoonId: r.ministerPersoonId,
    dueOn: r.dueOn,
    dueText: r.dueText,
    dueSource: r.dueSource,
    registerStatus: r.registerStatus,
    fulfilmentNumber: r.fulfilmentNumber,
    zaakId: r.zaakId,
    activiteitId: r.activiteitId,
    details: r.details,
    createdAt: now,
    updatedAt: now,
  }));
  // A re-derived promise keeps its permalink and creation stamp; everything else is the source's now.
  const keep = new Set(['slug', 'createdAt', 'source', 'sourceId']);
  const set = Object.fromEntries(
    Object.entries(getTableColumns(requests))
      .filter(([prop]) => prop in values[0]! && !keep.has(prop))
      .map(([prop, column]) => [prop, sql.raw(`excluded."${column.name}"`)]),
  );
  const written = await tx
    .insert(requests)
    .values(values)
    .onConflictDoUpdate({ target: [requests.source, requests.sourceId], targetWhere: sql`${requests.sourceId} is not null`, set })
    .returning({ id: requests.id, sourceId: requests.sourceId, inserted: sql<boolean>`(xmax = 0)` });
  const idOf = new Map(written.map((w) => [w.sourceId!, w.id]));
  const ids = written.map((w) => w.id);
  const created = written.filter((w) => w.inserted === true || String(w.inserted) === 'true').map((w) => w.id);

  await tx.execute(sql`delete from request_persons where request_id = any(${pgArray(ids)}::int[])`);
  await tx.execute(sql`delete from request_parties where request_id = any(${pgArray(ids)}::int[])`);
  await tx.execute(sql`delete from request_addressees where request_id = any(${pgArray(ids)}::int[])`);
  const persons = rows.flatMap((r) => r.persons.map((p, position) => ({ requestId: idOf.get(r.sourceId)!, position, name: p.name, party: p.party, persoonId: p.persoonId })));
  const parties = rows.flatMap((r) => [...new Set(r.parties)].map((party) => ({ requestId: idOf.get(r.sourceId)!, role: 'requester' as const, party })));
  const addressees = rows.flatMap((r) => [...new Set(r.addressees)].map((ministry) => ({ requestId: idOf.get(r.sourceId)!, ministry })));
  if (persons.length > 0) await tx.insert(requestPersons).values(persons);
  if (parties.length > 0) await tx.insert(requestParties).values(parties);
  if (addressees.length > 0) await tx.insert(requestAddressees).values(addressees);

  await matchPromises(tx, now, ids);
  const eventIds = await recordMade(tx, now, created, 'sync');
  return { ids, created, eventIds };
}

/** `made` events for promises new to the ledger, dated the day they were made (or now). */
export async function recordMade(tx: Db | Tx, now: Date, ids: number[], source: 'sync' | 'staff'): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = resultRows<{ id: number; requested_on: string | null }>(
    await tx.execute(sql`select id, requested_on::text from requests where id = any(${pgArray(ids)}::int[])`),
  );
  const values = rows.map((r) => ({
    requestId: Number(r.id),
    occurredAt: r.requested_on ? startOfDay(r.requested_on) : now,
  }));
  const inserted = resultRows<{ id: number }>(
    await tx.execute(sql`
      insert into promise_events (request_id, kind, occurred_at, recorded_at, source, details, dedupe_key)
      select x.request_id, 'made', x.occurred_at, ${now.toISOString()}::timestamptz, ${source}, '{}'::jsonb, x.request_id::text || ':made'
      from json_to_recordset(${JSON.stringify(values.map((v) => ({ request_id: v.requestId, occurred_at: v.occurredAt.toISOString() })))}::json)
        as x(request_id int, occurred_at timestamptz)
      on conflict (dedupe_key) do nothing
      returning id`),
  );
  return inserted.map((r) => Number(r.id));
}
