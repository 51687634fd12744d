// Benchmark (not a tap test): the first full import, as a new installation runs it. A synthetic
// feed the size of the real one since 2008 (3 million entries by default, the categories in the
// shares of synthetic-feed.ts), served as prepared bytes by a feed process of its own, is read by
// `npm run job -- sync` into a scratch PostgreSQL database, while the site serves `/vragen` from
// the same database. Midway the job gets SIGTERM, as an operator stopping it would send; it is
// then started again and must resume where it stopped. Prints:
//   - each run: wall time, entries read, peak RSS of the job's process tree, and that RSS per
//     tenth of the run (flat memory: the same from the first tenth to the last);
//   - the job's own progress lines, thinned to about one per ten seconds;
//   - the whole import: entries/s over both runs, and whether the database holds every entity
//     and every question set derived (nothing left pending);
//   - `/vragen` while the import runs: a page every 250 ms, one at a time as a visitor clicks,
//     alternating the cached default list and a filter combination that misses the page cache;
//     p50, p99 and the slowest, split into the feed part and the derivation part.
//   node --import tsx test/bench/first-import.ts [entries]   (default 3,000,000)
//   env DATABASE_URL (the server to create the scratch database on); BENCH_STOP_AT (the share
//   of the entries after which the first run is stopped, default 0.4)
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { withDatabase } from '../helpers/databases.ts';
import { percentile, serverNodeArgs, startNode, treeRssKb, waitFor } from './scratch.ts';
import { categoryCounts } from './synthetic-feed.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOTAL = Number(process.argv[2] ?? 3_000_000);
const STOP_AT = Number(process.env.BENCH_STOP_AT ?? 0.4);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = '2026-01-05T10:00:00+01:00';
const PORT = 3991;

interface LogLine {
  time: number;
  msg: string;
  [k: string]: unknown;
}

/** The feed in a process of its own, so serving it takes no time from this process's sampling. */
async function startFeed(): Promise<{ url: string; bytes: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/synthetic-feed.ts', String(TOTAL)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    const m = /^READY (\S+) \d+ (\d+)/.exec(line);
    if (m) return { url: m[1]!, bytes: Number(m[2]), stop: () => child.kill() };
  }
  throw new Error('the synthetic feed did not start');
}

interface Run {
  code: number | null;
  seconds: number;
  entries: number;
  peakMb: number;
  /** The peak RSS within each tenth of the run's wall time. */
  tenthsMb: number[];
  log: LogLine[];
  stopped: boolean;
}

/**
 * `npm run job -- sync` until it exits; with `stopAfter`, SIGTERM to the job's process once its
 * progress lines count that many entries.
 */
async function runJob(feedUrl: string, databaseUrl: string, stopAfter?: number): Promise<Run> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, TK_FEED_URL: feedUrl, LOG_LEVEL: 'info', NODE_ENV: 'production' };
  const started = performance.now();
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'job', '--', 'sync', '--now', NOW], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const samples: [number, number][] = [];
  const sampler = setInterval(() => {
    if (child.pid) samples.push([performance.now(), treeRssKb(child.pid).total]);
  }, 100);
  const log: LogLine[] = [];
  const perCategory = new Map<string, number>();
  let stopped = false;
  let lastShown = 0;
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as LogLine;
    log.push(entry);
    if (entry.msg === 'sync progress' || entry.msg === 'category synced') perCategory.set(String(entry.category), Number(entry.entries));
    const read = [...perCategory.values()].reduce((a, b) => a + b, 0);
    const progress = entry.msg === 'sync progress' || entry.msg === 'derivation progress';
    if (progress && entry.time - lastShown >= 10_000) {
      lastShown = entry.time;
      const what = entry.msg === 'sync progress' ? `${String(read).padStart(9)} entries  ${String(entry.category).padEnd(20)}` : `${String(entry.derived).padStart(9)} of ${entry.of} pending question sets derived`;
      console.log(`    ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s  ${what} ${String(entry.perSecond).padStart(6)}/s  RSS ${Math.round((samples.at(-1)?.[1] ?? 0) / 1024)} MB`);
    } else if (!progress && entry.msg !== 'category synced') {
      console.log(`    ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s  ${entry.msg}`);
    }
    if (stopAfter !== undefined && !stopped && read >= stopAfter) {
      stopped = true;
      const job = jobProcess(child.pid!);
      console.log(`    SIGTERM to the job (pid ${job}) after ${read} entries`);
      process.kill(job, 'SIGTERM');
    }
  }
  const [code] = (await (child.exitCode === null ? once(child, 'exit') : [child.exitCode])) as [number | null];
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const tenthsMb = Array.from({ length: 10 }, () => 0);
  for (const [t, kb] of samples) {
    const i = Math.min(9, Math.floor(((t - started) / 1000 / seconds) * 10));
    tenthsMb[i] = Math.max(tenthsMb[i]!, Math.round(kb / 1024));
  }
  const entries = log.filter((l) => l.msg === 'category synced').reduce((n, l) => n + Number(l.entries), 0);
  return { code, seconds, entries, peakMb: Math.max(...tenthsMb), tenthsMb, log, stopped };
}

