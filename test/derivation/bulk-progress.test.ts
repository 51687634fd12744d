// A first import leaves hundreds of thousands of sets pending at once. Their derivation reports
// its progress after every chunk (the job logs it) and refreshes the planner's statistics of the
// tables it wrote at the end (server/derivation/pending-sets.ts).
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
