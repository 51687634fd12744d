// A first import leaves hundreds of thousands of sets pending at once. Their derivation reports
// its progress after every chunk (the job logs it) and refreshes the planner's statistics of the
// tables it wrote as they grow and at the end (server/derivation/pending-sets.ts).
import { sql } from 'drizzle-orm';
import t from 'tap';
import { type Db, resultRows } from '../../server/db/client.ts';
import { type DerivationProgress, derivePendingZaken } from '../../server/derivation/pending-sets.ts';
import { testDatabase } from '../helpers/databases.ts';

const NOW = new Date('2025-11-20T08:00:00+01:00');

/** How often question_status was analyzed by hand (ANALYZE, not autovacuum). */
async function analyzeCount(db: Db): Promise<number> {
  const [row] = resultRows<{ n: number }>(await db.execute(sql`select analyze_count::int as n from pg_stat_user_tables where relname = 'question_status'`));
  return Number(row?.n ?? 0);
}

/** `n` written-question zaken as a sync's pages leave them: stored and marked pending. */
async function pendingSets(db: Db, n: number): Promise<void> {
  await db.execute(sql`
    insert into zaken (id, bijgewerkt, nummer, soort, gestart_op)
    select gen_random_uuid(), ${NOW.toISOString()}::timestamptz, '2025Z' || lpad(i::text, 5, '0'), 'Schriftelijke vragen', '2025-11-03T00:00:00+01:00'::timestamptz
    from generate_series(1, ${n}) i`);
  await db.execute(sql`insert into sync_pending_zaken (zaak_id, since) select id, ${NOW.toISOString()}::timestamptz from zaken`);
}

t.test('a bulk derivation reports its progress per chunk and analyzes the tables it filled', async (t) => {
  const { db } = await testDatabase(t);
  await pendingSets(db, 2500);
  const before = await analyzeCount(db);

  const seen: DerivationProgress[] = [];
  const result = await derivePendingZaken(db, NOW, { chunk: 1000, progress: (p) => seen.push(p) });

  t.equal(result.zaken, 2500);
  t.same(
    seen.map((p) => [p.derived, p.of]),
    [
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ],
    'one report per committed chunk',
  );
  t.ok(seen.every((p) => p.perSecond >= 0));
  t.equal((await analyzeCount(db)) - before, 1, 'analyzed at the end');
  const [row] = resultRows<{ n: number }>(await db.execute(sql`select count(*)::int as n from question_status`));
  t.equal(row?.n, 2500, 'every set derived');
});

t.test('a bulk derivation refreshes the statistics each time the derived part doubles', async (t) => {
  const { db } = await testDatabase(t);
  await pendingSets(db, 3000);
  const before = await analyzeCount(db);
  const result = await derivePendingZaken(db, NOW, { chunk: 500, analyzeFrom: 500 });
  t.equal(result.zaken, 3000);
  // After 500, 1,000 and 2,000 derived sets, then once at the end.
  t.equal((await analyzeCount(db)) - before, 4, 'analyzed as the tables grew and at the end');
});

t.test('a few pending sets (a sync every ten minutes) derive without reports or ANALYZE', async (t) => {
  const { db } = await testDatabase(t);
  await pendingSets(db, 30);
  const before = await analyzeCount(db);
  const seen: DerivationProgress[] = [];
  const result = await derivePendingZaken(db, NOW, { chunk: 10, progress: (p) => seen.push(p) });
  t.equal(result.zaken, 30);
  t.same(seen, [], 'no progress lines for a routine run');
  t.equal(await analyzeCount(db), before, 'and no ANALYZE');
});

t.test('lanes: a chunk that fails fails the derivation, and its sets stay pending', async (t) => {
  const { db } = await testDatabase(t);
  await pendingSets(db, 60);
  // One set's status row cannot be written (a stand-in for any failure inside a chunk).
  await db.execute(sql.raw(`create function fail_one() returns trigger language plpgsql as $$
    begin if new.nummer = '2025Z00025' then raise exception 'chunk failed'; end if; return new; end $$`));
  await db.execute(sql.raw(`create trigger fail_one before insert on question_status for each row execute function fail_one()`));
  const err = await derivePendingZaken(db, NOW, { chunk: 10, lanes: 3 }).then(() => null, (e: unknown) => e as Error & { cause?: Error });
  t.match(err?.cause?.message ?? err?.message, /chunk failed/, 'the chunk\'s error is the derivation\'s');
  const [row] = resultRows<{ derived: number; pending: number; failing: number }>(
    await db.execute(sql`select (select count(*)::int from question_status) as derived, (select count(*)::int from sync_pending_zaken) as pending,
      (select count(*)::int from sync_pending_zaken p join zaken z on z.id = p.zaak_id where z.nummer = '2025Z00025') as failing`),
  );
  t.equal(row?.failing, 1, 'the failing set is still pending');
  t.equal((row?.derived ?? 0) + (row?.pending ?? 0), 60, 'every other set is derived or still pending: none lost');
  await db.execute(sql.raw(`drop trigger fail_one on question_status`));
  const again = await derivePendingZaken(db, NOW, { chunk: 10, lanes: 3 });
  t.equal(again.zaken, row?.pending, 'the next run derives what was left');
  const [after] = resultRows<{ n: number }>(await db.execute(sql`select count(*)::int as n from question_status`));
  t.equal(after?.n, 60);
});