/** The job's own node process under npm (npm and its shell would pass SIGTERM on, or not). */
function jobProcess(npmPid: number): number {
  const found = spawnSync('pgrep', ['-f', 'dist/jobs/cli.js sync'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
  const job = found.find((pid) => pid !== npmPid);
  if (!job) throw new Error('the job process was not found');
  return job;
}

interface Visit {
  at: number;
  ms: number;
  status: number;
  /** The default list, served from the page cache but once every PAGE_CACHE_SECONDS. */
  cached: boolean;
}

// The visitor, in a process of its own so this one's /proc sampling and log reading never delay
// its requests or its clock: one page at a time every 250 ms, alternating the cached default list
// and a filter combination that misses the page cache, until its stdin closes; then the visits as
// JSON on stdout.
const VISITOR = String.raw`
const base = process.argv[1];
const filters = ['onderwerp=alle', 'status=wacht', 'onderwerp=alle&status=beantwoord', 'onderwerp=alle&sort=termijn', 'fractie=F3', 'onderwerp=alle&ministerie=VWS', 'onderwerp=alle&pagina=20'];
const visits = [];
let finished = false;
process.stdin.on('data', () => {}).on('end', () => (finished = true));
for (let i = 0; !finished; i++) {
  const cached = i % 2 === 0;
  const path = cached ? '/vragen' : '/vragen?' + filters[((i - 1) / 2) % filters.length] + '&bezoek=' + i;
  const t0 = performance.now();
  let status = -1;
  try {
    const res = await fetch(base + path);
    await res.arrayBuffer();
    status = res.status;
  } catch {}
  const ms = performance.now() - t0;
  visits.push({ at: Date.now(), ms, status, cached });
  await new Promise((r) => setTimeout(r, Math.max(0, 250 - ms)));
}
process.stdout.write(JSON.stringify(visits));
`;

/** Starts the visitor; `stop()` ends it and resolves with its visits. */
function startVisitor(base: string): { stop(): Promise<Visit[]> } {
  const child = spawn(process.execPath, ['--input-type=module', '-e', VISITOR, base], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return {
    async stop() {
      child.stdin!.end();
      await once(child, 'exit');
      return JSON.parse(out) as Visit[];
    },
  };
}

function summary(visits: Visit[]): string {
  if (visits.length === 0) return 'no pages';
  const ms = visits.map((v) => v.ms);
  const failed = visits.filter((v) => v.status !== 200).length;
  return `${visits.length} pages, p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, slowest ${Math.max(...ms).toFixed(0)} ms, ${failed} not 200`;
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const built = spawnSync(process.execPath, ['--import', 'tsx', 'server/build.ts'], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) throw new Error('npm run build failed');
console.log(`rendering ${TOTAL.toLocaleString('en')} feed entries …`);
const feed = await startFeed();
const counts = categoryCounts(TOTAL);
console.log(`synthetic feed: ${TOTAL} entries, ${(feed.bytes / 1024 / 1024).toFixed(0)} MB of XML, from its own process (node ${process.version}, ${os.cpus().length} cores, load ${load()})`);
console.log(`  ${counts.map(([c, n]) => `${c} ${n}`).join(', ')}`);

const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
const name = `kamerwacht_bench_import_${process.pid}`;
await admin.unsafe(`create database "${name}"`);
const databaseUrl = withDatabase(PG_URL, name);
let site: ChildProcess | undefined;
let failed = true;
try {
  // The site first: it migrates the empty database, as on a new installation.
  site = startNode(serverNodeArgs(), { DATABASE_URL: databaseUrl, PORT: String(PORT), JOBS: 'off', LOG_LEVEL: 'warn', NOW });
  const base = `http://127.0.0.1:${PORT}`;
  await waitFor(`${base}/health`);

  const visitor = startVisitor(base);
  console.log(`run 1 (stopped after ${Math.round(STOP_AT * 100)} % of the entries):`);
  const first = await runJob(feed.url, databaseUrl, Math.round(TOTAL * STOP_AT));
  console.log('run 2 (resumes):');
  const second = await runJob(feed.url, databaseUrl);
  const pages = await visitor.stop();

  const runs = [first, second];
  for (const [i, run] of runs.entries()) {
    console.log(`run ${i + 1}: exit ${run.code}, ${run.seconds.toFixed(0)} s, ${run.entries} entries${run.stopped ? ' (stopped)' : ''}, peak RSS ${run.peakMb} MB; by tenth: ${run.tenthsMb.join(' ')} MB`);
  }
  const seconds = first.seconds + second.seconds;
  const entries = first.entries + second.entries;
  const syncDone = second.log.find((l) => l.msg === 'sync done')?.time ?? Number.POSITIVE_INFINITY;
  const derived = second.log.find((l) => l.msg === 'question sets evaluated after sync');
  console.log(`import: ${entries} entries in ${seconds.toFixed(0)} s over two runs: ${Math.round(entries / seconds)} entries/s; peak RSS ${Math.max(first.peakMb, second.peakMb)} MB (load after: ${load()})`);
  if (derived) console.log(`  derivation of the second run: ${JSON.stringify({ derived: derived.derived, events: derived.events, seconds: ((derived.time - syncDone) / 1000).toFixed(0) })}`);
  for (const [phase, during] of [['the feed', (v: Visit) => v.at < syncDone], ['the derivation', (v: Visit) => v.at >= syncDone]] as const) {
    const seen = pages.filter(during);
    console.log(`/vragen during ${phase}: ${summary(seen)}`);
    console.log(`  cached list ${summary(seen.filter((v) => v.cached))}; a new filter ${summary(seen.filter((v) => !v.cached))}`);
  }

  const expected = Object.fromEntries(counts);
  const zaken = expected.Zaak ?? 0;
  // Every third synthetic Zaak is a motie; the rest are written-question sets.
  const sets = zaken - Math.ceil(zaken / 3);
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [row] = await db<{ zaken: number; documents: number; personen: number; status: number; pending: number }[]>`
    select (select count(*)::int from zaken) as zaken, (select count(*)::int from documents) as documents,
      (select count(*)::int from personen) as personen, (select count(*)::int from question_status) as status,
      (select count(*)::int from sync_pending_zaken) as pending`;
  await db.end();
  const checks: [string, boolean][] = [
    ['both runs exit 0', first.code === 0 && second.code === 0],
    ['the first run was stopped, the second completed', first.stopped && second.log.some((l) => l.msg === 'promises evaluated after sync')],
    [`every Zaak (${row!.zaken}/${zaken}), Document (${row!.documents}/${expected.Document}) and Persoon (${row!.personen}/${expected.Persoon}) stored`, row!.zaken === zaken && row!.documents === expected.Document && row!.personen === expected.Persoon],
    [`every question set derived (${row!.status}/${sets}), none pending (${row!.pending})`, row!.status === sets && row!.pending === 0],
    ['no page failed during the import', pages.every((v) => v.status === 200)],
  ];
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${label}`);
  failed = checks.some(([, ok]) => !ok);
} finally {
  site?.kill('SIGTERM');
  if (site) await once(site, 'exit');
  feed.stop();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
process.exitCode = failed ? 1 : 0;
