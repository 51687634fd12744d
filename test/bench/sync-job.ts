// Benchmark (not a tap test): the whole `npm run job -- sync` process as a user or cron runs it
// (start-up, the feed, the derivation, the deadlines evaluation, the promises ledger, exit) on a
// bulk synthetic feed served as prepared bytes from memory by a plain loopback HTTP server, into
// a scratch PostgreSQL database. Prints in one run:
//   - the job: entries/s over its whole wall time, and the time of each step (from its log);
//   - the baseline: a plain client (fetch, then a streaming SAX parse of each page, following the
//     entries' `next` links) reading the same bytes, in a process of its own: entries/s;
//   - the ratio, and the peak RSS of the job's process tree (npm and everything under it, summed
//     per /proc sample every 50 ms).
// Targets: ≥ 20,000 entries/s, ≥ 50 % of the baseline, peak RSS ≤ 250 MB.
//   node --import tsx test/bench/sync-job.ts [entries]   (default 350,000: ≈ 52,500 zaken)
//   env DATABASE_URL (the server to create the scratch database on)
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { withDatabase } from '../helpers/databases.ts';
import { treeRssKb } from './scratch.ts';
import { serveSyntheticFeed } from './synthetic-feed.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOTAL = Number(process.argv[2] ?? process.env.BENCH_ENTRIES ?? 350_000);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = '2026-01-05T10:00:00+01:00';

// The baseline as a plain script (no project code): fetch each page, feed its body as it streams
// into saxes, count entries, follow the last entry's `next` link.
const BASELINE = String.raw`
import { SaxesParser } from 'saxes';
const [feedUrl, categories] = [process.argv[2], process.argv[3].split(',')];
const t0 = performance.now();
let entries = 0;
for (const category of categories) {
  let url = feedUrl + '/Feed?category=' + category;
  while (url) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(url + ': ' + res.status);
    const parser = new SaxesParser({ xmlns: false });
    let next = null;
    parser.on('opentag', (tag) => {
      if (tag.name === 'entry') { entries++; next = null; }
      else if (tag.name === 'link' && tag.attributes.rel === 'next') next = tag.attributes.href;
    });
    const decoder = new TextDecoder();
    for await (const chunk of res.body) parser.write(decoder.decode(chunk, { stream: true }));
    parser.close();
    url = next;
  }
}
console.log('RESULT ' + JSON.stringify({ entries, seconds: (performance.now() - t0) / 1000 }));
`;

function runBaseline(feedUrl: string, categories: string[]): Promise<{ entries: number; seconds: number }> {
  // In the project directory, so `saxes` resolves from its node_modules.
  const file = path.join(ROOT, `.bench-baseline-${process.pid}.mjs`);
  fs.writeFileSync(file, BASELINE);
  const child = spawn(process.execPath, [file, feedUrl, categories.join(',')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      fs.rmSync(file, { force: true });
      const m = /^RESULT (.+)$/m.exec(out);
      if (code === 0 && m) resolve(JSON.parse(m[1]!) as { entries: number; seconds: number });
      else reject(new Error(`baseline exited with ${code}: ${out}`));
    });
  });
}

interface JobRun {
  code: number | null;
  seconds: number;
  peakRssMb: number;
  /** The largest single process of the tree (the job's node process). */
  peakProcessMb: number;
  startedAt: number;
  /** Wall-clock time of the tree's peak, to place it among the job's steps. */
  peakAt: number;
  log: { time: number; msg: string; [k: string]: unknown }[];
  stderr: string;
}

function runJob(feedUrl: string, databaseUrl: string): Promise<JobRun> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, TK_FEED_URL: feedUrl, LOG_LEVEL: 'info', NODE_ENV: 'production' };
  const started = performance.now();
  const startedAt = Date.now();
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'job', '--', 'sync', '--now', NOW], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let peakKb = 0;
  let peakProcessKb = 0;
  let peakAt = 0;
  const sampler = setInterval(() => {
    if (!child.pid) return;
    const { total, largest } = treeRssKb(child.pid);
    if (total > peakKb) [peakKb, peakAt] = [total, Date.now()];
    peakProcessKb = Math.max(peakProcessKb, largest);
  }, 50);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      const log = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as JobRun['log'][number]);
      resolve({ code, seconds, peakRssMb: Math.round(peakKb / 1024), peakProcessMb: Math.round(peakProcessKb / 1024), peakAt, startedAt, log, stderr });
    });
  });
}

