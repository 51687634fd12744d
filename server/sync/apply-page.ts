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
import { mayRecordEvent, QUESTION_ZAAK_SOORT } from '../questions/documents.ts';

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

/** The page statement's text per category, built once; only the json parameters change. */
const statementText = new Map<string, string[]>();

/**
 * The whole upsert side of a page as one statement, so a page costs one round trip for it
 * (data-modifying CTEs all run; they see the same snapshot, not each other's rows):
 * - `up`: one multi-row upsert (json_to_recordset: one parameter whatever the page size)
 *   guarded by `excluded.bijgewerkt > table.bijgewerkt`, so an older or re-emitted version
 *   never overwrites a newer one and an unchanged re-emission writes nothing;
 * - per link table: the applied entities' link rows become what their newest version lists.
 *   Only rows that are not listed any more are deleted, so the delete and the insert never
 *   touch the same row (the order of CTEs within one statement is not defined);
 * - the question sets the page may have changed are marked pending (touched-zaken.ts).
 * Parameters: $rows, one pairs array per link, the ids whose soort can make an event, now.
 */
function pageStatement(map: CategoryMap, rowsJson: string, pairsJson: string[], relevantJson: string, now: Date): SQL {
  let parts = statementText.get(map.category);
  if (!parts) {
    const cols = ['id', 'bijgewerkt', 'feed_updated_at', ...map.columns.map((c) => c.column)];
    const defs = ['id uuid', 'bijgewerkt timestamptz', 'feed_updated_at timestamptz', ...map.columns.map((c) => `${q(c.column)} ${c.sqlType}`)];
    const t = q(map.tableName);
    parts = [
      `with up as (insert into ${t} (${cols.map(q).join(', ')}) select ${cols.map((c) => `x.${q(c)}`).join(', ')} from json_to_recordset(`,
      `) as x(${defs.join(', ')})` +
        // A tombstone as new as the entry means this version was already deleted.
        ` where not exists (select 1 from sync_tombstones s where s.id = x.id and s.bijgewerkt >= x.bijgewerkt)` +
        ` on conflict (id) do update set ${cols
          .filter((c) => c !== 'id')
          .map((c) => `${q(c)} = excluded.${q(c)}`)
          .join(', ')} where excluded.bijgewerkt > ${t}.bijgewerkt` +
        // xmax is 0 on a row this statement inserted and set on one it updated: only an updated
        // entity can have link rows to replace (links live and die with their entity's row).
        ` returning id, xmax = 0 as inserted)`,
    ];
    map.links.forEach((link, k) => {
      const [lt, self, other] = [q(link.table), q(link.selfColumn), q(link.otherColumn)];
      parts!.push(
        `, p${k} as (select distinct a, b from json_to_recordset(`,
        `) as p(a uuid, b uuid))` +
          `, unlink${k} as (delete from ${lt} l using up where l.${self} = up.id and not up.inserted` +
          ` and not exists (select 1 from p${k} where p${k}.a = l.${self} and p${k}.b = l.${other}))` +
          `, link${k} as (insert into ${lt} (${self}, ${other}) select p${k}.a, p${k}.b from p${k} join up on up.id = p${k}.a on conflict do nothing)`,
      );
    });
    // Written-question zaken, and the zaken of documents whose soort can make an event: their
    // zaken are the document's links as this page lists them (document_zaken after this statement).
    const toZaak = map.links.findIndex((l) => l.otherColumn === 'zaak_id');
    const marked =
      map.category === 'Zaak'
        ? `select up.id from up`
        : toZaak >= 0 && map.category === 'Document'
          ? `select p${toZaak}.b from p${toZaak} join up on up.id = p${toZaak}.a`
          : null;
    if (marked) {
      parts.push(
        `, relevant as (select json_array_elements_text(`,
        `)::uuid as id), pending as (insert into sync_pending_zaken (zaak_id, since) select distinct m.id, `,
        `::timestamptz from (${marked}${map.category === 'Zaak' ? ' where' : ' and'} ${map.category === 'Zaak' ? 'up.id' : `p${toZaak}.a`} in (select id from relevant)) m(id) on conflict (zaak_id) do nothing)`,
      );
    }
    parts.push(` select count(*)::int as upserted from up`);
    statementText.set(map.category, parts);
  }
  const chunks: SQL[] = [sql.raw(parts[0]!), sql`${rowsJson}::text::json`, sql.raw(parts[1]!)];
  let i = 2;
  for (const pairs of pairsJson) chunks.push(sql.raw(parts[i++]!), sql`${pairs}::text::json`, sql.raw(parts[i++]!));
  if (i < parts.length - 1) chunks.push(sql.raw(parts[i++]!), sql`${relevantJson}::text::json`, sql.raw(parts[i++]!), sql`${now.toISOString()}`, sql.raw(parts[i++]!));
  chunks.push(sql.raw(parts[i]!));
  return sql.join(chunks);
}

/**
 * Applies a page prepared by prepare-page.ts (in the page worker): its rows are already the
 * newest version per GUID, as JSON, so this side only sends SQL.
 */
export async function applyPage(db: Db, map: CategoryMap, page: PreparedPage, options: ApplyOptions): Promise<PageResult> {
  if (options.onUnknown) for (const name of page.unknown) options.onUnknown(map.category, name);
  return db.transaction(async (tx) => {
    // Sent together: postgres.js pipelines them on the transaction's connection and runs them
    // in the order issued, so a page costs one round trip besides BEGIN and COMMIT.
    const rows = applyRows(tx, map, page, options.now);
    const state = recordPosition(tx, map, page.entries, options);
    const [{ upserted, deleted }] = await Promise.all([rows, state]);
    options.onStatementsDone?.();
    await options.after;
    return { entries: page.entries, upserted, deleted };
  });
}

/** The page's rows and deletions, in the caller's transaction (quarantine.ts applies them one by one). */
export async function applyRows(tx: Tx, map: CategoryMap, page: PreparedPage, now: Date): Promise<{ upserted: number; deleted: number }> {
  // Only written-question zaken and documents of an event soort can produce events; the events
  // are recorded after the run together with the derived data alert filters need.
  const relevant =
    map.category === 'Zaak' || map.category === 'Document'
      ? page.ids.filter((_, i) => (map.category === 'Zaak' ? page.soorten[i] === QUESTION_ZAAK_SOORT : mayRecordEvent(page.soorten[i])))
      : [];
  let upserted: Promise<number> = Promise.resolve(0);
  if (page.ids.length > 0) {
    const statement = pageStatement(map, page.rowsJson, page.linksJson, JSON.stringify(relevant), now);
    upserted = tx.execute(statement).then((r) => Number(resultRows<{ upserted: number }>(r)[0]?.upserted ?? 0));
  }
  const deleted = page.deletions > 0 ? applyDeletions(tx, map, page.deletionsJson) : Promise.resolve(0);
  return { upserted: await upserted, deleted: await deleted };
}

/** The category's new position and totals, in the page's transaction. */
export async function recordPosition(tx: Tx, map: CategoryMap, entries: number, options: Pick<ApplyOptions, 'skiptoken' | 'now'>): Promise<void> {
  await tx
    .insert(syncState)
    .values({ category: map.category, skiptoken: options.skiptoken, entriesTotal: entries, pagesTotal: 1, lastRunAt: options.now })
    .onConflictDoUpdate({
      target: syncState.category,
      set: {
        skiptoken: options.skiptoken,
        entriesTotal: sql`${syncState.entriesTotal} + ${entries}`,
        pagesTotal: sql`${syncState.pagesTotal} + 1`,
      },
    });
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
