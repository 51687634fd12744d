// The status of every promise as of `now`, set-based in one statement, like the question sets'
// (server/questions/evaluate-sql.ts): only rows whose values change are written, with
// `status_as_of = now`, and the transitions of those rows are recorded once as promise events.
// The rule, first match wins:
//   1. a staff decision (decided_status);
//   2. the register's outcome for a Toezegging: Voldaan → fulfilled, Deels Voldaan →
//      partly_fulfilled, Vervallen → lapsed (Openstaand says nothing more than the deadline);
//   3. a confirmed link: a letter or Kamerstuk → fulfilled; a briefing that has taken place →
//      fulfilled; one still to come → scheduled (cancelled activities count for nothing);
//   4. the deadline: none → open; past → overdue; within PROMISE_DUE_SOON_DAYS → due_soon.
// Dates are Europe/Amsterdam calendar dates.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, pgArray, resultRows, type Tx } from '../db/client.ts';
import { amsterdamDate, TIME_ZONE } from '../calendar.ts';

/** A promise is due soon this many days (or fewer) before its deadline: a letter takes preparing. */
const PROMISE_DUE_SOON_DAYS = 14;

export interface EvaluateOptions {
  /** Only these promises (a staff action); otherwise every promise still in the ledger. */
  ids?: number[];
}

export interface PromiseEvaluation {
  candidates: number;
  /** Rows written (status, fulfilment date or days overdue changed). */
  evaluated: number;
  eventIds: number[];
}

/** The columns whose change makes a row be written. */
const VALUES = ['status', 'fulfilled_on', 'days_overdue'] as const;

export async function evaluatePromises(db: Db | Tx, now: Date, options: EvaluateOptions = {}): Promise<PromiseEvaluation> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const today = sql`${amsterdamDate(now)}::date`;
  const tz = sql.raw(`'${TIME_ZONE}'`);
  const scope: SQL = options.ids ? sql`and r.id = any(${pgArray(options.ids)}::int[])` : sql``;
  const midnight = (day: string) => sql.raw(`((${day})::timestamp at time zone '${TIME_ZONE}')`);
  const result = await db.execute(sql`
    with cand as (
      select r.id, r.status, r.fulfilled_on, r.days_overdue, r.due_on, r.decided_status, r.register_status, r.status_as_of
      from requests r where r.source_removed_at is null ${scope}
    ),
    l as (
      select l.request_id,
        min(l.date) filter (where l.kind <> 'activiteit') as letter_on,
        bool_or(l.kind <> 'activiteit') as has_letter,
        min(x.day) filter (where x.held) as held_on,
        bool_or(x.held) as held,
        bool_or(x.planned) as planned
      from request_links l
      left join activiteiten a on l.kind = 'activiteit' and a.id::text = lower(l.target)
      cross join lateral (select
        coalesce((a.datum at time zone ${tz})::date, l.date) as day,
        l.kind = 'activiteit' and coalesce(a.status, '') <> 'Geannuleerd' as live) d
      cross join lateral (select
        -- Past when its start time has passed; with a date only, from the day after.
        d.live and (a.aanvangstijd <= ${nowSql} or (a.aanvangstijd is null and d.day < ${today})) as held,
        d.live as planned, d.day) x
      where l.state = 'confirmed' and l.request_id in (select id from cand)
      group by l.request_id
    ),
    s as (
      select c.*,
        case
          when c.decided_status is not null then c.decided_status
          when c.register_status = 'Voldaan' then 'fulfilled'
          when c.register_status = 'Deels Voldaan' then 'partly_fulfilled'
          when c.register_status = 'Vervallen' then 'lapsed'
          when coalesce(l.has_letter, false) or coalesce(l.held, false) then 'fulfilled'
          when coalesce(l.planned, false) then 'scheduled'
          when c.due_on is null then 'open'
          when ${today} > c.due_on then 'overdue'
          when c.due_on - ${today} <= ${PROMISE_DUE_SOON_DAYS}::int then 'due_soon'
          else 'open'
        end as new_status,
        least(l.letter_on, l.held_on) as done_on
      from cand c left join l on l.request_id = c.id
    ),
    nv as (
      select s.id, s.new_status as status,
        case when s.new_status in ('fulfilled', 'partly_fulfilled') then s.done_on end as fulfilled_on,
        case
          when s.new_status = 'overdue' then ${today} - s.due_on
          when s.new_status in ('fulfilled', 'partly_fulfilled') and s.done_on > s.due_on then s.done_on - s.due_on
          else 0
        end as days_overdue,
        s.status as old_status, s.status_as_of as old_as_of, s.due_on
      from s
    ),
    upd as (
      update requests r set status = nv.status, fulfilled_on = nv.fulfilled_on, days_overdue = nv.days_overdue, status_as_of = ${nowSql}
      from nv
      where r.id = nv.id and (nv.old_as_of is null or (${sql.raw(VALUES.map((c) => `r.${c}`).join(', '))}) is distinct from (${sql.raw(VALUES.map((c) => `nv.${c}`).join(', '))}))
      returning r.id, r.status, r.fulfilled_on, r.due_on, nv.old_status, nv.old_as_of
    ),
    changed as (select * from upd where old_as_of is null or status is distinct from old_status),
    e as (
      select id, 'due_soon'::text as kind, ${midnight(`due_on - ${PROMISE_DUE_SOON_DAYS}`)} as occurred_at, ':' || due_on::text as suffix,
        jsonb_build_object('dueOn', due_on::text) as details
      from changed where status = 'due_soon'
      union all
      select id, 'overdue', ${midnight('due_on + 1')}, ':' || due_on::text, jsonb_build_object('dueOn', due_on::text)
      from changed where status = 'overdue'
      union all
      select id, status, coalesce(${midnight('fulfilled_on')}, ${nowSql}), '', jsonb_build_object('fulfilledOn', fulfilled_on::text)
      from changed where status in ('fulfilled', 'partly_fulfilled', 'lapsed', 'declined')
    ),
    ev as (
      insert into promise_events (request_id, kind, occurred_at, recorded_at, source, details, dedupe_key)
      select id, kind, occurred_at, ${nowSql}, 'deadlines', details, id::text || ':' || kind || suffix from e
      on conflict (dedupe_key) do nothing
      returning id
    )
    select (select count(*) from cand)::int as candidates, (select count(*) from upd)::int as evaluated,
      (select coalesce(json_agg(id), '[]'::json) from ev) as event_ids`);
  const row = resultRows<{ candidates: number; evaluated: number; event_ids: number[] | string }>(result)[0];
  const eventIds = typeof row?.event_ids === 'string' ? (JSON.parse(row.event_ids) as number[]) : (row?.event_ids ?? []);
  return { candidates: Number(row?.candidates ?? 0), evaluated: Number(row?.evaluated ?? 0), eventIds: eventIds.map(Number) };
}
