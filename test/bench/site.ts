// Benchmark (not a tap test): the public pages under load. PostgreSQL holds 100,000 question
// sets (BENCH_SETS); the server runs as its own process, as in production; autocannon drives
// 50 connections for 10 s per scenario. Prints req/s, p99 and the server's peak RSS, and the
// ratio against serving the same HTML bytes from memory, measured in the same run (three
// alternating rounds; the median).
// Uncached: /vragen with filter combinations that miss the page cache, p50 and p99, and what
// each of the route's queries costs alone.
//   node --import tsx test/bench/site.ts   (BENCH_DATABASE_URL to point elsewhere; BENCH_SETS,
//   BENCH_SECONDS; BENCH_KEEP=1 keeps the database and reuses it; BENCH_RUNNER=tsx)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { percentile, serverNodeArgs, startNode, waitFor } from './scratch.ts';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb } from '../../server/db/client.ts';
import { evaluateQuestionSets } from '../../server/questions/evaluate-sql.ts';
import { refreshQuestionPeople } from '../../server/questions/refresh-people.ts';
import { runSeeds } from '../../seeds/index.ts';
import { fixedClock } from '../../server/clock.ts';
import { withDatabase } from '../helpers/databases.ts';
import { generateQuestionSets } from './question-sets-fixture.ts';
import { defaultTopicSlug, filterOptions, memberOptions } from '../../server/question-list/filter-options.ts';
import { toFilters } from '../../server/question-list/filters.ts';
import { countQuestions, listQuestions } from '../../server/question-list/list-questions.ts';
import { syncFreshness } from '../../server/sync/freshness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'kamerwacht_bench_site';
const SETS = Number(process.env.BENCH_SETS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** Alternating rounds of the baseline and the cached list (odd, so one round is the median). */
const ROUNDS = 3;
const NOW = '2026-01-15T10:00:00+01:00';

const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
const url = withDatabase(SERVER, NAME);
// BENCH_KEEP keeps the database after the run and reuses it when it holds the same number of sets.
const kept = process.env.BENCH_KEEP ? await keptSets() : 0;
if (kept !== SETS) await generate();
const sample = await sampleNummer();

async function sampleNummer(): Promise<string | undefined> {
  const probe = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await probe<{ nummer: string }[]>`select nummer from question_status where nummer is not null order by nummer limit 1 offset 5000`;
    return row?.nummer;
  } finally {
    await probe.end();
  }
}

async function keptSets(): Promise<number> {
  const [exists] = await admin`select 1 from pg_database where datname = ${NAME}`;
  if (!exists) return 0;
  const probe = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await probe<{ n: number }[]>`select count(*)::int as n from question_status`;
    return row?.n ?? 0;
  } catch {
    return 0;
  } finally {
    await probe.end();
  }
}

async function generate(): Promise<void> {
  await admin.unsafe(`drop database if exists "${NAME}" with (force)`);
  await admin.unsafe(`create database "${NAME}"`);
  const database = await createDb({ databaseUrl: url, dataDir: 'unused' });
  await database.migrate();
  await runSeeds(database.db, fixedClock(new Date(NOW)));
  console.log(`generating ${SETS} question sets …`);
  await generateQuestionSets(database.db, SETS);
  // A tenth of the sets on the default topic, as the topic lens would find them.
  await database.db.execute(sql`
    insert into topic_matches (topic_id, zaak_id, matched_terms, topic_version, matched_at)
    select t.id, md5('z' || i)::uuid, '["datalek"]'::jsonb, t.version, now()
    from generate_series(1, ${SETS}) i, topics t where t.is_default and i % 10 = 0`);
  await evaluateQuestionSets(database.db, new Date(NOW));
  await refreshQuestionPeople(database.db, { evaluatedAt: new Date(NOW) });
  // As autovacuum leaves the tables soon after an import: dead rows gone, the visibility map set.
  await database.db.execute(sql`vacuum analyze`);
  await database.close();
}


/** Filter combinations for the uncached figures: topic or not, status groups, a party, dates, each sort, a deep page. */
const UNCACHED_FILTERS = [
  '',
  'onderwerp=alle',
  'status=wacht',
  'onderwerp=alle&status=beantwoord',
  'onderwerp=alle&status=overdue&sort=te-laat',
  'onderwerp=alle&sort=termijn',
  'fractie=P2',
  'onderwerp=alle&fractie=P8&status=wacht',
  'onderwerp=alle&ministerie=VWS',
  'onderwerp=alle&van=2020-01-01&tot=2020-12-31',
  'onderwerp=alle&pagina=40',
  'status=answered_late&sort=termijn',
];

/** Which part of an uncached render costs what: each query the /vragen route runs, timed alone. */
async function componentCosts(): Promise<string> {
  const database = await createDb({ databaseUrl: url, dataDir: 'unused', maxConnections: 4 });
  try {
    const { db } = database;
    const defaultTopic = await defaultTopicSlug(db);
    const median = async (run: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      return percentile(times, 50).toFixed(1);
    };
    const topicList = toFilters({}, defaultTopic);
    const all = toFilters({ onderwerp: 'alle' }, defaultTopic);
    const parts: [string, () => Promise<unknown>][] = [
      ['count (topic)', () => countQuestions(db, topicList)],
      ['count (all)', () => countQuestions(db, all)],
      ['list with count (topic)', () => listQuestions(db, topicList)],
      ['list with count (all)', () => listQuestions(db, all)],
      ['filter options', () => filterOptions(db)],
      ['members', () => memberOptions(db, 'tracked')],
      ['freshness line', () => syncFreshness(db, new Date(NOW), 60)],
    ];
    const out: string[] = [];
    for (const [label, run] of parts) out.push(`${label} ${await median(run)} ms`);
    return out.join('; ');
  } finally {
    await database.close();
  }
}

