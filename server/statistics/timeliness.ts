// Timeliness of answers per ministry, per minister (person in post), per party and per member,
// per year of submission: computed in SQL from the materialized question_status, with
// percentile_cont for the median and 90th percentile of days to answer.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, resultRows } from '../db/client.ts';

export type Dimension = 'ministry' | 'minister' | 'party' | 'member';

export interface TimelinessRow {
  key: string;
  /** Null: all years together. */
  year: number | null;
  sets: number;
  answered: number;
  answeredOnTime: number;
  /** Sets still waiting for a first answer (open, due soon, delayed or overdue). */
  waiting: number;
  overdueNow: number;
  withdrawn: number;
  delayNotices: number;
  /**
   * Share of the answered sets whose first answer came within the applicable term (0–1; 0 when
   * none was answered). Open and withdrawn sets are not in it: an open set may still be answered
   * in time, and a withdrawn one never will be.
   */
  onTimeRate: number;
  /** Share of all sets with a delay notice. */
  delayNoticeRate: number;
  /** Share of all sets overdue now. */
  overdueNowRate: number;
  medianDaysToAnswer: number | null;
  p90DaysToAnswer: number | null;
}

/** (zaak_id, key) pairs of a dimension, each set counted once per key. */
export function keyed(dimension: Dimension, key: string | undefined): SQL {
  const only = (col: SQL) => (key === undefined ? sql`` : sql`and ${col} = ${key}`);
  switch (dimension) {
    case 'ministry':
      return sql`select distinct zaak_id, ministry as key from question_addressees where ministry is not null ${only(sql`ministry`)}`;
    case 'minister': {
      const k = sql`concat_ws(' | ', name, post, ministry)`;
      return sql`select distinct zaak_id, ${k} as key from question_addressees where name is not null ${only(k)}`;
    }
    case 'party':
      return sql`select distinct zaak_id, party as key from question_askers where party is not null ${only(sql`party`)}`;
    case 'member':
      return sql`select distinct zaak_id, persoon_id::text as key from question_askers where persoon_id is not null ${only(sql`persoon_id::text`)}`;
  }
}

/** Per key and year, plus a total per key (year null). Pass `key` for one ministry/party/…. */
export async function timeliness(db: Db, dimension: Dimension, key?: string): Promise<TimelinessRow[]> {
  const result = await db.execute(sql`
    select k.key,
      extract(year from qs.submitted_on)::int as year,
      grouping(extract(year from qs.submitted_on)) as all_years,
      count(*)::int as sets,
      count(*) filter (where qs.status in ('answered', 'answered_late'))::int as answered,
      count(*) filter (where qs.status = 'answered')::int as on_time,
      count(*) filter (where qs.delay_notice_at is not null)::int as delayed,
      count(*) filter (where qs.status = 'overdue')::int as overdue,
      count(*) filter (where qs.status in ('open', 'due_soon', 'delayed', 'overdue'))::int as waiting,
      count(*) filter (where qs.status = 'withdrawn')::int as withdrawn,
      percentile_cont(0.5) within group (order by qs.answered_on - qs.submitted_on) filter (where qs.answered_on is not null) as median,
      percentile_cont(0.9) within group (order by qs.answered_on - qs.submitted_on) filter (where qs.answered_on is not null) as p90
    from (${keyed(dimension, key)}) k
    join question_status qs on qs.zaak_id = k.zaak_id
    group by grouping sets ((k.key, extract(year from qs.submitted_on)), (k.key))
    order by k.key, all_years desc, year`);
  const rows = resultRows<{
    key: string;
    year: number | null;
    all_years: number;
    sets: number;
    answered: number;
    on_time: number;
    delayed: number;
    overdue: number;
    waiting: number;
    withdrawn: number;
    median: number | string | null;
    p90: number | string | null;
  }>(result);
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    key: r.key,
    year: Number(r.all_years) === 1 ? null : r.year,
    sets: r.sets,
    answered: r.answered,
    answeredOnTime: r.on_time,
    waiting: r.waiting,
    overdueNow: r.overdue,
    withdrawn: r.withdrawn,
    delayNotices: r.delayed,
    onTimeRate: r.answered ? r.on_time / r.answered : 0,
    delayNoticeRate: r.sets ? r.delayed / r.sets : 0,
    overdueNowRate: r.sets ? r.overdue / r.sets : 0,
    medianDaysToAnswer: num(r.median),
    p90DaysToAnswer: num(r.p90),
  }));
}
