// Sync benchmark: node --import tsx test/bench/sync.ts [entries]   (BENCH_RUNNER=tsx: phases on the sources)
//   (env BENCH_ENTRIES, BENCH_PGLITE_ENTRIES for phase c, DATABASE_URL for phase b)
// Serves a synthetic feed from a separate process on 127.0.0.1 and measures in one run:
//   (b) a full sync into PostgreSQL, (a) fetch and parse only (the baseline),
//   (c) a full sync into PGlite (file-backed, in a temp dir).
// Prints entries/s, peak RSS per phase and the ratio (b)/(a), and CPU time per entry (the phase
// process; for (b) also the PostgreSQL backends), which is steadier than entries/s when other
// work shares the cores. Targets: (b) ≥ 20,000 entries/s
// and ≥ 50 % of (a); peak RSS ≤ 300 MB; (c) ≥ 3,000 entries/s.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import postgres from 'postgres';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOTAL = Number(process.argv[2] ?? process.env.BENCH_ENTRIES ?? 300_000);
const PGLITE_TOTAL = Number(process.env.BENCH_PGLITE_ENTRIES ?? TOTAL);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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

// Each phase runs in a process of its own, on the compiled build (dist/) as the server's cron
// runs a sync: its peak RSS is that process's own high-water mark (getrusage), with no earlier
// phase's heap and no TypeScript loader in it, and its CPU time is its own (all threads).
// BENCH_RUNNER=tsx runs the phases on the TypeScript sources instead, for comparison.
const RUNNER = process.env.BENCH_RUNNER === 'tsx' ? 'tsx' : 'dist';
const PHASE = String.raw`
const [mode, feedUrl, target] = process.argv.slice(2);
const base = process.env.BENCH_BASE, ext = process.env.BENCH_EXT;
const { FeedClient } = await import(base + 'server/sync/client' + ext);
const { CATEGORIES } = await import(base + 'server/sync/entities' + ext);
const client = new FeedClient({ feedUrl, publicUrl: 'http://localhost:3000' });
let database = null, run;
if (mode === 'parse') {
  run = async () => {
    let entries = 0;
    for (const { category } of CATEGORIES) {
      let token = null;
      for (;;) {
        const page = await client.fetchPage(category, token);
        entries += page.entries.length;
        const next = page.entries.at(-1)?.next;
        if (!next) break;
        token = client.skiptokenOf(category, next);
      }
    }
    return entries;
  };
} else {
  const { createDb } = await import(base + 'server/db/client' + ext);
  const { runSync } = await import(base + 'server/sync/run-sync' + ext);
  database = await createDb(mode === 'postgres' ? { databaseUrl: target, dataDir: 'unused' } : { dataDir: target });
  await database.migrate();
  const silent = { info() {}, warn() {}, error() {} };
  run = async () => (await runSync({ db: database.db, client, now: () => new Date('2026-01-05T09:00:00Z'), log: silent })).reduce((n, r) => n + r.entries, 0);
}
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const entries = await run();
const cpu = process.cpuUsage(cpu0);
const seconds = (performance.now() - t0) / 1000;
await client.close();
await database?.close();
console.log('RESULT ' + JSON.stringify({ entries, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
`;

interface PhaseResult {
  entries: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/**
 * The phase as a file, not `node -e`: a worker thread inherits the process's execArgv, and with
 * `--input-type=module -e …` among them the page worker fails to start, so the sync would parse on
 * its main thread (as it does then, by design), which is not how the server runs it.
 */
function phaseScript(): string {
  const file = path.join(os.tmpdir(), `kamerwacht-bench-phase-${process.pid}.mjs`);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, PHASE);
    process.once('exit', () => fs.rmSync(file, { force: true }));
  }
  return file;
}

function runPhase(mode: 'parse' | 'postgres' | 'pglite', feedUrl: string, target = ''): Promise<PhaseResult> {
  const loader = RUNNER === 'tsx' ? ['--import', 'tsx'] : [];
  const env = { ...process.env, BENCH_BASE: pathToFileURL(path.join(ROOT, RUNNER === 'tsx' ? '' : 'dist', '/')).href, BENCH_EXT: RUNNER === 'tsx' ? '.ts' : '.js' };
  const child = spawn(process.execPath, [...loader, phaseScript(), mode, feedUrl, target], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      const m = /^RESULT (.+)$/m.exec(out);
      if (code === 0 && m) resolve(JSON.parse(m[1]!) as PhaseResult);
      else reject(new Error(`phase ${mode} exited with ${code}: ${out}`));
    });
  });
}

const line = (label: string, entries: number, m: { seconds: number; peakRssMb: number }) => {
  const rate = Math.round(entries / m.seconds);
  console.log(`${label.padEnd(28)} ${String(entries).padStart(8)} entries ${m.seconds.toFixed(1).padStart(7)} s ${String(rate).padStart(8)} entries/s  peak RSS ${m.peakRssMb} MB`);
  return rate;
};

if (RUNNER === 'dist') {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'server/build.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}
const feed = await startFeed(TOTAL);
console.log(`synthetic feed: ${TOTAL} entries, ${feed.pages} pages, ${(feed.bytes / 1024 / 1024).toFixed(0)} MB of XML (node ${process.version}, ${os.cpus().length} cores)`);
let failed = false;
try {
  // (b) PostgreSQL, in a scratch database.
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  const name = `kamerwacht_bench_${process.pid}`;
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  let rateB = 0;
  let peakB = 0;
  try {
    // The backends' CPU is sampled while the phase runs: they are gone when it has ended.
    const backendCpu = new Map<number, number>();
    const sample = async () => {
      for (const [pid, seconds] of (await backendCpuSeconds(admin, name)) ?? []) backendCpu.set(pid, seconds);
    };
    const sampler = setInterval(() => void sample().catch(() => {}), 100);
    const b = await runPhase('postgres', feed.url, u.toString()).finally(() => clearInterval(sampler));
    rateB = line('(b) full sync, PostgreSQL', b.entries, b);
    const pgCpu = [...backendCpu.values()].reduce((sum, seconds) => sum + seconds, 0);
    const perEntry = (seconds: number) => `${((seconds * 1e6) / b.entries).toFixed(1)} µs`;
    console.log(`    CPU per entry: sync process ${perEntry(b.cpuSeconds)}, PostgreSQL backends ${backendCpu.size === 0 ? 'n/a (not on this host)' : `${perEntry(pgCpu)} (sampled every 100 ms)`}`);
    peakB = b.peakRssMb;
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }

  const a = await runPhase('parse', feed.url);
  const rateA = line('(a) fetch + parse', a.entries, a);
  console.log(`    CPU per entry: parse process ${((a.cpuSeconds * 1e6) / a.entries).toFixed(1)} µs`);

  // (c) PGlite, possibly on a smaller feed.
  let cFeed = feed;
  if (PGLITE_TOTAL !== TOTAL) {
    feed.child.kill();
    cFeed = await startFeed(PGLITE_TOTAL);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kamerwacht-bench-'));
  let rateC = 0;
  try {
    const c = await runPhase('pglite', cFeed.url, dir);
    rateC = line(`(c) full sync, PGlite${PGLITE_TOTAL !== TOTAL ? ` (${PGLITE_TOTAL})` : ''}`, c.entries, c);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    cFeed.child.kill();
  }

  const ratio = rateB / rateA;
  console.log(`ratio (b)/(a): ${(ratio * 100).toFixed(0)} %   (phases on ${RUNNER === 'dist' ? 'the compiled build' : 'the TypeScript sources (tsx)'})`);
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
