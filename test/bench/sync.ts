// Sync benchmark: node --import tsx test/bench/sync.ts [entries]
//   (env BENCH_ENTRIES, BENCH_PGLITE_ENTRIES for phase c, DATABASE_URL for phase b)
// Serves a synthetic feed from a separate process on 127.0.0.1 and measures in one run:
//   (a) fetch and parse only (the baseline), (b) a full sync into PostgreSQL,
//   (c) a full sync into PGlite (file-backed, in a temp dir).
// Prints entries/s, peak RSS per phase and the ratio (b)/(a). Targets: (b) ≥ 20,000 entries/s
// and ≥ 50 % of (a); peak RSS ≤ 300 MB; (c) ≥ 3,000 entries/s.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Peak RSS while `fn` runs, sampled every 20 ms. */
async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number }> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, seconds: (performance.now() - t0) / 1000, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
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
    const b = await measure(() => fullSync(feed.url, pg));
    rateB = line('(b) full sync, PostgreSQL', b.result, b);
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
