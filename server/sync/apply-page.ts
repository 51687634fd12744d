// Applies one feed page in one transaction, together with the category's new skiptoken, so a
// crash leaves either the whole page and its position or neither. Rows go in as one multi-row
// upsert per page (json_to_recordset: one parameter whatever the page size, one prepared
// statement per category) guarded by `excluded.bijgewerkt > table.bijgewerkt`, so an older or
// re-emitted version never overwrites a newer one and an unchanged re-emission writes nothing.
import { sql, type SQL } from 'drizzle-orm';
import { type Db, type Tx, resultRows } from '../db/client.ts';
import { syncState } from '../db/schema/index.ts';
import type { CategoryMap } from './entities.ts';
import type { PreparedPage } from './prepare-page.ts';
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
  /**
   * The previous page's commit, still under way. This page's statements run meanwhile, but it
   * commits only after that one has, and rolls back when that one failed: positions are stored
   * in feed order, and a page never commits after a gap.
   */
  after?: Promise<unknown>;
  /** Called once the page's statements are done and only its commit remains. */
  onStatementsDone?: () => void;
}

const q = (name: string) => `"${name}"`;
const json = (value: unknown) => sql`${JSON.stringify(value)}::text::json`;
const idList = (ids: string[]) => sql`(select json_array_elements_text(${JSON.stringify(ids)}::text::json)::uuid)`;

