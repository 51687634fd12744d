// A @fastify/rate-limit store in PostgreSQL, so every web process counts against the same limits
// (the plugin's own store lives in process memory; with two instances every limit doubles).
// One atomic upsert per request; time comes from the app's clock, never from SQL now().
// @see node_modules/@fastify/rate-limit/README.md ("Custom store") and its store/LocalStore.js
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { lte, sql } from 'drizzle-orm';
import type { Clock } from './clock.ts';
import type { Db } from './db/client.ts';
import { rateLimitWindows } from './db/schema/index.ts';

interface RateLimitHit {
  /** Requests in the current window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/**
 * Counts one request of `clientKey` on `routeKey`: a new row or an ended window starts a window of
 * `windowMs` at 1, a running window counts up. Concurrent hits serialise on the row, so no
 * request is lost between two processes.
 */
async function countRateLimitHit(db: Db, routeKey: string, clientKey: string, now: Date, windowMs: number): Promise<RateLimitHit> {
  const t = rateLimitWindows;
  const at = sql`${now.toISOString()}::timestamptz`;
  const ended = sql`${t.windowEndsAt} <= ${at}`;
  const [row] = await db
    .insert(t)
    .values({ routeKey, clientKey, count: 1, windowEndsAt: new Date(now.getTime() + windowMs) })
    .onConflictDoUpdate({
      target: [t.routeKey, t.clientKey],
      set: {
        count: sql`case when ${ended} then 1 else ${t.count} + 1 end`,
        windowEndsAt: sql`case when ${ended} then excluded.window_ends_at else ${t.windowEndsAt} end`,
      },
    })
    .returning({
      current: t.count,
      ttl: sql<number>`ceil(extract(epoch from ${t.windowEndsAt} - ${at}) * 1000)::integer`.mapWith(Number),
    });
  if (!row) throw new Error('rate limit upsert returned no row');
  return row;
}

/** Deletes windows that have ended (the alerts job's clean-up); returns how many. */
export async function deleteEndedRateLimitWindows(db: Db, now: Date): Promise<number> {
  const deleted = await db.delete(rateLimitWindows).where(lte(rateLimitWindows.windowEndsAt, now)).returning({ clientKey: rateLimitWindows.clientKey });
  return deleted.length;
}

interface StoreOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * The store class the plugin instantiates (`new Store(globalOptions)`, then `child()` per route
 * with its own limits), closed over the app's database and clock.
 */
export function postgresRateLimitStore(db: Db, clock: Clock): FastifyRateLimitStoreCtor {
  class PostgresRateLimitStore implements FastifyRateLimitStore {
    private readonly routeKey: string;

    constructor(options: StoreOptions) {
      // Neither is used here; refusing them beats silently ignoring a limit someone configured.
      if (options.continueExceeding || options.exponentialBackoff) {
        throw new Error('the PostgreSQL rate-limit store supports neither continueExceeding nor exponentialBackoff');
      }
      const route = options.routeInfo;
      this.routeKey = route ? `${[route.method ?? ''].flat().join(',')}${route.url ?? ''}` : '';
    }

    incr(key: string, callback: (error: Error | null, result?: RateLimitHit) => void, timeWindow: number): void {
      countRateLimitHit(db, this.routeKey, key, clock.now(), timeWindow).then(
        (hit) => callback(null, hit),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      return new PostgresRateLimitStore(routeOptions as StoreOptions);
    }
  }
  return PostgresRateLimitStore;
}
