// What several benches share: a scratch PostgreSQL database made fresh for the run, and a server
// process started from the repository and waited for.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createDb, type Database } from '../../server/db/client.ts';
import { withDatabase } from '../helpers/databases.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Drops and creates `name` on `server`, migrated; `drop()` removes it (unless BENCH_KEEP is set). */
export async function scratchDatabase(server: string, name: string): Promise<{ database: Database; drop(): Promise<void> }> {
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  const database = await createDb({ databaseUrl: withDatabase(server, name), dataDir: 'unused' });
  await database.migrate();
  return {
    database,
    async drop() {
      if (!process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** Starts `node <args>` in the repository with `env` added to this process's environment. */
export function startNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Resolves once `target` answers 2xx; gives up after about 30 s. */
export async function waitFor(target: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(target)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${target} did not come up`);
}
