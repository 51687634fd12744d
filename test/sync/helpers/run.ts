// Runs the sync against a fake feed with injected sleep (recorded, never waited on) and a log
// that keeps its lines for assertions; then, like the sync job, derives what the pages marked
// pending (events, status, askers, topics, deliveries) unless told not to.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { derivePendingZaken } from '../../../server/derivation/pending-sets.ts';
import { FeedClient, type FeedClientOptions } from '../../../server/sync/client.ts';
import { type CategoryResult, runSync, type RunSyncOptions } from '../../../server/sync/run-sync.ts';

export const NOW = new Date('2025-11-24T10:00:00+01:00');

interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg?: string;
}

export function memoryLog() {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (obj: object, msg?: string) => void lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    warn: (obj: object, msg?: string) => void lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    error: (obj: object, msg?: string) => void lines.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  };
}

export interface SyncRun {
  results?: CategoryResult[];
  error?: unknown;
  sleeps: number[];
  log: ReturnType<typeof memoryLog>;
}

export async function syncOnce(
  db: Db,
  feedUrl: string,
  options: {
    now?: Date;
    client?: Partial<FeedClientOptions>;
    run?: Partial<RunSyncOptions>;
    /** false: stop after the pages committed, as a process killed before the derivation would. */
    derive?: boolean;
  } = {},
): Promise<SyncRun> {
  const sleeps: number[] = [];
  const log = memoryLog();
  const client = new FeedClient({
    feedUrl,
    publicUrl: 'https://kamerwacht.example',
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    retry: { attempts: 4 },
    ...options.client,
  });
  const run: SyncRun = { sleeps, log };
  try {
    run.results = await runSync({ db, client, now: () => options.now ?? NOW, log, ...options.run });
  } catch (err) {
    run.error = err;
  } finally {
    await client.close();
  }
  if (options.derive !== false) await derivePendingZaken(db, options.now ?? NOW);
  return run;
}

/** Table contents in a canonical order, for comparing whole databases. */
export async function snapshot(db: Db, tables: string[] = SNAPSHOT_TABLES): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    // question_events.id is a serial: it counts attempts, not facts.
    const query =
      table === 'question_events'
        ? 'select zaak_id, kind, occurred_at, recorded_at, document_id, source, details, dedupe_key from question_events'
        : table === 'sync_state'
          ? 'select category, skiptoken from sync_state'
          : `select * from ${table}`;
    const res = (await db.execute(sql.raw(query))) as unknown;
    const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows).map((r) => {
      const copy = { ...(r as Record<string, unknown>) };
      for (const [k, v] of Object.entries(copy)) if (v instanceof Date) copy[k] = v.toISOString();
      return JSON.stringify(copy);
    });
    out[table] = rows.sort();
  }
  return out;
}

export const MIRROR_TABLES = [
  'fracties',
  'personen',
  'fractie_zetels',
  'fractie_zetel_personen',
  'commissies',
  'kamerstukdossiers',
  'zaken',
  'zaak_actors',
  'documents',
  'document_zaken',
  'document_actors',
  'activiteiten',
  'activiteit_actors',
  'zaak_activiteiten',
  'document_activiteiten',
  'sync_tombstones',
];

const SNAPSHOT_TABLES = [...MIRROR_TABLES, 'question_events', 'sync_state', 'sync_pending_zaken'];

export async function count(db: Db, table: string): Promise<number> {
  const res = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown;
  const rows = Array.isArray(res) ? res : (res as { rows: { n: number }[] }).rows;
  return Number((rows[0] as { n: number }).n);
}
