// Benchmark (not a tap test): search on PostgreSQL with 100,000 question sets (BENCH_SETS) whose
// questions and answers hold about 3 kB of text each. The texts are drawn from a Zipf-distributed
// vocabulary (the words of the topic test sets and compounds of them), so query words range from
// common to rare as in real text; the index is built by the real code (refreshSearchIndex).
// The server runs as its own process; every request has its own URL, so it misses the page cache
// and renders (uncached), and the baseline is the same list without `q`, measured in the same run.
// Prints per query: the sets it finds, latency one request at a time (p50, p99) and throughput
// under load (autocannon, BENCH_CONNECTIONS, BENCH_SECONDS) as a share of the baseline's; and the
// size of the texts and the index per 10,000 sets.
//   node --import tsx test/bench/search.ts   (BENCH_DATABASE_URL, BENCH_SETS, BENCH_SECONDS,
//   BENCH_CONNECTIONS; BENCH_KEEP=1 keeps the database and reuses it)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { percentile, serverNodeArgs, startNode, waitFor } from './scratch.ts';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, type Db } from '../../server/db/client.ts';
import { evaluateQuestionSets } from '../../server/questions/evaluate-sql.ts';
import { refreshQuestionPeople } from '../../server/questions/refresh-people.ts';
import { refreshSearchIndex } from '../../server/search/index-sets.ts';
import { runSeeds } from '../../seeds/index.ts';
import { fixedClock } from '../../server/clock.ts';
import { withDatabase } from '../helpers/databases.ts';
import { generateQuestionSets } from './question-sets-fixture.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'kamerwacht_bench_search';
const SETS = Number(process.env.BENCH_SETS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const NOW = '2026-01-15T10:00:00+01:00';

/** Query words placed at these ranks of the vocabulary (1 = most frequent). */
const PLACED: [string, number][] = [
  ['wachttijden', 40],
  ['laboratorium', 600],
  ['gelekt', 1500],
  ['datalek', 2500],
  ['ransomware', 6000],
  ['zcert', 9000],
];
const QUERIES = ['wachttijden', 'laboratorium datalek', 'lekken', 'ransomware', 'Z-CERT', '"datalek bij het laboratorium"'];

// ---- a deterministic vocabulary and text generator ----

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vocabulary(): string[] {
  const words = new Set<string>();
  for (const file of ['topic-titles.json', 'topic-texts.json']) {
    const text = fs.readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8');
    for (const w of text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) words.add(w);
  }
  const roots = [...words].filter((w) => w.length <= 9);
  const rnd = prng(7);
  // Compounds, as Dutch makes them ('zorg' + 'systemen'), up to 12,000 words in all.
  while (words.size < 12_000) words.add(roots[Math.floor(rnd() * roots.length)]! + roots[Math.floor(rnd() * roots.length)]!);
  const list = [...words].filter((w) => !PLACED.some(([p]) => p === w));
  // Shuffle, then put the query words at their ranks.
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  for (const [word, rank] of PLACED) list.splice(rank - 1, 0, word);
  return list;
}

const FUNCTION_WORDS = ['de', 'het', 'een', 'van', 'en', 'in', 'op', 'dat', 'is', 'te', 'bij', 'voor', 'met', 'zijn', 'niet', 'wordt', 'u', 'uw', 'aan', 'door'];

function textGenerator(vocab: string[]) {
  // Zipf: P(rank r) ∝ 1/r, sampled by binary search on the cumulative weights.
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 1; r <= vocab.length; r++) cumulative.push((total += 1 / r));
  const rnd = prng(42);
  const word = () => {
    if (rnd() < 0.4) return FUNCTION_WORDS[Math.floor(rnd() * FUNCTION_WORDS.length)]!;
    const x = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo]!;
  };
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 12);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(word());
    // 'zcert' stands for Z-CERT as written.
    const s = words.join(' ').replace(/\bzcert\b/g, 'Z-CERT');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const sentences = (n: number) => Array.from({ length: n }, sentence).join(' ');
  return { question: () => sentences(2), answer: () => sentences(3) };
}

