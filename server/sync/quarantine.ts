// One bad entry must not block its category. An entry that cannot be stored as it is (an id
// that is not a GUID, no valid bijgewerkt, a value PostgreSQL refuses) is set aside with its XML
// and the reason in `sync_quarantine`, the rest of its page is applied and the category moves on.
//
// How an entry gets there, in a bounded number of attempts:
// - the page worker's preparation rejects what can never be stored (prepare-page.ts `rejected`);
// - otherwise the page is applied as usual (attempt 1). When its statements fail with an error
//   an entry's own values cause (SQLSTATE class 22 data exception, 23 integrity constraint, 54
//   program limit), each entry is applied once more alone, in a savepoint of one transaction
//   (attempt 2). Those that fail again are set aside; any other error fails the page as before.
// In both cases the page is fetched once more with each entry's XML kept (the hot path never
// keeps it), and the page's position is stored in the same transaction as its rows and the
// set-aside entries, so nothing is skipped or lost.
//
// Every sync run first tries the category's set-aside entries again (retrySetAside): parsed and
// prepared anew, so a fix in the code lets them in, and applied under the same newer-wins rule
// as the feed, so an old version never overwrites a newer row. `/health` counts them and staff
// see them at /staff/quarantaine.
import { createHash } from 'node:crypto';
import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { syncQuarantine } from '../db/schema/index.ts';
import { safeErrorMessage } from '../log-redaction.ts';
import { type ApplyOptions, applyPage, applyRows, type PageResult, recordPosition } from './apply-page.ts';
import type { FeedClient } from './client.ts';
import { type CategoryMap, pageSpec } from './entities.ts';
import { FeedParseError, parseFeedPage } from './parser.ts';
import { type PreparedPage, preparePage, type RawEntries } from './prepare-page.ts';
import type { SyncLog } from './run-sync.ts';
import type { Json } from './values.ts';

/** SQLSTATE classes an entry's own values cause. */
const ENTRY_ERROR_CLASSES = new Set(['22', '23', '54']);

export type SetAside = typeof syncQuarantine.$inferSelect;

/** The SQLSTATE of a database error, looked for along the cause chain (drizzle wraps the driver's). */
function sqlState(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** True for an error an entry's own values cause. */
function isEntryError(err: unknown): boolean {
  const state = sqlState(err);
  return state !== null && ENTRY_ERROR_CLASSES.has(state.slice(0, 2));
}

/** What the database said, for staff: the driver's message (feed data is public; no secrets here). */
function databaseReason(err: unknown): string {
  let message = err instanceof Error ? err.message : String(err);
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) message = e.message;
  const state = sqlState(err);
  return state ? `${message} (SQLSTATE ${state})` : message;
}

export interface SetAsideOptions extends ApplyOptions {
  client: FeedClient;
  /** The skiptoken the page was fetched with (null: the category's first page). */
  from: string | null;
  log: SyncLog;
}

/**
 * applyPage, except that entries which cannot be stored are set aside instead of failing the
 * page. The fast path is applyPage itself; the rest runs only for a page with such an entry.
 */
export async function applyPageSettingAside(db: Db, map: CategoryMap, page: PreparedPage, options: SetAsideOptions): Promise<PageResult> {
  if (page.rejected.length === 0) {
    let statementsDone = false;
    try {
      return await applyPage(db, map, page, {
        ...options,
        onStatementsDone: () => {
          statementsDone = true;
          options.onStatementsDone?.();
        },
      });
    } catch (err) {
      // A failed commit, or the previous page's, is not this page's entries' doing.
      if (statementsDone || !isEntryError(err)) throw err;
      options.log.warn({ category: map.category, reason: safeErrorMessage(err) }, 'feed page failed on an entry; applying its entries one by one');
    }
  } else if (options.onUnknown) {
    for (const name of page.unknown) options.onUnknown(map.category, name);
  }
  // Fetched before the transaction, so no transaction waits on the network.
  const raw = (await options.client.fetchPrepared({ ...pageSpec(map), keepRaw: true }, options.from)).raw;
  return applyOneByOne(db, map, page, options, raw);
}

type Row = Record<string, Json>;

/** The page with only one row, or only one deletion. */
function single(page: PreparedPage, rows: Row[], links: { a: string; b: string }[][], which: { row: number } | { deletion: string }): PreparedPage {
  const none = { rowsJson: '[]', ids: [], soorten: [], linksJson: links.map(() => '[]'), deletionsJson: '[]', deletions: 0 };
  if ('deletion' in which) return { ...page, ...none, deletionsJson: which.deletion, deletions: 1 };
  const i = which.row;
  const id = page.ids[i]!;
  return {
    ...page,
    ...none,
    rowsJson: JSON.stringify([rows[i]]),
    ids: [id],
    soorten: [page.soorten[i] ?? null],
    linksJson: links.map((pairs) => JSON.stringify(pairs.filter((p) => p.a === id))),
  };
}

interface Failure {
  id: string | null;
  bijgewerkt: string | null;
  reason: string;
  /** Position on the page, when known (entries rejected before the database). */
  index?: number;
}

