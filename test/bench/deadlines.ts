// Benchmark (not a tap test): 100,000 question sets in a scratch PostgreSQL database, with
// askers, seats, addressees and documents. Measures the first full deadlines evaluation (status +
// events, set-based SQL) and askers/addressees refresh, then the whole deadlines job (evaluation,
// people, topic lens, request suggestions) in steady state: hourly with nothing new, the first
// run of a new day (day counters of open sets move), and an hour in which 200 sets are new or
// answered; then a forced full rewrite (all: true) and the timeliness statistics, each against a
// plain count(*) measured in the same run.
//   node --import tsx test/bench/deadlines.ts   (BENCH_DATABASE_URL to point elsewhere)
import { sql } from 'drizzle-orm';
import { scratchDatabase } from './scratch.ts';
import { deadlinesJob } from '../../jobs/deadlines.ts';
import { runSeeds } from '../../seeds/index.ts';
import { fixedClock } from '../../server/clock.ts';
import { evaluateQuestionSets, evaluateQuestionSetsDetail } from '../../server/questions/evaluate-sql.ts';
import { refreshQuestionPeople } from '../../server/questions/refresh-people.ts';
import { matchZaken } from '../../server/topics/match-zaken.ts';
import { timeliness } from '../../server/statistics/timeliness.ts';
import { generateQuestionSets } from './question-sets-fixture.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'kamerwacht_bench';
const SETS = Number(process.env.BENCH_SETS ?? 100_000);
// The upstream `bijgewerkt` of every generated row. Millisecond precision: the topic lens stores
// it through a JS Date, and with microseconds (SQL now()) every zaak looks changed on every run.
// BENCH_STAMP_US=1 uses microseconds to show that effect.
const STAMP = process.env.BENCH_STAMP_US ? '2025-12-01T12:00:00.123456Z' : '2025-12-01T12:00:00.123Z';

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

console.log(`generating ${SETS} question sets …`);
const [genMs] = await time(() => generateQuestionSets(db, SETS, STAMP));
console.log(`generated in ${(genMs / 1000).toFixed(1)} s`);

const now = new Date('2026-01-15T10:00:00+01:00');
const countMs = await median(5, () => db.execute(sql`select count(*) from zaken where soort = 'Schriftelijke vragen'`));
const [firstMs, first] = await time(() => evaluateQuestionSetsDetail(db, now));
const [peopleMs, people] = await time(() => refreshQuestionPeople(db, { zaakIds: first.peopleStale }));
// Seeds (topics, requests) and the topic lens's first pass over every set, untimed.
await runSeeds(db, fixedClock(now));
await matchZaken(db, now);
await db.execute(sql`analyze`);

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows);
const countAt = async (table: 'question_status' | 'question_events', at: Date) => {
  const column = sql.raw(table === 'question_status' ? 'status_as_of' : 'recorded_at');
  const r = await db.execute(sql`select count(*)::int as n from ${sql.raw(table)} where ${column} = ${at.toISOString()}::timestamptz`);
  return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
};
const log = { info: () => {}, warn: () => {}, error: () => {} } as never;
const job = async (at: Date) => {
  const [ms] = await time(() => deadlinesJob.run({ database, log, config: {} as never }, { clock: fixedClock(at), interactive: false }));
  return { ms, written: await countAt('question_status', at), events: await countAt('question_events', at) };
};
const hour = 3_600_000;
const hourly: number[] = [];
for (let h = 1; h <= 3; h++) hourly.push((await job(new Date(now.getTime() + h * hour))).ms);
hourly.sort((a, b) => a - b);
const [hourlyEvalMs, hourlyEval] = await time(() => evaluateQuestionSetsDetail(db, new Date(now.getTime() + 4 * hour)));
const nextDay = new Date('2026-01-16T00:05:00+01:00');
const day = await job(nextDay);
// An hour with news: 100 new question sets and answers to 100 open ones.
await db.execute(sql`
  insert into zaken (id, bijgewerkt, nummer, soort, onderwerp, gestart_op)
  select md5('zn' || i)::uuid, ${STAMP}::timestamptz, '2026Z' || lpad(i::text, 5, '0'), 'Schriftelijke vragen', 'Nieuwe vragen ' || i,
    timestamptz '2026-01-15 09:00+01'
  from generate_series(1, 100) i`);
await db.execute(sql`
  insert into zaak_actors (id, bijgewerkt, zaak_id, persoon_id, actor_naam, relatie, functie)
  select md5('zna' || i)::uuid, ${STAMP}::timestamptz, md5('zn' || i)::uuid, md5('p' || i)::uuid, 'Lid ' || i, 'Indiener', 'Tweede Kamerlid'
  from generate_series(1, 100) i`);
await db.execute(sql`
  insert into documents (id, bijgewerkt, soort, datum, onderwerp)
  select md5('dna' || i)::uuid, ${STAMP}::timestamptz, 'Antwoord schriftelijke vragen', timestamptz '2026-01-16 00:30+01', 'Antwoord'
  from generate_series(5, 500, 5) i`);
await db.execute(sql`insert into document_zaken (document_id, zaak_id) select md5('dna' || i)::uuid, md5('z' || i)::uuid from generate_series(5, 500, 5) i`);
const news = await job(new Date(nextDay.getTime() + hour));
const [allMs, all] = await time(() => evaluateQuestionSets(db, new Date(nextDay.getTime() + 2 * hour), { all: true }));
const statusCountMs = await median(5, () => db.execute(sql`select count(*) from question_status`));
const statsMs = await median(7, () => timeliness(db, 'ministry', 'VWS'));
const vws = await timeliness(db, 'ministry', 'VWS');
const [allStatsMs] = await time(() => timeliness(db, 'ministry'));

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`
question sets: ${SETS}
baseline count(*) over zaken (median of 5):             ${fmt(countMs)}
deadlines evaluation, first run (status + events):       ${fmt(firstMs)}  written ${first.evaluated}, events ${first.eventsRecorded}  ratio ${(firstMs / countMs).toFixed(0)}× count(*)
askers/addressees refresh (all new sets):                ${fmt(peopleMs)}  askers ${people.askers}, addressees ${people.addressees}
deadlines JOB, hourly, nothing new (median of 3):        ${fmt(hourly[1]!)}  (min ${fmt(hourly[0]!)}, max ${fmt(hourly[2]!)})  ratio ${(hourly[1]! / countMs).toFixed(0)}× count(*)
  of which the evaluation:                               ${fmt(hourlyEvalMs)}  candidates ${hourlyEval.candidates}, written ${hourlyEval.evaluated}, events ${hourlyEval.eventsRecorded}
deadlines JOB, first run of a new day:                   ${fmt(day.ms)}  written ${day.written} (day counters of open sets), events ${day.events}
deadlines JOB, hour with 100 new sets and 100 answers:   ${fmt(news.ms)}  written ${news.written}, events ${news.events}
forced full rewrite of every set (all: true):            ${fmt(allMs)}  written ${all.evaluated}, events ${all.eventsRecorded}
baseline count(*) over question_status (median of 5):   ${fmt(statusCountMs)}
statistics for one ministry (VWS, median of 7):          ${fmt(statsMs)}  ratio ${(statsMs / statusCountMs).toFixed(1)}× count(*)  (VWS total: ${vws.find((r) => r.year === null)?.sets} sets, on time ${((vws.find((r) => r.year === null)?.onTimeRate ?? 0) * 100).toFixed(1)} %)
statistics for all ministries:                           ${fmt(allStatsMs)}
`);
await database.close();
// BENCH_KEEP=1 leaves the database for EXPLAIN ANALYZE.
await scratch.drop();
