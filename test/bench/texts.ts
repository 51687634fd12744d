// Benchmark (not a tap test): the whole texts job (server/texts/run-texts.ts) against a loopback
// KOOP server, on a scratch PostgreSQL database with BENCH_SETS written-question sets of four
// documents each (questions, delay notice, answer, nader answer; default 600 sets = 2,400
// documents), every publication served as KOOP XML in the structure of test/fixtures/koop/.
// Prints documents/s read, parsed, stored and paired, next to a baseline measured in the same
// run: fetching the same bytes with the same client and concurrency, without parsing or storing.
// Then the storage the texts take (tables and their indexes), as MB per 10,000 sets.
// Target: ≥ 500 documents/s.
//   node --import tsx test/bench/texts.ts   (BENCH_DATABASE_URL to point elsewhere, BENCH_SETS, BENCH_CONCURRENCY)
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { resultRows } from '../../server/db/client.ts';
import { scratchDatabase } from './scratch.ts';
import { TextFetcher } from '../../server/texts/fetch-client.ts';
import { koopXmlUrl, tkResourceUrl } from '../../server/texts/read-document.ts';
import { runTexts } from '../../server/texts/run-texts.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'kamerwacht_bench_texts';
const SETS = Number(process.env.BENCH_SETS ?? 600);
const TARGET = 500;
const NOW = new Date('2025-12-01T12:00:00Z');

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/koop/${name}.xml`, import.meta.url), 'utf8');
// One template per document kind; each publication gets its own ids and a little text of its own,
// so no two stored texts are the same.
const TEMPLATES = {
  questions: fixture('kv-tk-2025Z10001'),
  notice: fixture('ah-tk-20242025-1100'),
  answer: fixture('ah-tk-20242025-1244'),
  nader: fixture('ah-tk-20242025-1301'),
};
const nummer = (i: number) => `2024Z${String(i).padStart(5, '0')}`;
const item = (kind: 'notice' | 'answer' | 'nader', i: number) => ({ notice: 100_000, answer: 200_000, nader: 300_000 })[kind] + i;

const publications = new Map<string, Buffer>();
for (let i = 1; i <= SETS; i++) {
  const personal = (xml: string) => xml.replaceAll('Datalek bij laboratorium', `Datalek ${i} bij laboratorium`).replace('Is dit zo?', `Is dit zo (${i})?`);
  publications.set(`kv-tk-${nummer(i)}`, Buffer.from(personal(TEMPLATES.questions)));
  for (const kind of ['notice', 'answer', 'nader'] as const) publications.set(`ah-tk-20242025-${item(kind, i)}`, Buffer.from(personal(TEMPLATES[kind])));
}

// The KOOP stand-in runs in a worker thread, so serving does not take the job's thread.
const SERVE = `
  const http = require('node:http');
  const { parentPort, workerData } = require('node:worker_threads');
  const publications = new Map(Object.entries(workerData).map(([k, v]) => [k, Buffer.from(v)]));
  const server = http.createServer((req, res) => {
    const m = (req.url || '').match(/^\\/officielepublicaties\\/([^/]+)\\/\\1\\.xml$/);
    const body = m ? publications.get(m[1]) : undefined;
    if (body) res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', 'content-length': body.length }).end(body);
    else res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
  parentPort.on('message', () => server.close(() => process.exit(0)));
`;
const worker = new Worker(SERVE, { eval: true, workerData: Object.fromEntries([...publications].map(([k, v]) => [k, v.toString('utf8')])) });
const port = await new Promise<number>((resolve) => worker.once('message', resolve));
const origin = `http://127.0.0.1:${port}`;
const sources = { koopUrl: `${origin}/officielepublicaties`, feedUrl: `${origin}/SyncFeed/2.0` };
// Loopback answers at once; more requests in flight than the job's polite 4 keep the measurement
// on parsing and storing, which is what this bench is about (fetching is the limit in real use).
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const newFetcher = () =>
  new TextFetcher({ allowedBases: [sources.koopUrl, tkResourceUrl(sources.feedUrl, '')], publicUrl: 'https://kamerwacht.example', concurrency: CONCURRENCY });

const scratch = await scratchDatabase(SERVER, NAME);
const { database } = scratch;
const { db } = database;

// The sets: a Zaak and its four documents, linked; the answers' publications follow from their
// Aanhangselnummer (`24250` + item), the questions' from the zaaknummer.
await db.execute(sql`
  insert into zaken (id, bijgewerkt, nummer, soort, onderwerp, gestart_op)
  select md5('z' || i)::uuid, ${NOW.toISOString()}::timestamptz, '2024Z' || lpad(i::text, 5, '0'), 'Schriftelijke vragen', 'Datalek ' || i, date '2025-01-01' + (i % 300)
  from generate_series(1, ${SETS}) i`);
await db.execute(sql`
  insert into documents (id, bijgewerkt, soort, document_nummer, datum, vergaderjaar, aanhangselnummer)
  select md5(k.kind || i)::uuid, ${NOW.toISOString()}::timestamptz, k.soort, '2024D' || k.n || lpad(i::text, 5, '0'), date '2025-01-01' + (i % 300) + k.n, '2024-2025',
    case when k.item is null then null else '2425' || (k.item + i)::text end
  from generate_series(1, ${SETS}) i,
    (values ('q', 'Schriftelijke vragen', 0, null::int), ('m', 'Mededeling (uitstel antwoord)', 1, 100000), ('a', 'Antwoord schriftelijke vragen', 2, 200000), ('n', 'Antwoord schriftelijke vragen (nader)', 3, 300000)) as k(kind, soort, n, item)`);
await db.execute(sql`
  insert into document_zaken (document_id, zaak_id)
  select md5(k.kind || i)::uuid, md5('z' || i)::uuid from generate_series(1, ${SETS}) i, (values ('q'), ('m'), ('a'), ('n')) as k(kind)`);
const documents = SETS * 4;

// Baseline: the same bytes through the same client at the same concurrency, nothing parsed or stored.
const urls = [...publications.keys()].map((id) => koopXmlUrl(sources.koopUrl, id));
const baselineFetcher = newFetcher();
let t0 = performance.now();
let bytes = 0;
await Promise.all(
  urls.map(async (url) => {
    const got = await baselineFetcher.get(url, 'application/xml');
    if (got.kind !== 'ok') throw new Error(`baseline: ${url} ${got.kind}`);
    bytes += got.bytes.length;
  }),
);
const baselineS = (performance.now() - t0) / 1000;
await baselineFetcher.close();

// The texts job: select due documents, fetch, parse, store, pair, replace set rows, textsChanged.
const fetcher = newFetcher();
t0 = performance.now();
const result = await runTexts(db, { fetcher, sources, now: NOW, maxDocuments: Number.MAX_SAFE_INTEGER });
const jobS = (performance.now() - t0) / 1000;
await fetcher.close();
if (result.koop !== documents) throw new Error(`expected ${documents} KOOP texts, got ${JSON.stringify(result)}`);
// A run with nothing due (every text read): what each scheduled run costs once caught up.
const idleFetcher = newFetcher();
t0 = performance.now();
const idle = await runTexts(db, { fetcher: idleFetcher, sources, now: new Date(NOW.getTime() + 60_000) });
const idleMs = performance.now() - t0;
await idleFetcher.close();
if (idle.tried !== 0) throw new Error(`a second run found ${idle.tried} documents due`);
const [paired] = resultRows<{ sets: number; questions: number }>(
  await db.execute(sql`select (select count(*)::int from question_text_sets) as sets, (select count(*)::int from question_texts) as questions`),
);

const [size] = resultRows<{ texts: string; questions: string; sets: string }>(
  await db.execute(sql`select pg_total_relation_size('document_texts') as texts, pg_total_relation_size('question_texts') as questions,
    pg_total_relation_size('question_text_sets') as sets`),
);
const mb = (n: number) => n / 1024 / 1024;
const per10k = (n: string | number) => (mb(Number(n)) * 10_000) / SETS;

const rate = documents / jobS;
const baseRate = documents / baselineS;
console.log(`texts job: ${SETS} sets, ${documents} documents, ${(bytes / 1024 / 1024).toFixed(1)} MB of XML (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}, PostgreSQL, ${CONCURRENCY} requests in flight)`);
console.log(`baseline (fetch only)        ${baselineS.toFixed(2).padStart(7)} s ${baseRate.toFixed(0).padStart(7)} documents/s`);
console.log(`texts job (fetch+parse+store) ${jobS.toFixed(2).padStart(6)} s ${rate.toFixed(0).padStart(7)} documents/s   ${(rate / baseRate * 100).toFixed(0)} % of baseline`);
console.log(`paired: ${paired!.sets} sets, ${paired!.questions} questions; a run with nothing due: ${idleMs.toFixed(0)} ms`);
console.log(
  `storage per 10,000 sets: document_texts ${per10k(size!.texts).toFixed(1)} MB, question_texts ${per10k(size!.questions).toFixed(1)} MB, question_text_sets ${per10k(size!.sets).toFixed(1)} MB; total ${per10k(Number(size!.texts) + Number(size!.questions) + Number(size!.sets)).toFixed(1)} MB (tables, TOAST and indexes)`,
);
console.log(`target ≥ ${TARGET} documents/s: ${rate >= TARGET ? 'met' : 'NOT met'}`);

await database.close();
await scratch.drop();
worker.postMessage('stop');