/** VmRSS: resident now; VmHWM: the peak so far. */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

interface Load {
  rps: number;
  p99: number;
  bytes: number;
}

async function load(target: string): Promise<Load> {
  await autocannon({ url: target, connections: 50, duration: 2 }); // warm-up
  const r = await autocannon({ url: target, connections: 50, duration: DURATION });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${target}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99, bytes: r.throughput.average / Math.max(r.requests.average, 1) };
}

// As production runs it: the compiled build with npm start's node flags. BENCH_RUNNER=tsx runs the
// TypeScript sources through tsx instead (`npm run dev`), for comparison.
const RUNNER = process.env.BENCH_RUNNER === 'tsx' ? 'tsx' : 'dist';
if (RUNNER === 'dist') {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'server/build.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}
const PORT = 3990;
const server = startNode(RUNNER === 'tsx' ? ['--import', 'tsx', 'server/server.ts'] : serverNodeArgs(), {
  DATABASE_URL: url,
  PORT: String(PORT),
  JOBS: 'off',
  LOG_LEVEL: 'warn',
  NOW,
});
try {
  const base = `http://127.0.0.1:${PORT}`;
  await waitFor(`${base}/health`);
  const idle = rssMb(server.pid!, 'VmRSS');
  const listUrl = `${base}/vragen`;
  const html = await (await fetch(listUrl)).text();
  const rows = (html.match(/<tr>/g) ?? []).length - 1;

  // Baseline: the same bytes from memory, by a bare node:http server in its own process. The
  // machine's speed drifts between runs (and within one: a baseline 10,500 req/s in one run,
  // 17,000 in the next), so baseline and cached list alternate in rounds and each round's
  // ratio is taken from two loads run back to back; the median round is the figure.
  fs.writeFileSync('/tmp/kamerwacht-bench-page.html', html);
  const baseline = spawn(process.execPath, ['-e', `
    const body = require('fs').readFileSync('/tmp/kamerwacht-bench-page.html');
    require('http').createServer((q, s) => { s.writeHead(200, {'content-type': 'text/html; charset=utf-8'}); s.end(body); }).listen(${PORT + 1}, '127.0.0.1');
  `], { stdio: 'inherit' });
  await waitFor(`http://127.0.0.1:${PORT + 1}/`);
  const rounds: { memory: Load; list: Load; ratio: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const memory = await load(`http://127.0.0.1:${PORT + 1}/`);
    const list = await load(listUrl);
    rounds.push({ memory, list, ratio: list.rps / memory.rps });
  }
  baseline.kill();
  const { memory, list } = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(ROUNDS / 2)]!;

  // Pages that miss the page cache: each request a filter combination (with a query parameter
  // the schema drops, so each URL is its own cache key), as people filtering run them. One at a
  // time, so the figure is one render's latency: queries and HTML.
  const uncached: number[] = [];
  const perFilter = new Map<string, number[]>();
  for (let i = 0; i < 30; i++) {
    for (const qs of UNCACHED_FILTERS) {
      const t0 = performance.now();
      const res = await fetch(`${listUrl}?${qs}${qs ? '&' : ''}uncached=${i}`);
      await res.text();
      if (res.status !== 200) throw new Error(`/vragen?${qs}: ${res.status}`);
      const ms = performance.now() - t0;
      uncached.push(ms);
      perFilter.set(qs, [...(perFilter.get(qs) ?? []), ms]);
    }
  }
  const costs = await componentCosts();

  const one = await load(`${base}/vragen/${sample}`);
  const rss = rssMb(server.pid!, 'VmHWM');
  const f = (n: number) => Math.round(n).toLocaleString('en');
  console.log(`
question sets: ${SETS}; /vragen default topic, ${rows} rows, ${f(html.length)} bytes; 50 connections, ${DURATION} s
${rounds.map((r, i) => `round ${i + 1}: same HTML from memory ${f(r.memory.rps)} req/s, cached list ${f(r.list.rps)} req/s: ${(r.ratio * 100).toFixed(0)} %`).join('\n')}
median round:
same HTML from memory (baseline):  ${f(memory.rps)} req/s  p99 ${memory.p99} ms
/vragen (topic, 25 rows), cached:  ${f(list.rps)} req/s  p99 ${list.p99} ms   ${((list.rps / memory.rps) * 100).toFixed(0)} % of baseline   (target ≥ 2,000 req/s, p99 ≤ 50 ms, ≥ 90 %)
/vragen uncached (${uncached.length} renders over ${UNCACHED_FILTERS.length} filter combinations, one at a time): p50 ${percentile(uncached, 50).toFixed(1)} ms  p99 ${percentile(uncached, 99).toFixed(1)} ms   (target p50 ≤ 15 ms, p99 ≤ 50 ms)
${[...perFilter].map(([qs, times]) => `  ${(qs || '(default topic)').padEnd(44)} p50 ${percentile(times, 50).toFixed(1).padStart(5)} ms  p99 ${percentile(times, 99).toFixed(1).padStart(5)} ms`).join('\n')}
what a render costs, in the bench's process (median of 30): ${costs}
/vragen/${sample}:            ${f(one.rps)} req/s  p99 ${one.p99} ms   (target ≥ 3,000 req/s)
server (${RUNNER}) RSS: idle ${idle} MB, peak ${rss} MB   (target ≤ 250 MB)
`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  if (!process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists "${NAME}" with (force)`);
  await admin.end();
}
