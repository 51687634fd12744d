// Sync benchmark: node --import tsx test/bench/sync.ts [entries]
//   (env BENCH_ENTRIES, BENCH_PGLITE_ENTRIES for phase c, DATABASE_URL for phase b)
// Serves a synthetic feed from a separate process on 127.0.0.1 and measures in one run:
//   (a) fetch and parse only (the baseline), (b) a full sync into PostgreSQL,
//   (c) a full sync into PGlite (file-backed, in a temp dir).
// Prints entries/s, peak RSS per phase and the ratio (b)/(a), and CPU time per entry (this
// process; for (b) also the PostgreSQL backends), which is steadier than entries/s when other
// work shares the cores. Targets: (b) ≥ 20,000 entries/s
// and ≥ 50 % of (a); peak RSS ≤ 300 MB; (c) ≥ 3,000 entries/s.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import postgres from 'postgres';
import { createDb, type Database } from '../../server/db/client.ts';
import { FeedClient } from '../../server/sync/client.ts';
import { CATEGORIES } from '../../server/sync/entities.ts';
import { runSync } from '../../server/sync/run-sync.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOTAL = Number(process.argv[2] ?? process.env.BENCH_ENTRIES ?? 300_000);
const PGLITE_TOTAL = Number(process.env.BENCH_PGLITE_ENTRIES ?? TOTAL);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const silent = { info() {}, warn() {}, error() {} };

async function startFeed(total: number): Promise<{ url: string; pages: number; bytes: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/synthetic-feed.ts', String(total)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\S+) (\d+) (\d+)/.exec(out);
      if (m) resolve({ url: m[1]!, pages: Number(m[2]), bytes: Number(m[3]), child });
    });
    child.once('exit', (code) => reject(new Error(`feed server exited with ${code}`)));
  });
}

// A full collection before each phase, so a phase's peak RSS does not carry the garbage of the
// one before (a sync job runs in a fresh process); without --expose-gc on the command line.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Peak RSS while `fn` runs, sampled every 20 ms, and the CPU time of this process (all threads). */
async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number; cpuSeconds: number }> {
  gc();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    const result = await fn();
    const cpu = process.cpuUsage(cpu0);
    return {
      result,
      seconds: (performance.now() - t0) / 1000,
      peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024),
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * CPU seconds used so far by the server backends connected to `database`, read from /proc (so
 * only when PostgreSQL runs on this host; null otherwise). On a machine shared with other work,
 * CPU per entry moves far less between runs than entries per second does.
 */
async function backendCpuSeconds(admin: postgres.Sql, database: string): Promise<Map<number, number> | null> {
  const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database}`;
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null;
    }
    // utime and stime, fields 14 and 15, in USER_HZ (100 per second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
  }
  return out;
}

async function fetchAndParse(url: string): Promise<number> {
  const client = new FeedClient({ feedUrl: url, publicUrl: 'http://localhost:3000' });
  let entries = 0;
  try {
    for (const { category } of CATEGORIES) {
      let token: string | null = null;
      for (;;) {
        const page = await client.fetchPage(category, token);
        entries += page.entries.length;
        const next = page.entries.at(-1)?.next;
        if (!next) break;
        token = client.skiptokenOf(category, next);
      }
    }
  } finally {
    await client.close();
  }
  return entries;
}

async function fullSync(url: string, database: Database): Promise<number> {
  const client = new FeedClient({ feedUrl: url, publicUrl: 'http://localhost:3000' });
  try {
    const results = await runSync({ db: database.db, client, now: () => new Date('2026-01-05T09:00:00Z'), log: silent });
    return results.reduce((n, r) => n + r.entries, 0);
  } finally {
    await client.close();
  }
}

const line = (label: string, entries: number, m: { seconds: number; peakRssMb: number }) => {
  const rate = Math.round(entries / m.seconds);
  console.log(`${label.padEnd(28)} ${String(entries).padStart(8)} entries ${m.seconds.toFixed(1).padStart(7)} s ${String(rate).padStart(8)} entries/s  peak RSS ${m.peakRssMb} MB`);
  return rate;
};

const feed = await startFeed(TOTAL);
console.log(`synthetic feed: ${TOTAL} entries, ${feed.pages} pages, ${(feed.bytes / 1024 / 1024).toFixed(0)} MB of XML (node ${process.version}, ${os.cpus().length} cores)`);
let failed = false;
try {
  const a = await measure(() => fetchAndParse(feed.url));
  const rateA = line('(a) fetch + parse', a.result, a);
  console.log(`    CPU per entry: this process ${((a.cpuSeconds * 1e6) / a.result).toFixed(1)} µs`);

  // (b) PostgreSQL, in a scratch database.
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  const name = `kamerwacht_bench_${process.pid}`;
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  let rateB = 0;
  let peakB = 0;
  try {
    const pg = await createDb({ databaseUrl: u.toString(), dataDir: 'unused' });
    await pg.migrate();
    const before = await backendCpuSeconds(admin, name);
    const b = await measure(() => fullSync(feed.url, pg));
    rateB = line('(b) full sync, PostgreSQL', b.result, b);
    const after = await backendCpuSeconds(admin, name);
    const pgCpu = before && after ? [...after].reduce((sum, [pid, s]) => sum + s - (before.get(pid) ?? 0), 0) : null;
    const perEntry = (seconds: number) => `${((seconds * 1e6) / b.result).toFixed(1)} µs`;
    console.log(`    CPU per entry: this process ${perEntry(b.cpuSeconds)}, PostgreSQL backends ${pgCpu === null ? 'n/a (not on this host)' : perEntry(pgCpu)}`);
    peakB = b.peakRssMb;
    await pg.close();
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }

  // (c) PGlite, possibly on a smaller feed.
  let cFeed = feed;
  if (PGLITE_TOTAL !== TOTAL) {
    feed.child.kill();
    cFeed = await startFeed(PGLITE_TOTAL);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kamerwacht-bench-'));
  let rateC = 0;
  try {
    const lite = await createDb({ dataDir: dir });
    await lite.migrate();
    const c = await measure(() => fullSync(cFeed.url, lite));
    rateC = line(`(c) full sync, PGlite${PGLITE_TOTAL !== TOTAL ? ` (${PGLITE_TOTAL})` : ''}`, c.result, c);
    await lite.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    cFeed.child.kill();
  }

  const ratio = rateB / rateA;
  const peakAll = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`ratio (b)/(a): ${(ratio * 100).toFixed(0)} %   peak RSS of this process over all phases: ${peakAll} MB`);
  const checks: [string, boolean][] = [
    ['(b) ≥ 20,000 entries/s', rateB >= 20_000],
    ['(b) ≥ 50 % of (a)', ratio >= 0.5],
    ['peak RSS (b) ≤ 300 MB', peakB <= 300],
    ['(c) ≥ 3,000 entries/s', rateC >= 3_000],
  ];
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${label}`);
  failed = checks.some(([, ok]) => !ok);
} finally {
  feed.child.kill();
}
process.exitCode = failed ? 1 : 0;
