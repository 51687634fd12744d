// Applies one feed page in one transaction, together with the category's new skiptoken, so a
// crash leaves either the whole page and its position or neither. Rows go in as one multi-row
// upsert per page (json_to_recordset: one parameter whatever the page size, one prepared
// statement per category) guarded by `excluded.bijgewerkt > table.bijgewerkt`, so an older or
// re-emitted version never overwrites a newer one and an unchanged re-emission writes nothing.
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { syncState } from '../db/schema/index.ts';
import { type CategoryMap, toRow, unknownElements } from './entities.ts';
import type { FeedEntry } from './parser.ts';
import { QUESTION_ZAAK_SOORT } from '../questions/documents.ts';
import { mayRecordEvent } from './question-changes.ts';
import { markDocumentZakenPending, markZakenPending } from './touched-zaken.ts';

export interface PageResult {
  entries: number;
  /** Rows inserted or changed. */
  upserted: number;
  /** Rows removed by deletions. */
  deleted: number;
}

export interface ApplyOptions {
  /** The skiptoken to store with this page (the last entry's `next`, exactly as given). */
  skiptoken: string | null;
  now: Date;
  /** Called once per unknown element name (the caller keeps the "once"). */
  onUnknown?: (category: string, element: string) => void;
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

const q = (name: string) => `"${name}"`;
const json = (value: unknown) => sql`${JSON.stringify(value)}::text::json`;
const idList = (ids: string[]) => sql`(select json_array_elements_text(${JSON.stringify(ids)}::text::json)::uuid)`;

/** The per-category upsert, built once: only the jsonb parameter changes between pages. */
const upsertText = new Map<string, { head: string; tail: string }>();
function upsertSql(map: CategoryMap, rows: unknown[]): SQL {
  let text = upsertText.get(map.category);
  if (!text) {
    const cols = ['id', 'bijgewerkt', 'feed_updated_at', ...map.columns.map((c) => c.column)];
    const defs = ['id uuid', 'bijgewerkt timestamptz', 'feed_updated_at timestamptz', ...map.columns.map((c) => `${q(c.column)} ${c.sqlType}`)];
    const t = q(map.tableName);
    text = {
      head: `insert into ${t} (${cols.map(q).join(', ')}) select ${cols.map((c) => `x.${q(c)}`).join(', ')} from json_to_recordset(`,
      tail:
        `) as x(${defs.join(', ')})` +
        // A tombstone as new as the entry means this version was already deleted.
        ` where not exists (select 1 from sync_tombstones s where s.id = x.id and s.bijgewerkt >= x.bijgewerkt)` +
        ` on conflict (id) do update set ${cols
          .filter((c) => c !== 'id')
          .map((c) => `${q(c)} = excluded.${q(c)}`)
          .join(', ')} where excluded.bijgewerkt > ${t}.bijgewerkt returning id`,
    };
    upsertText.set(map.category, text);
  }
  return sql.raw(text.head).append(json(rows)).append(sql.raw(text.tail));
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

export async function applyPage(db: Db, map: CategoryMap, entries: FeedEntry[], options: ApplyOptions): Promise<PageResult> {
  const latest = newestPerId(entries.filter((e) => e.entity.name === map.element));
  const upserts = latest.filter((e) => !e.entity.verwijderd);
  const deletions = latest.filter((e) => e.entity.verwijderd);
  if (options.onUnknown) {
    for (const e of entries) {
      if (e.entity.name !== map.element) options.onUnknown(map.category, `<${e.entity.name}> entity`);
      else for (const name of unknownElements(map, e.entity)) options.onUnknown(map.category, name);
    }
  }

  return db.transaction(async (tx) => {
    // Not waiting for the WAL flush is safe here: a page and its skiptoken commit atomically, so
    // a database crash can only lose the newest pages *with* their position, and the next run
    // fetches them again. It saves one fsync per page, the largest fixed cost of a page.
    const setup = tx.execute(sql`set local synchronous_commit = off`);
    let upserted: string[] = [];
    if (upserts.length > 0) {
      const rows = upserts.map((e) => toRow(map, e.entity, e.updated));
      upserted = rowsOf(await tx.execute(upsertSql(map, rows))).map((r) => String(r.id));
    }
    await setup;

    // The rest depends only on `upserted`: these statements are sent together (postgres.js
    // pipelines them on the transaction's connection and runs them in the order issued), so a
    // page costs a few round trips instead of one per statement.
    const statements: Promise<unknown>[] = [];
    if (upserted.length > 0 && map.links.length > 0) statements.push(...linkStatements(tx, map, upserts, upserted));
    let deleted: Promise<number> = Promise.resolve(0);
    if (deletions.length > 0) statements.push((deleted = applyDeletions(tx, map, deletions)));
    if (upserted.length > 0 && (map.category === 'Zaak' || map.category === 'Document')) {
      // Only written-question zaken and documents of an event soort can produce events. Their
      // sets are marked pending here, in the page's transaction; the events are recorded after
      // the run together with the derived data alert filters need (touched-zaken.ts).
      const applied = new Set(upserted);
      const relevant = upserts
        .filter((e) => applied.has(e.entity.id))
        .filter((e) => (map.category === 'Zaak' ? e.entity.fields.get('soort') === QUESTION_ZAAK_SOORT : mayRecordEvent(e.entity.fields.get('soort'))))
        .map((e) => e.entity.id);
      if (map.category === 'Zaak') statements.push(markZakenPending(tx, relevant, options.now));
      else statements.push(markDocumentZakenPending(tx, relevant, options.now));
    }
    statements.push(
      tx
        .insert(syncState)
        .values({ category: map.category, skiptoken: options.skiptoken, entriesTotal: entries.length, pagesTotal: 1, lastRunAt: options.now })
        .onConflictDoUpdate({
          target: syncState.category,
          set: {
            skiptoken: options.skiptoken,
            entriesTotal: sql`${syncState.entriesTotal} + ${entries.length}`,
            pagesTotal: sql`${syncState.pagesTotal} + 1`,
          },
        })
        .then(() => undefined),
    );
    await Promise.all(statements);
    return { entries: entries.length, upserted: upserted.length, deleted: await deleted };
  });
}

/** The applied entities' link rows are replaced by what their newest version lists (delete, then insert). */
function linkStatements(tx: Tx, map: CategoryMap, upserts: FeedEntry[], applied: string[]): Promise<unknown>[] {
  const appliedSet = new Set(applied);
  const out: Promise<unknown>[] = [];
  for (const link of map.links) {
    out.push(tx.execute(sql`delete from ${sql.raw(q(link.table))} where ${sql.raw(q(link.selfColumn))} in ${idList(applied)}`).then(() => undefined));
    const pairs: { a: string; b: string }[] = [];
    for (const e of upserts) {
      if (!appliedSet.has(e.entity.id)) continue;
      for (const target of e.entity.refs.get(link.ref) ?? []) {
        if (/^[0-9a-fA-F-]{36}$/.test(target)) pairs.push({ a: e.entity.id, b: target.toLowerCase() });
      }
    }
    if (pairs.length === 0) continue;
    out.push(
      tx
        .execute(
          sql`insert into ${sql.raw(q(link.table))} (${sql.raw(q(link.selfColumn))}, ${sql.raw(q(link.otherColumn))})
          select a, b from json_to_recordset(${json(pairs)}) as x(a uuid, b uuid) on conflict do nothing`,
        )
        .then(() => undefined),
    );
  }
  return out;
}

/**
 * A deletion removes the row (unless a newer version is already there), its links both ways,
 * and leaves a tombstone so an older version re-emitted later does not bring it back.
 */
async function applyDeletions(tx: Tx, map: CategoryMap, deletions: FeedEntry[]): Promise<number> {
  const rows = deletions.map((e) => ({ id: e.entity.id, bijgewerkt: e.entity.bijgewerkt }));
  const t = sql.raw(q(map.tableName));
  await tx.execute(sql`
    insert into sync_tombstones (id, category, bijgewerkt)
    select x.id, ${map.category}, x.bijgewerkt from json_to_recordset(${json(rows)}) as x(id uuid, bijgewerkt timestamptz)
    on conflict (id) do update set bijgewerkt = excluded.bijgewerkt where excluded.bijgewerkt > sync_tombstones.bijgewerkt`);
  const removed = rowsOf(
    await tx.execute(sql`
      delete from ${t} using json_to_recordset(${json(rows)}) as x(id uuid, bijgewerkt timestamptz)
       where ${t}.id = x.id and ${t}.bijgewerkt <= x.bijgewerkt returning ${t}.id`),
  );
  // Unlink every deleted GUID that has no newer row, whether or not the row had arrived.
  const gone = sql`(select x.id from json_to_recordset(${json(rows)}) as x(id uuid) where not exists (select 1 from ${t} r where r.id = x.id))`;
  const unlink = [
    ...map.links.map((l) => ({ table: l.table, column: l.selfColumn })),
    ...map.linkedFrom,
  ];
  for (const l of unlink) {
    await tx.execute(sql`delete from ${sql.raw(q(l.table))} where ${sql.raw(q(l.column))} in ${gone}`);
  }
  return removed.length;
}