/** The per-category upsert, built once: only the json parameter changes between pages. */
const upsertText = new Map<string, { head: string; tail: string }>();
function upsertSql(map: CategoryMap, rowsJson: string): SQL {
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
          .join(', ')} where excluded.bijgewerkt > ${t}.bijgewerkt` +
        // xmax is 0 on a row this statement inserted and set on one it updated: only an updated
        // entity can have link rows to replace (links live and die with their entity's row).
        ` returning id, xmax = 0 as inserted`,
    };
    upsertText.set(map.category, text);
  }
  return sql.raw(text.head).append(sql`${rowsJson}::text::json`).append(sql.raw(text.tail));
}

/**
 * Applies a page prepared by prepare-page.ts (in the page worker): its rows are already the
 * newest version per GUID, as JSON, so this side only sends SQL.
 */
export async function applyPage(db: Db, map: CategoryMap, page: PreparedPage, options: ApplyOptions): Promise<PageResult> {
  if (options.onUnknown) for (const name of page.unknown) options.onUnknown(map.category, name);

  return db.transaction(async (tx) => {
    const upserted: string[] = [];
    const updated: string[] = [];
    if (page.ids.length > 0) {
      for (const r of resultRows<Record<string, unknown>>(await tx.execute(upsertSql(map, page.rowsJson)))) {
        upserted.push(String(r.id));
        if (!r.inserted) updated.push(String(r.id));
      }
    }

    // The rest depends only on `upserted`: these statements are sent together (postgres.js
    // pipelines them on the transaction's connection and runs them in the order issued), so a
    // page costs a few round trips instead of one per statement.
    const statements: Promise<unknown>[] = [];
    if (upserted.length > 0 && map.links.length > 0) statements.push(...linkStatements(tx, map, page, upserted, updated));
    let deleted: Promise<number> = Promise.resolve(0);
    if (page.deletions > 0) statements.push((deleted = applyDeletions(tx, map, page.deletionsJson)));
    if (upserted.length > 0 && (map.category === 'Zaak' || map.category === 'Document')) {
      // Only written-question zaken and documents of an event soort can produce events. Their
      // sets are marked pending here, in the page's transaction; the events are recorded after
      // the run together with the derived data alert filters need (touched-zaken.ts).
      const applied = new Set(upserted);
      const relevant = page.ids.filter(
        (id, i) => applied.has(id) && (map.category === 'Zaak' ? page.soorten[i] === QUESTION_ZAAK_SOORT : mayRecordEvent(page.soorten[i])),
      );
      if (map.category === 'Zaak') statements.push(markZakenPending(tx, relevant, options.now));
      else statements.push(markDocumentZakenPending(tx, relevant, options.now));
    }
    statements.push(
      tx
        .insert(syncState)
        .values({ category: map.category, skiptoken: options.skiptoken, entriesTotal: page.entries, pagesTotal: 1, lastRunAt: options.now })
        .onConflictDoUpdate({
          target: syncState.category,
          set: {
            skiptoken: options.skiptoken,
            entriesTotal: sql`${syncState.entriesTotal} + ${page.entries}`,
            pagesTotal: sql`${syncState.pagesTotal} + 1`,
          },
        })
        .then(() => undefined),
    );
    await Promise.all(statements);
    options.onStatementsDone?.();
    await options.after;
    return { entries: page.entries, upserted: upserted.length, deleted: await deleted };
  });
}

/**
 * The applied entities' link rows are replaced by what their newest version lists (delete, then
 * insert). A newly inserted entity has none yet, so only updated ones need the delete.
 */
function linkStatements(tx: Tx, map: CategoryMap, page: PreparedPage, applied: string[], updated: string[]): Promise<unknown>[] {
  const appliedSet = new Set(applied);
  const out: Promise<unknown>[] = [];
  map.links.forEach((link, k) => {
    if (updated.length > 0) {
      out.push(tx.execute(sql`delete from ${sql.raw(q(link.table))} where ${sql.raw(q(link.selfColumn))} in ${idList(updated)}`).then(() => undefined));
    }
    const { a, b } = page.links[k]!;
    const pairs: { a: string; b: string }[] = [];
    for (let i = 0; i < a.length; i++) if (appliedSet.has(a[i]!)) pairs.push({ a: a[i]!, b: b[i]! });
    if (pairs.length === 0) return;
    out.push(
      tx
        .execute(
          sql`insert into ${sql.raw(q(link.table))} (${sql.raw(q(link.selfColumn))}, ${sql.raw(q(link.otherColumn))})
          select a, b from json_to_recordset(${json(pairs)}) as x(a uuid, b uuid) on conflict do nothing`,
        )
        .then(() => undefined),
    );
  });
  return out;
}

/**
 * A deletion removes the row (unless a newer version is already there), its links both ways,
 * and leaves a tombstone so an older version re-emitted later does not bring it back.
 */
async function applyDeletions(tx: Tx, map: CategoryMap, rowsJson: string): Promise<number> {
  const rows = sql`${rowsJson}::text::json`;
  const t = sql.raw(q(map.tableName));
  await tx.execute(sql`
    insert into sync_tombstones (id, category, bijgewerkt)
    select x.id, ${map.category}, x.bijgewerkt from json_to_recordset(${rows}) as x(id uuid, bijgewerkt timestamptz)
    on conflict (id) do update set bijgewerkt = excluded.bijgewerkt where excluded.bijgewerkt > sync_tombstones.bijgewerkt`);
  const removed = resultRows<Record<string, unknown>>(
    await tx.execute(sql`
      delete from ${t} using json_to_recordset(${rows}) as x(id uuid, bijgewerkt timestamptz)
       where ${t}.id = x.id and ${t}.bijgewerkt <= x.bijgewerkt returning ${t}.id`),
  );
  // Unlink every deleted GUID that has no newer row, whether or not the row had arrived.
  const gone = sql`(select x.id from json_to_recordset(${rows}) as x(id uuid) where not exists (select 1 from ${t} r where r.id = x.id))`;
  const unlink = [
    ...map.links.map((l) => ({ table: l.table, column: l.selfColumn })),
    ...map.linkedFrom,
  ];
  for (const l of unlink) {
    await tx.execute(sql`delete from ${sql.raw(q(l.table))} where ${sql.raw(q(l.column))} in ${gone}`);
  }
  return removed.length;
}
