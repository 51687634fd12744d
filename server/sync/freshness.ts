import { asc } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { syncState } from '../db/schema/index.ts';

interface CategoryFreshness {
  category: string;
  lastSuccessAt: Date | null;
  lastRunAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  entriesTotal: number;
  /** Seconds since the last successful sync of this category; null when it never succeeded. */
  lagSeconds: number | null;
}

export interface SyncFreshness {
  categories: CategoryFreshness[];
  /** The oldest last success over all categories: the whole mirror is at least this fresh. */
  lastSuccessAt: Date | null;
  stale: boolean;
}

/** How current the mirror is, as of `now`. Stale when never synced or older than `staleMinutes`. */
export async function syncFreshness(db: Db, now: Date, staleMinutes: number): Promise<SyncFreshness> {
  const rows = await db.select().from(syncState).orderBy(asc(syncState.category));
  const categories = rows.map((r) => ({
    category: r.category,
    lastSuccessAt: r.lastSuccessAt,
    lastRunAt: r.lastRunAt,
    lastErrorAt: r.lastErrorAt,
    lastError: r.lastError,
    entriesTotal: r.entriesTotal,
    lagSeconds: r.lastSuccessAt ? Math.max(0, Math.round((now.getTime() - r.lastSuccessAt.getTime()) / 1000)) : null,
  }));
  const successes = categories.map((c) => c.lastSuccessAt);
  const lastSuccessAt =
    successes.length > 0 && successes.every((d): d is Date => d !== null)
      ? new Date(Math.min(...successes.map((d) => d.getTime())))
      : null;
  const stale = lastSuccessAt === null || now.getTime() - lastSuccessAt.getTime() > staleMinutes * 60_000;
  return { categories, lastSuccessAt, stale };
}
