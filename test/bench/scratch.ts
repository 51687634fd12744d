// What several benches share: a scratch PostgreSQL database made fresh for the run, a server
// process started from the repository and waited for, and the figures they print (percentiles,
// the resident memory of a process tree).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
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

/**
 * The arguments `npm start` runs node with (package.json), so a bench's server runs as production
 * runs it, with the same heap limit: `['--max-old-space-size=…', 'dist/server/server.js']`.
 */
export function serverNodeArgs(): string[] {
  const start = (JSON.parse(fs.readFileSync(`${ROOT}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const m = /\bexec node (.*dist\/server\/server\.js)$/.exec(start);
  if (!m) throw new Error(`package.json's start script does not exec node on dist/server/server.js: ${start}`);
  return m[1]!.split(/\s+/);
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

/** Resident set sizes (kB) of a process and all its descendants, from /proc, and the largest one. */
export function treeRssKb(root: number): { total: number; largest: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${name}/status`, 'utf8'));
      rss.set(Number(name), m ? Number(m[1]) : 0);
    } catch {
      // the process ended between readdir and read
    }
  }
  let total = 0;
  let largest = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    largest = Math.max(largest, rss.get(pid) ?? 0);
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, largest };
}

/** The p-th percentile (nearest rank) of unsorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