async function applyOneByOne(db: Db, map: CategoryMap, page: PreparedPage, options: SetAsideOptions, raw: RawEntries | undefined): Promise<PageResult> {
  const rows = JSON.parse(page.rowsJson) as Row[];
  const links = page.linksJson.map((json) => JSON.parse(json) as { a: string; b: string }[]);
  const deletions = JSON.parse(page.deletionsJson) as { id: string; bijgewerkt: string }[];
  const failures: Failure[] = page.rejected.map((r) => ({ id: r.id, bijgewerkt: raw?.entries[r.index]?.bijgewerkt ?? null, reason: r.reason, index: r.index }));

  return db.transaction(async (tx) => {
    let upserted = 0;
    let deleted = 0;
    const attempt = async (sub: PreparedPage, failure: Omit<Failure, 'reason'>) => {
      try {
        const r = await tx.transaction((savepoint) => applyRows(savepoint, map, sub, options.now));
        upserted += r.upserted;
        deleted += r.deleted;
      } catch (err) {
        if (!isEntryError(err)) throw err;
        failures.push({ ...failure, reason: databaseReason(err) });
      }
    };
    for (let i = 0; i < page.ids.length; i++) {
      await attempt(single(page, rows, links, { row: i }), { id: page.ids[i]!, bijgewerkt: String(rows[i]!.bijgewerkt ?? '') || null });
    }
    for (const d of deletions) await attempt(single(page, rows, links, { deletion: JSON.stringify([d]) }), { id: d.id, bijgewerkt: d.bijgewerkt });

    for (const f of failures) {
      await recordSetAside(tx, map.category, f, xmlOf(raw, f), options.skiptoken, options.now);
      options.log.warn({ category: map.category, entityId: f.id, reason: f.reason }, 'feed entry set aside');
    }
    await recordPosition(tx, map, page.entries, options);
    options.onStatementsDone?.();
    await options.after;
    return { entries: page.entries, upserted, deleted };
  });
}

/** The entry's XML wrapped in the feed's start tag (it then parses on its own), or null when not found. */
function xmlOf(raw: RawEntries | undefined, f: Failure): string | null {
  if (!raw) return null;
  const byIndex = f.index !== undefined ? raw.entries[f.index] : undefined;
  const candidates = raw.entries.filter((e) => e.id === f.id);
  const entry =
    (byIndex && byIndex.id === f.id ? byIndex : undefined) ?? candidates.find((e) => e.bijgewerkt === f.bijgewerkt) ?? candidates.at(-1);
  const name = /^<([^\s/>]+)/.exec(raw.feedStart)?.[1];
  if (!entry?.xml || !name) return null;
  return `${raw.feedStart}\n${entry.xml}\n</${name}>`;
}

async function recordSetAside(tx: Tx, category: string, f: Failure, xml: string | null, skiptoken: string | null, now: Date): Promise<void> {
  const entryHash = createHash('sha256').update(`${category}\n${xml ?? `${f.id}\n${f.bijgewerkt}\n${f.reason}`}`).digest('hex');
  await tx
    .insert(syncQuarantine)
    .values({ category, entityId: f.id, bijgewerkt: f.bijgewerkt, xml, entryHash, reason: f.reason.slice(0, 2000), skiptoken, firstSeenAt: now, lastTriedAt: now })
    .onConflictDoUpdate({
      target: syncQuarantine.entryHash,
      set: { attempts: sql`${syncQuarantine.attempts} + 1`, lastTriedAt: now, reason: f.reason.slice(0, 2000) },
    });
}

/**
 * Tries the category's set-aside entries again (each sync run, before its pages): one that now
 * applies leaves the quarantine in the same transaction; one that still fails counts an attempt.
 */
export async function retrySetAside(db: Db, map: CategoryMap, now: Date, log: SyncLog): Promise<{ tried: number; applied: number }> {
  const held = await db.select().from(syncQuarantine).where(eq(syncQuarantine.category, map.category)).orderBy(asc(syncQuarantine.id));
  let applied = 0;
  for (const entry of held) {
    const reason = entry.xml === null ? null : await retryOne(db, map, entry, now);
    if (reason === null && entry.xml !== null) {
      applied++;
      log.info({ category: map.category, entityId: entry.entityId }, 'set-aside feed entry applied');
      continue;
    }
    await db
      .update(syncQuarantine)
      .set({ attempts: sql`${syncQuarantine.attempts} + 1`, lastTriedAt: now, ...(reason ? { reason: reason.slice(0, 2000) } : {}) })
      .where(eq(syncQuarantine.id, entry.id));
  }
  return { tried: held.length, applied };
}

/** Null when the entry applied (and left the quarantine), else why not. */
async function retryOne(db: Db, map: CategoryMap, entry: SetAside, now: Date): Promise<string | null> {
  let page: PreparedPage;
  try {
    page = { ...preparePage(pageSpec(map), parseFeedPage(entry.xml!).entries), bytes: 0 };
  } catch (err) {
    if (err instanceof FeedParseError) return err.message;
    throw err;
  }
  if (page.rejected[0]) return page.rejected[0].reason;
  try {
    await db.transaction(async (tx) => {
      await applyRows(tx, map, page, now);
      await tx.delete(syncQuarantine).where(eq(syncQuarantine.id, entry.id));
    });
    return null;
  } catch (err) {
    if (!isEntryError(err)) throw err;
    return databaseReason(err);
  }
}

/** How many entries are set aside (/health). */
export async function countSetAside(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(syncQuarantine);
  return Number(row?.n ?? 0);
}

/** Every set-aside entry, oldest first (the staff page). */
export async function listSetAside(db: Db): Promise<SetAside[]> {
  return db.select().from(syncQuarantine).orderBy(asc(syncQuarantine.firstSeenAt), asc(syncQuarantine.id));
}
