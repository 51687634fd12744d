// Benchmark (not a tap test): 100,000 promises in a scratch PostgreSQL database (commitments,
// committee requests and a few dozen recorded requests; deadlines spread around the clock, a
// quarter without one; register outcomes; confirmed letters and briefings), next to 100,000
// question sets. Measures the promise evaluation the deadlines job runs (set-based, one
// statement) on its first run (every row written), hourly with nothing new, and on the first run
// of a new day (the day counts of overdue promises move), each printed next to the same run's
// question-set evaluation and a plain count(*). Target: ≤ 5 s for 100,000 promises.
//   node --import tsx test/bench/promises.ts   (BENCH_DATABASE_URL to point elsewhere, BENCH_PROMISES, BENCH_SETS)
import { sql } from 'drizzle-orm';
import { runSeeds } from '../../seeds/index.ts';
import { fixedClock } from '../../server/clock.ts';
import { scratchDatabase } from './scratch.ts';
import { evaluatePromises } from '../../server/promises/evaluate.ts';
import { runPromiseLedger } from '../../server/promises/run.ts';
import { evaluateQuestionSetsDetail } from '../../server/questions/evaluate-sql.ts';
import { generateQuestionSets } from './question-sets-fixture.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'kamerwacht_bench_promises';
const PROMISES = Number(process.env.BENCH_PROMISES ?? 100_000);
const SETS = Number(process.env.BENCH_SETS ?? 100_000);
const TARGET_MS = 5_000;

const scratch = await scratchDatabase(SERVER, NAME);
const { database } = scratch;
const { db } = database;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

async function median(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await time(fn))[0]);
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)]!;
}

const STAMP = '2025-12-01T12:00:00.123Z';
console.log(`generating ${SETS} question sets and ${PROMISES} promises …`);
const [genMs] = await time(async () => {
  await generateQuestionSets(db, SETS, STAMP);
  // Sources in the proportions a full mirror has them: mostly register commitments.
  await db.execute(sql`
    insert into requests (slug, kind, source, source_id, source_version, subject, description, requested_on, due_on, due_source,
      register_status, committee, status, created_at, updated_at)
    select 'p-' || i,
      case when i % 20 < 15 then 'commitment' when i % 20 < 19 then 'letter' else 'briefing' end,
      -- Staff record requests by hand: a few dozen, not thousands.
      case when i % 2000 = 0 then 'staff' when i % 20 < 15 then 'toezegging' else 'besluit' end,
      case when i % 2000 <> 0 then md5('r' || i)::uuid::text end, (extract(epoch from ${STAMP}::timestamptz) * 1000000)::bigint::text,
      'Toezegging ' || i, 'De minister stuurt de Kamer een brief over onderwerp ' || i || '.',
      date '2022-01-01' + (i % 1400),
      -- A quarter without a deadline; the rest from two years back to a year ahead.
      case when i % 4 = 0 then null else date '2024-01-01' + (i % 1100) end,
      case when i % 4 = 0 then null else 'feed' end,
      case when i % 20 < 14 then (array['Openstaand', 'Openstaand', 'Openstaand', 'Voldaan', 'Deels Voldaan', 'Vervallen'])[1 + i % 6] end,
      (array['VWS', 'JenV', 'BiZa', 'Fin', 'OCW'])[1 + i % 5], 'open', ${STAMP}::timestamptz, ${STAMP}::timestamptz
    from generate_series(1, ${PROMISES}) i`);
  // The source rows, as derived (same version): the derivation finds nothing new to read.
  await db.execute(sql`
    insert into toezeggingen (id, bijgewerkt, feed_updated_at, nummer, status, tekst)
    select source_id::uuid, ${STAMP}::timestamptz, ${STAMP}::timestamptz, 'TZ-' || id, register_status, description from requests where source = 'toezegging'`);
  await db.execute(sql`
    insert into besluiten (id, bijgewerkt, feed_updated_at, status, besluit_tekst)
    select source_id::uuid, ${STAMP}::timestamptz, ${STAMP}::timestamptz, 'Besluit', 'Minister verzoeken om een brief.' from requests where source = 'besluit'`);
  await db.execute(sql`
    insert into promise_derivation_marks (source, feed_updated_at, last_id)
    select 'besluit', feed_updated_at, id from besluiten order by feed_updated_at desc, id desc limit 1`);
  await db.execute(sql`
    insert into request_addressees (request_id, ministry)
    select id, (array['VWS', 'JenV', 'BZK', 'FIN', 'OCW', 'EZK', 'SZW', 'IenW'])[1 + id % 8] from requests`);
  // Confirmed letters (3 %) and briefings (1 %, half still to come).
  await db.execute(sql`
    insert into request_links (request_id, kind, target, title, date, state, origin, created_at, updated_at)
    select id, 'document', md5('l' || id)::uuid::text, 'Brief', date '2024-06-01' + (id % 500), 'confirmed', 'staff', ${STAMP}::timestamptz, ${STAMP}::timestamptz
    from requests where id % 33 = 0
    union all
    select id, 'activiteit', md5('a' || id)::uuid::text, 'Briefing', date '2025-06-01' + (id % 400), 'confirmed', 'staff', ${STAMP}::timestamptz, ${STAMP}::timestamptz
    from requests where id % 100 = 1`);
  await db.execute(sql`
    insert into activiteiten (id, bijgewerkt, soort, onderwerp, datum)
    select md5('a' || id)::uuid, ${STAMP}::timestamptz, 'Technische briefing', 'Briefing', (date '2025-06-01' + (id % 400))::timestamp at time zone 'Europe/Amsterdam'
    from requests where id % 100 = 1`);
  await db.execute(sql`analyze`);
});
console.log(`generated in ${(genMs / 1000).toFixed(1)} s`);