// ---- the database ----

const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
const url = withDatabase(SERVER, NAME);

async function keptSets(): Promise<number> {
  const [exists] = await admin`select 1 from pg_database where datname = ${NAME}`;
  if (!exists) return 0;
  const probe = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await probe<{ n: number }[]>`select count(*)::int as n from question_search`;
    return row?.n ?? 0;
  } catch {
    return 0;
  } finally {
    await probe.end();
  }
}

async function insertTexts(db: Db, vocab: string[]): Promise<number> {
  const gen = textGenerator(vocab);
  const BATCH = 1000;
  const started = performance.now();
  let indexMs = 0;
  for (let from = 1; from <= SETS; from += BATCH) {
    const ids = resultIds(await db.execute(sql`select md5('z' || i)::uuid::text as id from generate_series(${from}::int, ${Math.min(from + BATCH - 1, SETS)}::int) i`));
    const rows: { zaak_id: string; position: number; number: string; text: string; answer_text: string | null }[] = [];
    for (const id of ids) for (let p = 1; p <= 6; p++) rows.push({ zaak_id: id, position: p, number: String(p), text: gen.question(), answer_text: gen.answer() });
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into question_texts (zaak_id, position, number, text, answer_text)
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(zaak_id uuid, position int, number text, text text, answer_text text)`);
      await tx.execute(sql`insert into question_text_sets (zaak_id, text_source, updated_at)
        select id::uuid, 'koop', ${NOW}::timestamptz from unnest(${`{${ids.join(',')}}`}::text[]) id`);
      const t0 = performance.now();
      await refreshSearchIndex(tx, ids, new Date(NOW));
      indexMs += performance.now() - t0;
    });
    if ((from - 1) % 10_000 === 0) process.stdout.write(`  texts ${from - 1}/${SETS}\r`);
  }
  console.log(`texts and index for ${SETS} sets in ${((performance.now() - started) / 1000).toFixed(0)} s (index ${(indexMs / 1000).toFixed(0)} s, ${((SETS / indexMs) * 1000).toFixed(0)} sets/s)`);
  return indexMs;
}

function resultIds(result: unknown): string[] {
  return ((Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: string }[]).map((r) => r.id);
}

async function generate(): Promise<void> {
  await admin.unsafe(`drop database if exists "${NAME}" with (force)`);
  await admin.unsafe(`create database "${NAME}"`);
  const database = await createDb({ databaseUrl: url, dataDir: 'unused' });
  await database.migrate();
  await runSeeds(database.db, fixedClock(new Date(NOW)));
  console.log(`generating ${SETS} question sets with texts …`);
  await generateQuestionSets(database.db, SETS);
  await database.db.execute(sql`
    insert into topic_matches (topic_id, zaak_id, matched_terms, topic_version, matched_at)
    select t.id, md5('z' || i)::uuid, '["datalek"]'::jsonb, t.version, now()
    from generate_series(1, ${SETS}) i, topics t where t.is_default and i % 10 = 0`);
  await evaluateQuestionSets(database.db, new Date(NOW));
  await refreshQuestionPeople(database.db, { evaluatedAt: new Date(NOW) });
  await insertTexts(database.db, vocabulary());
  await database.db.execute(sql`vacuum analyze`);
  await database.close();
}

const kept = process.env.BENCH_KEEP ? await keptSets() : 0;
if (kept !== SETS) await generate();

const probe = postgres(url, { max: 1, onnotice: () => {} });
const sizes = await probe<{ texts: number; text_sets: number; search: number; search_index: number }[]>`
  select pg_total_relation_size('question_texts')::float8 as texts, pg_total_relation_size('question_text_sets')::float8 as text_sets,
    pg_relation_size('question_search')::float8 + coalesce(pg_total_relation_size((select reltoastrelid from pg_class where relname = 'question_search')), 0)::float8 as search,
    (select sum(pg_relation_size(i.indexrelid))::float8 from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
      where i.indrelid = 'question_search'::regclass and a.amname = 'gin') as search_index`;
const [avg] = await probe<{ chars: number }[]>`select avg(l)::float8 as chars from (select sum(length(text) + coalesce(length(answer_text), 0)) as l from question_texts group by zaak_id) s`;
await probe.end();

// ---- the server ----


const built = spawnSync(process.execPath, ['--import', 'tsx', 'server/build.ts'], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) throw new Error('npm run build failed');
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
// As a new search meets the site: the page cache on, but every request its own URL (a parameter
// the schema drops), so each one misses it and renders, with q and without.
const server = startNode(serverNodeArgs(), { DATABASE_URL: url, PORT: String(PORT), JOBS: 'off', LOG_LEVEL: 'warn', NOW });
let unique = 0;
const missing = (path: string) => `${path}${path.includes('?') ? '&' : '?'}uncached=${unique++}`;

/** One request at a time: the latency of one uncached render (distinct pages of the same list). */
async function sequential(path: string, n = 200): Promise<{ p50: number; p99: number; total: number }> {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${PORT}${missing(path)}`);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    times.push(performance.now() - t0);
    if (i === 0) total = Number(/<strong>([\d.]+)<\/strong> set/.exec(body)?.[1]?.replace(/\./g, '') ?? 0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), total };
}