const feed = await serveSyntheticFeed(TOTAL);
const { CATEGORIES } = await import('../../server/sync/entities.ts');
const categories = CATEGORIES.map((c: { category: string }) => c.category);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`synthetic feed: ${TOTAL} entries, ${feed.pages} pages, ${(feed.bytes / 1024 / 1024).toFixed(0)} MB of XML, served from memory (node ${process.version}, ${os.cpus().length} cores, load ${load()})`);

const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
const name = `kamerwacht_bench_job_${process.pid}`;
await admin.unsafe(`create database "${name}"`);
let failed = true;
try {
  const job = await runJob(feed.url, withDatabase(PG_URL, name));
  if (job.code !== 0) throw new Error(`npm run job -- sync exited with ${job.code}:\n${job.stderr}\n${job.log.slice(-5).map((l) => JSON.stringify(l)).join('\n')}`);
  const entries = job.log.filter((l) => l.msg === 'category synced').reduce((n, l) => n + Number(l.entries), 0);
  const at = (msg: string) => job.log.find((l) => l.msg === msg)?.time;
  const first = job.log[0]?.time ?? 0;
  const steps: [string, number | undefined][] = [
    ['feed (all categories)', at('sync done')],
    ['derivation + deadlines', at('question sets evaluated after sync')],
    ['promises ledger', at('promises evaluated after sync')],
  ];
  console.log(`  ${'start-up'.padEnd(24)} ${((first - job.startedAt) / 1000).toFixed(1).padStart(6)} s   (npm, build check, boot, migrations: to the first log line)`);
  let prev = first;
  for (const [label, time] of steps) {
    if (time === undefined) continue;
    const peak = job.peakAt > prev && job.peakAt <= time ? '   <- peak RSS here' : '';
    console.log(`  ${label.padEnd(24)} ${((time - prev) / 1000).toFixed(1).padStart(6)} s${peak}`);
    prev = time;
  }
  const derived = job.log.find((l) => l.msg === 'question sets evaluated after sync');
  if (derived) console.log(`  derived: ${JSON.stringify({ derived: derived.derived, evaluated: derived.evaluated, events: derived.events, deliveries: derived.deliveries })}`);
  const rate = Math.round(entries / job.seconds);
  console.log(`job   npm run job -- sync    ${String(entries).padStart(8)} entries ${job.seconds.toFixed(1).padStart(6)} s ${String(rate).padStart(7)} entries/s  peak RSS (process tree) ${job.peakRssMb} MB, largest process ${job.peakProcessMb} MB`);

  const base = await runBaseline(feed.url, categories);
  const baseRate = Math.round(base.entries / base.seconds);
  console.log(`base  fetch + stream parse   ${String(base.entries).padStart(8)} entries ${base.seconds.toFixed(1).padStart(6)} s ${String(baseRate).padStart(7)} entries/s`);
  const ratio = rate / baseRate;
  console.log(`ratio job/baseline: ${(ratio * 100).toFixed(0)} %   (load after: ${load()})`);
  if (base.entries !== entries) console.log(`WARN the baseline read ${base.entries} entries, the job ${entries}`);
  const checks: [string, boolean][] = [
    ['≥ 20,000 entries/s', rate >= 20_000],
    ['≥ 50 % of the baseline', ratio >= 0.5],
    ['peak RSS ≤ 250 MB', job.peakRssMb <= 250],
  ];
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${label}`);
  failed = checks.some(([, ok]) => !ok);
} finally {
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
  await feed.close();
}
process.exitCode = failed ? 1 : 0;
