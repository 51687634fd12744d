// createDb picks the driver: postgres.js when DATABASE_URL is set, otherwise embedded PGlite
// under DATA_DIR. Both give the same Drizzle API. No Fastify here: jobs and seeds use it too.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The rows of a `db.execute()` result: postgres.js returns them as an array, PGlite as `{ rows }`. */
export function resultRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/**
 * A PostgreSQL array literal for one bound parameter (`= any(${pgArray(ids)}::uuid[])`): one
 * parameter however many values, on both drivers. Elements are quoted, so any text is safe.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Applies pending drizzle-kit migrations; safe to run on every start. */
  migrate(): Promise<void>;
  /** True when a trivial query succeeds. */
  ping(): Promise<boolean>;
  /**
   * Takes the named job lock without waiting: a PostgreSQL session advisory lock (so several
   * instances can run the same schedule), or an in-process flag on PGlite, whose data dir is
   * already locked to one process. Returns the release function, or null when it is held.
   */
  tryLock(name: string): Promise<(() => Promise<void>) | null>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** `postgres://…`; unset: PGlite. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files (`<dataDir>/pglite`); `memory://` keeps it in memory. */
  dataDir: string;
  /** postgres.js pool size. */
  maxConnections?: number;
  /**
   * Plan without parallel workers (the web server). A page's queries are small and many run at
   * once: starting workers for one costs more than it saves, and on a small machine a parallel
   * plan the planner costs lower than an index probe (a title search: a parallel scan of the
   * whole table against a GIN probe of a tenth of a millisecond) takes both cores from the
   * other requests. Jobs, run by the CLI, keep them for their bulk work.
   */
  serialPlans?: boolean;
  /** An already opened PGlite (tests load one from a migrated template). */
  pglite?: PGlite;
}

export async function createDb(options: DbOptions): Promise<Database> {
  if (options.databaseUrl) return createPostgres(options.databaseUrl, options.maxConnections ?? 10, options.serialPlans ?? false);
  return createPglite(options.dataDir, options.pglite);
}

function createPostgres(url: string, max: number, serialPlans: boolean): Database {
  // Run-time parameters in the startup message: every connection of the pool starts with them.
  // JIT compilation is off for all: it starts when a plan's estimated cost passes a threshold,
  // and the derivation's set-based statements are estimated at millions of rows for batches of a
  // few thousand (right after an import the statistics cannot know which rows a batch touches).
  // Compiling one such statement took 1.7 s where running it took 0.2 ms; during a first import
  // that was most of the derivation's time (test/bench/first-import.ts). No query here runs long
  // enough on one row set for compiled expressions to pay that back.
  const connection = { jit: 'off', ...(serialPlans ? { max_parallel_workers_per_gather: '0' } : {}) };
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10, connection });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: () => migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder: MIGRATIONS_DIR }),
    ping: async () => {
      try {
        await client`select 1`;
        return true;
      } catch {
        return false;
      }
    },
    tryLock: async (name) => {
      const conn = await client.reserve();
      try {
        const [row] = await conn`select pg_try_advisory_lock(hashtext(${name})) as locked`;
        if (!row?.locked) {
          conn.release();
          return null;
        }
      } catch (err) {
        conn.release();
        throw err;
      }
      return async () => {
        try {
          await conn`select pg_advisory_unlock(hashtext(${name}))`;
        } finally {
          conn.release();
        }
      };
    },
    close: () => client.end({ timeout: 5 }),
  };
}

function inProcessLocks(): Database['tryLock'] {
  const held = new Set<string>();
  return async (name) => {
    if (held.has(name)) return null;
    held.add(name);
    return async () => {
      held.delete(name);
    };
  };
}

async function createPglite(dataDir: string, given?: PGlite): Promise<Database> {
  const inMemory = given !== undefined || dataDir === 'memory://';
  const lock = inMemory ? undefined : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = given ?? (inMemory ? new PGlite() : new PGlite(path.join(dataDir, 'pglite')));
    await client.waitReady;
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR }),
    ping: async () => {
      try {
        await client.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    tryLock: inProcessLocks(),
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
