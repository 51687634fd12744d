// How long answers took, bucketed for the chart on person, party and ministry pages.
import { sql } from 'drizzle-orm';
import { type Db, resultRows } from '../db/client.ts';

export type Scope = { ministry: string } | { party: string } | { member: string };

const ANSWER_TIME_BUCKETS = [
  { label: '0–7', max: 7 },
  { label: '8–14', max: 14 },
  { label: '15–21', max: 21 },
  { label: '22–28', max: 28 },
  { label: '29–42', max: 42 },
  { label: '43–63', max: 63 },
  { label: '64+', max: Number.POSITIVE_INFINITY },
] as const;

function scoped(scope: Scope) {
  if ('ministry' in scope) return sql`select distinct zaak_id from question_addressees where ministry = ${scope.ministry}`;
  if ('party' in scope) return sql`select distinct zaak_id from question_askers where party = ${scope.party}`;
  return sql`select distinct zaak_id from question_askers where persoon_id = ${scope.member}::uuid`;
}

/** Number of answered sets per bucket of calendar days from submission to the first answer. */
export async function answerTimeDistribution(db: Db, scope: Scope): Promise<{ label: string; count: number }[]> {
  const result = await db.execute(sql`
    select qs.answered_on - qs.submitted_on as days, count(*)::int as n
    from question_status qs
    where qs.zaak_id in (${scoped(scope)}) and qs.answered_on is not null and qs.submitted_on is not null
    group by 1`);
  const rows = resultRows<{ days: number; n: number }>(result);
  const counts: number[] = ANSWER_TIME_BUCKETS.map(() => 0);
  for (const r of rows) {
    const i = ANSWER_TIME_BUCKETS.findIndex((b) => Number(r.days) <= b.max);
    counts[i] = (counts[i] ?? 0) + Number(r.n);
  }
  return ANSWER_TIME_BUCKETS.map((b, i) => ({ label: b.label, count: counts[i] ?? 0 }));
}
