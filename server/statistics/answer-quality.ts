// How questions were answered, per ministry, minister (person in post), party or member, per
// year of submission: the share of questions left unanswered, answered together with others
// (grouped), pointed to another answer (referred) or postponed (deferred). Counted over the
// questions of answered sets whose texts have been read (question_texts), so a set still open,
// or answered but not yet read, does not count; `questions` says over how many.
import { sql } from 'drizzle-orm';
import { type Db, resultRows } from '../db/client.ts';
import { type Dimension, keyed, type TimelinessRow, timeliness } from './timeliness.ts';

interface AnswerQuality {
  /** Answered sets whose question texts have been read. */
  sets: number;
  /** Their questions: the denominator of every rate below. */
  questions: number;
  unanswered: number;
  grouped: number;
  referred: number;
  deferred: number;
  unansweredRate: number;
  groupedRate: number;
  referredRate: number;
  deferredRate: number;
}

/** The counts a row of the query carries; the rates are derived from them. */
type Counts = Omit<AnswerQuality, 'unansweredRate' | 'groupedRate' | 'referredRate' | 'deferredRate'>;

export type StatisticsRow = TimelinessRow & {
  /** Null when no answered set of this key and year has its texts read yet. */
  answerQuality: AnswerQuality | null;
};

const rowKey = (key: string, year: number | null) => `${key}\u0000${year ?? 'all'}`;

/** Per key and year, plus a total per key (year null), keyed by rowKey. */
async function answerQuality(db: Db, dimension: Dimension, key?: string): Promise<Map<string, AnswerQuality>> {
  const has = (flag: string) => sql`qt.flags @> ${JSON.stringify([flag])}::jsonb`;
  const result = await db.execute(sql`
    select k.key,
      extract(year from qs.submitted_on)::int as year,
      grouping(extract(year from qs.submitted_on)) as all_years,
      count(distinct qt.zaak_id)::int as sets,
      count(*)::int as questions,
      count(*) filter (where ${has('unanswered')})::int as unanswered,
      count(*) filter (where ${has('grouped')})::int as grouped,
      count(*) filter (where ${has('referred')})::int as referred,
      count(*) filter (where ${has('deferred')})::int as deferred
    from (${keyed(dimension, key)}) k
    join question_status qs on qs.zaak_id = k.zaak_id and qs.status in ('answered', 'answered_late')
    join question_texts qt on qt.zaak_id = k.zaak_id
    group by grouping sets ((k.key, extract(year from qs.submitted_on)), (k.key))`);
  const rows = resultRows<{ key: string; year: number | null; all_years: number } & Counts>(result);
  const out = new Map<string, AnswerQuality>();
  for (const r of rows) {
    const rate = (n: number) => (r.questions ? n / r.questions : 0);
    out.set(rowKey(r.key, Number(r.all_years) === 1 ? null : r.year), {
      sets: r.sets,
      questions: r.questions,
      unanswered: r.unanswered,
      grouped: r.grouped,
      referred: r.referred,
      deferred: r.deferred,
      unansweredRate: rate(r.unanswered),
      groupedRate: rate(r.grouped),
      referredRate: rate(r.referred),
      deferredRate: rate(r.deferred),
    });
  }
  return out;
}

/** The timeliness figures with the answer-quality figures of the same key and year beside them. */
export async function scopeStatistics(db: Db, dimension: Dimension, key?: string): Promise<StatisticsRow[]> {
  const [times, quality] = await Promise.all([timeliness(db, dimension, key), answerQuality(db, dimension, key)]);
  return times.map((row) => ({ ...row, answerQuality: quality.get(rowKey(row.key, row.year)) ?? null }));
}