async function load(path: string) {
  const target = `http://127.0.0.1:${PORT}${path}`;
  const requests: autocannon.Request[] = [{ setupRequest: (req) => ({ ...req, path: missing(path) }) }];
  await autocannon({ url: target, connections: CONNECTIONS, duration: 2, requests });
  const r = await autocannon({ url: target, connections: CONNECTIONS, duration: DURATION, requests });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${target}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

try {
  await waitFor(`http://127.0.0.1:${PORT}/health`);
  const f = (n: number) => n.toFixed(1);
  const mb = (bytes: number) => ((bytes / 1024 / 1024) * (10_000 / SETS)).toFixed(1);
  const lines: string[] = [];
  for (const scope of [{ label: 'all topics', qs: 'onderwerp=alle' }, { label: 'default topic', qs: '' }]) {
    const basePath = `/vragen?${scope.qs}`;
    const baseSeq = await sequential(basePath);
    const baseLoad = await load(basePath);
    lines.push(
      `\n${scope.label} (${baseSeq.total} sets) — baseline /vragen?${scope.qs}: one at a time p50 ${f(baseSeq.p50)} ms p99 ${f(baseSeq.p99)} ms; ` +
        `${CONNECTIONS} connections ${Math.round(baseLoad.rps)} req/s p99 ${baseLoad.p99} ms`,
    );
    for (const q of QUERIES) {
      const path = `/vragen?${scope.qs}${scope.qs ? '&' : ''}q=${encodeURIComponent(q)}`;
      const seq = await sequential(path);
      const loaded = await load(path);
      const share = (loaded.rps / baseLoad.rps) * 100;
      lines.push(
        `  q=${q.padEnd(32)} ${String(seq.total).padStart(6)} hits  one at a time p50 ${f(seq.p50).padStart(6)} ms p99 ${f(seq.p99).padStart(6)} ms ${seq.p99 <= 50 ? 'ok ' : 'MISS'}` +
          `  | ${String(Math.round(loaded.rps)).padStart(5)} req/s p99 ${String(loaded.p99).padStart(4)} ms  ${share.toFixed(0).padStart(3)} % of baseline ${share >= 50 ? 'ok' : 'MISS'}`,
      );
    }
  }
  console.log(`
search benchmark: ${SETS} question sets, texts ${Math.round(avg?.chars ?? 0)} characters per set on average; every request misses the page cache (uncached)
targets: p99 ≤ 50 ms uncached, throughput ≥ 50 % of the same list without q${lines.join('\n')}

storage per 10,000 sets: question texts ${mb(sizes[0]!.texts + sizes[0]!.text_sets)} MB; search index table ${mb(sizes[0]!.search)} MB + GIN indexes (topics and words, titles) ${mb(sizes[0]!.search_index)} MB
`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  if (!process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists "${NAME}" with (force)`);
  await admin.end();
}
