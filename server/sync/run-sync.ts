// One sync run: every category from its stored skiptoken to the head of the feed. While a page
// is being applied the next ones are already downloading and being parsed in the page worker
// (at most READ_AHEAD pages ahead), which keeps the database and the parser busy at the same
// time, on separate cores, without letting memory grow. Each page commits synchronously (its
// skiptoken is durable once the page counts as applied); the next page's statements run while
// that commit waits for the WAL flush.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { syncState } from '../db/schema/index.ts';
import type { PageResult } from './apply-page.ts';
import { type FeedClient, FeedError } from './client.ts';
import { CATEGORIES, type CategoryMap, pageSpec } from './entities.ts';
import type { PageSpec, PreparedPage } from './prepare-page.ts';
import type { Progress } from './progress.ts';
import { applyPageSettingAside, retrySetAside } from './quarantine.ts';
import { safeErrorMessage } from '../log-redaction.ts';

export interface SyncLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface RunSyncOptions {
  db: Db;
  client: FeedClient;
  /** The job clock's now: sync_state stamps and question events' recordedAt. */
  now: () => Date;
  log: SyncLog;
  progress?: Progress;
  /** Defaults to every mirrored category. */
  categories?: string[];
  /** Stop after this many pages per category (tests); the run then does not count as reaching the head. */
  maxPages?: number;
  /**
   * Aborted to stop early (SIGTERM): the page being applied still commits, pages read ahead are
   * dropped, no further category starts, and runSync returns normally.
   */
  stop?: AbortSignal;
}

export interface CategoryResult {
  category: string;
  pages: number;
  entries: number;
  upserted: number;
  deleted: number;
  reachedHead: boolean;
  /** Stopped early on request (RunSyncOptions.stop). */
  stopped?: boolean;
  error?: string;
}

class SyncFailedError extends Error {
  constructor(readonly results: CategoryResult[]) {
    super(`sync failed: ${results.filter((r) => r.error).map((r) => `${r.category}: ${r.error}`).join('; ')}`);
    this.name = 'SyncFailedError';
  }
}

/** Runs every category; throws SyncFailedError when any failed (the others are still synced). */
export async function runSync(options: RunSyncOptions): Promise<CategoryResult[]> {
  const maps = options.categories ? CATEGORIES.filter((c) => options.categories!.includes(c.category)) : CATEGORIES;
  const results: CategoryResult[] = [];
  for (const map of maps) {
    if (options.stop?.aborted) break;
    const result = await syncCategory(options, map);
    results.push(result);
    // Upstream unreachable: the other categories would only wait out the same back-off.
    if (result.error && /^(network|timeout)/.test(result.error)) break;
  }
  if (results.some((r) => r.error)) throw new SyncFailedError(results);
  return results;
}

/** True when a run brought every mirrored category to the head of the feed (not failed, not stopped). */
export function reachedEveryHead(results: CategoryResult[]): boolean {
  return CATEGORIES.every((c) => results.some((r) => r.category === c.category && r.reachedHead));
}