const now = new Date('2026-01-15T10:00:00+01:00');
const hour = 3_600_000;
const countMs = await median(5, () => db.execute(sql`select count(*) from requests`));
const [qFirstMs, qFirst] = await time(() => evaluateQuestionSetsDetail(db, now));
const [pFirstMs, pFirst] = await time(() => evaluatePromises(db, now));
await db.execute(sql`analyze`);

const qHourly = await median(3, async () => evaluateQuestionSetsDetail(db, new Date(now.getTime() + hour)));
const pHourlyRuns: number[] = [];
for (let h = 1; h <= 3; h++) pHourlyRuns.push((await time(() => evaluatePromises(db, new Date(now.getTime() + h * hour))))[0]);
pHourlyRuns.sort((a, b) => a - b);
const nextDay = new Date('2026-01-16T00:05:00+01:00');
const [qDayMs, qDay] = await time(() => evaluateQuestionSetsDetail(db, nextDay));
const [pDayMs, pDay] = await time(() => evaluatePromises(db, nextDay));
// The ledger's whole part of the deadlines job (derivation finding nothing new, topic catch-up,
// suggestions, evaluation, rappel), an hour later.
// Its first run reads every promise text with the topic lens (seeded topics): untimed.
await runSeeds(db, fixedClock(nextDay));
await runPromiseLedger(db, new Date(nextDay.getTime() + hour));
const [ledgerMs, ledger] = await time(() => runPromiseLedger(db, new Date(nextDay.getTime() + 2 * hour)));

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const verdict = (ms: number) => (ms <= TARGET_MS ? 'within' : 'OVER');
console.log(`
promises: ${PROMISES}, question sets: ${SETS} (the machine may be shared: figures are indicative)
baseline count(*) over requests (median of 5):       ${fmt(countMs)}
first evaluation, every row written
  question sets:                                      ${fmt(qFirstMs)}  written ${qFirst.evaluated}, events ${qFirst.eventsRecorded}
  promises:                                           ${fmt(pFirstMs)}  written ${pFirst.evaluated}, events ${pFirst.eventIds.length}  ${verdict(pFirstMs)} the ${TARGET_MS / 1000} s target  ratio ${(pFirstMs / countMs).toFixed(0)}× count(*)
hourly, nothing new (median of 3)
  question sets:                                      ${fmt(qHourly)}
  promises:                                           ${fmt(pHourlyRuns[1]!)}  (min ${fmt(pHourlyRuns[0]!)}, max ${fmt(pHourlyRuns[2]!)})  ${verdict(pHourlyRuns[1]!)} the target
first run of a new day (day counts move)
  question sets:                                      ${fmt(qDayMs)}  written ${qDay.evaluated}
  promises:                                           ${fmt(pDayMs)}  written ${pDay.evaluated}  ${verdict(pDayMs)} the target
the ledger's whole part of the deadlines job, hourly (derivation, topics, suggestions, evaluation, rappel):
                                                      ${fmt(ledgerMs)}  (evaluation ${fmt(ledger.evaluationMs)}, candidates ${ledger.candidates}, written ${ledger.evaluated})
`);
await database.close();
await scratch.drop();