async function syncCategory(options: RunSyncOptions, map: CategoryMap): Promise<CategoryResult> {
  const { db, client, log } = options;
  const category = map.category;
  const [state] = await db.select().from(syncState).where(eq(syncState.category, category));
  let skiptoken = state?.skiptoken ?? null;
  await db
    .insert(syncState)
    .values({ category, lastRunAt: options.now() })
    .onConflictDoUpdate({ target: syncState.category, set: { lastRunAt: options.now() } });

  const result: CategoryResult = { category, pages: 0, entries: 0, upserted: 0, deleted: 0, reachedHead: false };
  const unknownSeen = new Set<string>();
  const onUnknown = (cat: string, element: string) => {
    const key = `${cat}:${element}`;
    if (unknownSeen.has(key)) return;
    unknownSeen.add(key);
    log.warn({ category: cat, element }, 'unknown element in feed, ignored');
  };
  options.progress?.start(category);
  const abort = new AbortController();
  const stop = options.stop;
  // A stop ends the fetches at once (a back-off wait included); the page being applied is not
  // affected, since applyPage does not take this signal.
  const onStop = () => abort.abort();
  stop?.addEventListener('abort', onStop);
  const ahead = readAhead(client, pageSpec(map), skiptoken, abort.signal, options.maxPages);
  /** The next page, or null at the head or when asked to stop. */
  const nextPage = async () => {
    if (stop?.aborted) return null;
    try {
      return await ahead.next();
    } catch (err) {
      if (stop?.aborted) return null;
      throw err;
    }
  };
  // Page N commits (waiting for the WAL flush) while page N+1's statements already run on
  // another connection; N+1 commits only after N has (applyPage's `after`). N+1 starts once N's
  // statements are done, so the two never wait on each other's row locks in both directions.
  let committing: InFlight | null = null;
  let position = skiptoken;
  const settle = async (f: InFlight) => {
    const applied = await f.done;
    skiptoken = f.skiptoken;
    result.pages++;
    result.entries += applied.entries;
    result.upserted += applied.upserted;
    result.deleted += applied.deleted;
    options.progress?.page(category, applied.entries);
    if (f.atHead) result.reachedHead = true;
  };
  try {
    // Entries set aside by earlier runs first: a fix since then lets them in.
    await retrySetAside(db, map, options.now(), log);
    for (let page = await nextPage(); page; page = await nextPage()) {
      // The position to resume from: the last `next` on the page (see preparePage).
      const from = position;
      const nextToken = page.next ? client.skiptokenOf(category, page.next) : position;
      position = nextToken;
      let statementsDone!: () => void;
      const ready = new Promise<void>((resolve) => (statementsDone = resolve));
      const done = applyPageSettingAside(db, map, page, {
        skiptoken: nextToken,
        now: options.now(),
        onUnknown,
        after: committing?.done,
        onStatementsDone: statementsDone,
        client,
        from,
        log,
      });
      // Handled here so a failure while the previous page still commits is not an unhandled
      // rejection; it is awaited (and thrown) in order below.
      done.catch(() => {});
      const current: InFlight = { done, skiptoken: nextToken, atHead: page.atHead };
      const previous = committing;
      committing = current;
      if (previous) await settle(previous);
      await Promise.race([ready, done]);
    }
    const last = committing;
    committing = null;
    if (last) await settle(last);
    if (stop?.aborted && !result.reachedHead) {
      result.stopped = true;
      log.warn({ category, pages: result.pages, skiptoken }, 'sync stopped on request; the next run resumes here');
    }
    if (result.reachedHead) {
      await db
        .update(syncState)
        .set({ lastSuccessAt: options.now(), lastError: null })
        .where(eq(syncState.category, category));
    }
    options.progress?.done(category, result);
    log.info({ category, pages: result.pages, entries: result.entries, upserted: result.upserted, deleted: result.deleted, skiptoken }, 'category synced');
  } catch (err) {
    abort.abort();
    // A page still committing settles first: its outcome decides the position logged and stored.
    if (committing) await settle(committing).catch(() => {});
    const kind = err instanceof FeedError ? err.kind : 'apply';
    const message = safeErrorMessage(err);
    result.error = `${kind}: ${message}`;
    options.progress?.done(category, result);
    // The skiptoken logged is the last committed one: where the next run resumes.
    // An unreachable or failing upstream is expected now and then: the reason, without a stack.
    const expected = err instanceof FeedError && EXPECTED_FEED_ERRORS.has(err.kind);
    log.error({ category, skiptoken, kind, ...(expected ? { reason: message } : { err }) }, 'category sync failed');
    await db
      .update(syncState)
      .set({ lastError: result.error.slice(0, 1000), lastErrorAt: options.now() })
      .where(eq(syncState.category, category))
      .catch((e: unknown) => log.error({ err: e }, 'could not record the sync error'));
  } finally {
    stop?.removeEventListener('abort', onStop);
  }
  return result;
}

const EXPECTED_FEED_ERRORS = new Set(['network', 'timeout', 'http', 'rate-limited']);

/** A page whose transaction is under way, with the position it stores. */
interface InFlight {
  done: Promise<PageResult>;
  skiptoken: string | null;
  atHead: boolean;
}

/** Totals per category for the CLI summary and /health. */
export async function syncTotals(db: Db) {
  return db
    .select({ category: syncState.category, entries: syncState.entriesTotal, pages: syncState.pagesTotal, skiptoken: syncState.skiptoken })
    .from(syncState)
    .orderBy(sql`${syncState.category}`);
}

/** Pages fetched ahead of the one being applied: enough to keep parsing and the database both busy. */
const READ_AHEAD = 2;

/**
 * The pages of one category in order, fetched one after another (each needs its predecessor's
 * `next`) while earlier ones are applied, with at most READ_AHEAD pages fetched or being fetched
 * beyond the one in hand, so memory stays flat however long the feed. A failed fetch surfaces
 * in order, after every page before it.
 */
function readAhead(client: FeedClient, spec: PageSpec, from: string | null, signal: AbortSignal, maxPages?: number) {
  const queue: Promise<PreparedPage>[] = [];
  let token = from;
  let fetched = 0;
  let fetching = false;
  let done = false;
  const pump = () => {
    if (done || fetching || queue.length >= READ_AHEAD) return;
    fetching = true;
    fetched++;
    const page = client.fetchPrepared(spec, token, signal);
    queue.push(page);
    page.then(
      (p) => {
        fetching = false;
        if (p.atHead || (maxPages !== undefined && fetched >= maxPages)) done = true;
        else {
          try {
            if (p.next) token = client.skiptokenOf(spec.category, p.next);
          } catch {
            done = true; // The consumer meets the same invalid link when it stores this page's position.
          }
        }
        pump();
      },
      () => {
        fetching = false;
        done = true;
      },
    );
  };
  pump();
  return {
    /** The next page, or null after the head (or maxPages). */
    async next(): Promise<PreparedPage | null> {
      const page = queue.shift();
      if (!page) return null;
      const p = await page;
      pump();
      return p;
    },
  };
}
