// The status rule of status-rule.ts, set-based in SQL: one statement computes the status of every
// candidate question set, writes only the rows that are new or changed, and records the
// transitions of the sets whose deadline values changed. Date arithmetic runs on Amsterdam
// calendar dates (`(instant at time zone 'Europe/Amsterdam')::date + days`), never on 24-hour
// multiples.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, resultRows, type Tx, pgArray } from '../db/client.ts';
import { amsterdamDate, TIME_ZONE } from '../calendar.ts';
import { DOC_ANSWER, DOC_DELAY_NOTICE, DOC_NOTICE, DOC_QUESTIONS, QUESTION_ZAAK_SOORT, WITHDRAWAL_PATTERN } from './documents.ts';
import { DEFAULT_POLICY, type DeadlinePolicy } from './policy.ts';

export interface EvaluateOptions {
  /** Only these zaken (e.g. the ones a sync run touched). Rows are written only where they change. */
  zaakIds?: string[];
  /**
   * Every question set, also the answered and withdrawn ones, and every row rewritten with
   * `status_as_of = now` and its transitions re-recorded: the repair path, not the hourly one.
   */
  all?: boolean;
  policy?: DeadlinePolicy;
}

export interface EvaluateResult {
  /** Question sets whose status row was written: new ones and those whose values changed. */
  evaluated: number;
  eventsRecorded: number;
}

export interface EvaluateDetail extends EvaluateResult {
  /** Question sets looked at (open ones, new ones, and closed ones with news from the sync). */
  candidates: number;
  /** Sets whose askers' parties may have changed: new ones and those whose submission date moved. */
  peopleStale: string[];
  /** The events this evaluation recorded, for the fan-out in the same transaction. */
  eventIds: number[];
  /** Candidates that had a status row before (the others' rows were inserted now, with their filter copies). */
  known: string[];
}

const FINAL = sql`('answered', 'answered_late', 'withdrawn')`;

/** How far back the hourly run looks for sync events on closed sets (a safety margin over one hour). */
const SYNC_NEWS_WINDOW = sql.raw(`interval '2 days'`);

function idArray(ids: string[]): SQL {
  return sql`${pgArray(ids)}::uuid[]`;
}

function candidateIds(now: SQL, options: EvaluateOptions): SQL {
  if (options.zaakIds) {
    const ids = options.zaakIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (ids.length === 0) return sql`select null::uuid as id where false`;
    return sql`select unnest(${idArray(ids)}) as id`;
  }
  if (options.all) return sql`select z.id from zaken z where z.soort = ${QUESTION_ZAAK_SOORT}`;
  // New sets; open ones (a partial index holds them); for a backfill at an earlier now, the ones
  // evaluated later; and closed ones the sync recorded news for (an answer, a delay notice, a
  // withdrawal) since their row was written. Not the sets a sync left pending: their askers or
  // documents may be half-way (a run that stopped between categories), and the derivation after
  // the next complete run evaluates them with everything in place (derivePendingZaken).
  return sql`
    select c.id from (
    select z.id from zaken z
    where z.soort = ${QUESTION_ZAAK_SOORT} and not exists (select 1 from question_status q where q.zaak_id = z.id)
    union
    select q.zaak_id from question_status q where q.status not in ${FINAL}
    union
    select q.zaak_id from question_status q where q.status_as_of > ${now}
    union
    select e.zaak_id from question_events e join question_status q on q.zaak_id = e.zaak_id
    where e.source = 'sync' and e.recorded_at > ${now} - ${SYNC_NEWS_WINDOW} and e.recorded_at > q.status_as_of
    ) c (id)
    where not exists (select 1 from sync_pending_zaken p where p.zaak_id = c.id)`;
}

/** When a document (alias `d`) happened: its date, else when it was received or registered. */
const DOCUMENT_AT = sql.raw(`coalesce(d.datum, d.datum_ontvangst, d.datum_registratie)`);

/**
 * A set's submission date, as question_status.submitted_on stores it: the day its zaak started,
 * or else the day of its first question document (Amsterdam dates). The askers' parties are taken
 * at this date (refresh-people.ts), also before the set's status row is written.
 */
export function submittedOnSql(gestartOp: SQL, firstQuestionAt: SQL): SQL {
  const tz = sql.raw(`'${TIME_ZONE}'`);
  return sql`coalesce((${gestartOp} at time zone ${tz})::date, (${firstQuestionAt} at time zone ${tz})::date)`;
}

/** The instant of a zaak's first question document, for submittedOnSql outside the evaluation. */
export function firstQuestionAtSql(zaakId: SQL): SQL {
  return sql`(select min(${DOCUMENT_AT}) from document_zaken dz join documents d on d.id = dz.document_id
    where dz.zaak_id = ${zaakId} and d.soort = ${DOC_QUESTIONS})`;
}

/** The stored columns (without status_as_of) in table order; `v.<col>` are the new values. */
const COLS = [
  'zaak_id', 'nummer', 'submitted_on', 'due_on', 'extended_due_on', 'question_document_id',
  'delay_notice_at', 'delay_notice_document_id', 'answered_at', 'answered_on', 'answer_document_id',
  'answered_late', 'answered_by_letter', 'withdrawn_at', 'withdrawal_document_id',
  'status', 'days_open', 'days_overdue',
] as const;
/** The columns transitions depend on (not nummer, and not the day counters that move daily while open). */
const EVENT_COLS = COLS.filter((c) => c !== 'zaak_id' && c !== 'nummer' && c !== 'days_open' && c !== 'days_overdue');

const list = (prefix: string, cols: readonly string[]) => sql.raw(cols.map((c) => `${prefix}${c}`).join(', '));

/**
 * Evaluates the candidate question sets as of `now`. Stores only what changed (new sets, and rows
 * whose values differ; those get `status_as_of = now`) and records the transitions of sets whose
 * deadline-relevant values changed (idempotent through dedupe keys). An hourly run with nothing
 * new writes nothing; the first run of a day rewrites the day counters of open sets.
 */
export async function evaluateQuestionSets(db: Db | Tx, now: Date, options: EvaluateOptions = {}): Promise<EvaluateResult> {
  const { evaluated, eventsRecorded } = await evaluateQuestionSetsDetail(db, now, options);
  return { evaluated, eventsRecorded };
}

export async function evaluateQuestionSetsDetail(db: Db | Tx, now: Date, options: EvaluateOptions = {}): Promise<EvaluateDetail> {
  const policy = options.policy ?? DEFAULT_POLICY;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const today = sql`${amsterdamDate(now)}::date`;
  const tz = sql.raw(`'${TIME_ZONE}'`);
  const force = options.all === true;
  const result = await db.execute<DetailRow>(sql`
      with cand_ids as (${candidateIds(nowSql, options)}),
      cand as (
        select z.id, z.nummer, z.gestart_op
        from (select distinct id from cand_ids) c join zaken z on z.id = c.id
        where z.soort = ${QUESTION_ZAAK_SOORT}
      ),
      docs as (
        select dz.zaak_id, d.id, d.soort, d.onderwerp, d.titel, x.at, (x.at at time zone ${tz})::date as on_date
        from cand c
        join document_zaken dz on dz.zaak_id = c.id
        join documents d on d.id = dz.document_id
        cross join lateral (select ${DOCUMENT_AT} as at) x
        where d.soort in (${DOC_QUESTIONS}, ${DOC_ANSWER}, ${DOC_DELAY_NOTICE}, ${DOC_NOTICE}) and x.at is not null
      ),
      agg as (
        select zaak_id,
          (array_agg(id order by at, id) filter (where soort = ${DOC_QUESTIONS}))[1] as q_doc,
          min(at) filter (where soort = ${DOC_QUESTIONS}) as q_at,
          (array_agg(id order by at, id) filter (where soort = ${DOC_DELAY_NOTICE} and on_date <= ${today}))[1] as n_doc,
          min(at) filter (where soort = ${DOC_DELAY_NOTICE} and on_date <= ${today}) as n_at,
          (array_agg(id order by at, id) filter (where soort = ${DOC_ANSWER} and on_date <= ${today}))[1] as a_doc,
          min(at) filter (where soort = ${DOC_ANSWER} and on_date <= ${today}) as a_at,
          (array_agg(id order by at, id) filter (
            where soort = ${DOC_NOTICE} and concat_ws(' ', onderwerp, titel) ~* ${WITHDRAWAL_PATTERN} and on_date <= ${today}))[1] as w_doc,
          min(at) filter (
            where soort = ${DOC_NOTICE} and concat_ws(' ', onderwerp, titel) ~* ${WITHDRAWAL_PATTERN} and on_date <= ${today}) as w_at
        from docs group by zaak_id
      ),
      f as (
        select c.id as zaak_id, c.nummer,
          ${submittedOnSql(sql`c.gestart_op`, sql`a.q_at`)} as s,
          a.q_doc, a.n_doc, a.n_at, (a.n_at at time zone ${tz})::date as n,
          (l.answered_at is not null and (a.a_at is null or l.answered_at < a.a_at)) as by_letter,
          a.a_doc, a.a_at, l.answered_at as l_at, l.document_id as l_doc, a.w_doc, a.w_at
        from cand c
        left join agg a on a.zaak_id = c.id
        left join question_letter_answers l on l.zaak_id = c.id and (l.answered_at at time zone ${tz})::date <= ${today}
      ),
      g as (
        select f.*,
          case when by_letter then l_at else a_at end as ans_at,
          case when by_letter then l_doc else a_doc end as ans_doc,
          s + ${policy.answerTermDays}::int as d1,
          s + ${policy.extendedTermDays}::int as d2
        from f
      ),
      h as (
        select g.*,
          (ans_at at time zone ${tz})::date as ans_on,
          (w_at at time zone ${tz})::date as w_on,
          case when n is not null and n <= (ans_at at time zone ${tz})::date then d2 else d1 end as due_at_answer,
          case when n is not null and n <= ${today} then d2 else d1 end as due_today
        from g
      ),
      nv as (
        select zaak_id, nummer, s as submitted_on, d1 as due_on, d2 as extended_due_on, q_doc as question_document_id,
          n_at as delay_notice_at, n_doc as delay_notice_document_id, ans_at as answered_at, ans_on as answered_on,
          ans_doc as answer_document_id,
          case when ans_at is null then null when s is null then false else ans_on > due_at_answer end as answered_late,
          (ans_at is not null and by_letter) as answered_by_letter,
          w_at as withdrawn_at, w_doc as withdrawal_document_id,
          case
            when s is null then case when ans_at is not null then 'answered' when w_at is not null then 'withdrawn' else 'open' end
            when ans_at is not null then case when ans_on > due_at_answer then 'answered_late' else 'answered' end
            when w_at is not null then 'withdrawn'
            when ${today} > due_today then 'overdue'
            when due_today - ${today} <= ${policy.dueSoonDays}::int then 'due_soon'
            when n is not null then 'delayed'
            else 'open'
          end as status,
          case when s is null then null when ans_at is not null then ans_on - s when w_at is not null then w_on - s
            else greatest(0, ${today} - s) end as days_open,
          case when s is null then 0 when ans_at is not null then greatest(0, ans_on - due_at_answer) when w_at is not null then 0
            else greatest(0, ${today} - due_today) end as days_overdue
        from h
      ),
      v as (
        select nv.*, o.zaak_id is null as is_new,
          o.zaak_id is null or (${list('o.', EVENT_COLS)}) is distinct from (${list('nv.', EVENT_COLS)}) as events_changed,
          o.zaak_id is not null and o.submitted_on is distinct from nv.submitted_on as submitted_changed,
          o.zaak_id is null or (${list('o.', COLS)}) is distinct from (${list('nv.', COLS)}) as changed
        from nv left join question_status o on o.zaak_id = nv.zaak_id
      ),
      upd as (
        update question_status qs set (${list('', COLS.slice(1))}, status_as_of) = (${list('v.', COLS.slice(1))}, ${nowSql})
        from v
        where qs.zaak_id = v.zaak_id and not v.is_new and (${force ? sql`true` : sql`v.changed`})
        returning qs.*, ${force ? sql`true` : sql`v.events_changed`} as events_changed, v.submitted_changed as people_stale
      ),
      -- A new row takes the copies of what the list filters on with it (migrations/0018_question_status_filters.sql):
      -- the derivation writes askers and topic matches before it evaluates, with the copies
      -- deferred, so the row is written once instead of inserted and then updated.
      ins as (
        insert into question_status (${list('', COLS)}, topic_ids, parties, asker_ids, ministries, status_as_of)
        select ${list('v.', COLS)}, f.topic_ids, f.parties, f.asker_ids, f.ministries, ${nowSql}
        from v cross join lateral question_status_filters_of(array[v.zaak_id]) f where v.is_new
        on conflict (zaak_id) do nothing
        returning *, true as events_changed, true as people_stale
      ),
      written as (select * from upd union all select * from ins),
      ev as (${transitionsSql(nowSql, today, tz, policy)} returning id)
      select (select count(*) from nv)::int as candidates, (select count(*) from written)::int as evaluated,
        (select count(*) from ev)::int as events,
        (select coalesce(json_agg(id), '[]'::json) from ev) as event_ids,
        (select array_agg(zaak_id) from written where people_stale) as people,
        (select array_agg(zaak_id) from v where not is_new) as known`);
  const rows = resultRows<DetailRow>(result);
  const row = rows[0];
  return {
    candidates: Number(row?.candidates ?? 0),
    evaluated: Number(row?.evaluated ?? 0),
    eventsRecorded: Number(row?.events ?? 0),
    peopleStale: uuidList(row?.people),
    eventIds: (row?.event_ids ?? []).map(Number),
    known: uuidList(row?.known),
  };
}

interface DetailRow extends Record<string, unknown> {
  candidates: number | string;
  evaluated: number | string;
  events: number | string;
  event_ids: number[] | null;
  people: string[] | string | null;
  known: string[] | string | null;
}

/** A uuid[] as either driver returns it: an array, its text form ('{a,b}'), or null for none. */
function uuidList(value: string[] | string | null | undefined): string[] {
  if (value == null) return [];
  if (typeof value !== 'string') return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

/** The transitions of the sets just written whose deadline values changed; see questionTransitions. */
function transitionsSql(nowSql: SQL, today: SQL, tz: SQL, policy: DeadlinePolicy): SQL {
  const midnight = (day: string) => sql.raw(`((${day})::timestamp at time zone '${TIME_ZONE}')`);
  const deadline = (kind: string, day: string, due: string, doc: string, extra: string) => sql`
    select zaak_id, ${kind}::text as kind, ${midnight(day)} as occurred_at, ${sql.raw(doc)} as document_id,
      ':' || ${sql.raw(due)}::text as suffix, jsonb_build_object('dueOn', ${sql.raw(due)}::text) as details
    from q cross join lateral (select ${sql.raw(day)} as day) x
    where submitted_on is not null and ${sql.raw(extra)} and x.day <= ${today}
      and not (closed_on is not null and closed_on <= x.day)`;
  return sql`
    insert into question_events (zaak_id, kind, occurred_at, recorded_at, document_id, source, details, dedupe_key)
    with q as (
      select qs.*, (delay_notice_at at time zone ${tz})::date as n, (withdrawn_at at time zone ${tz})::date as w_on,
        coalesce(answered_on, (withdrawn_at at time zone ${tz})::date) as closed_on
      from written qs where events_changed
    ),
    e as (
      select zaak_id, 'delay_notice'::text as kind, delay_notice_at as occurred_at, delay_notice_document_id as document_id,
        ''::text as suffix, '{}'::jsonb as details
      from q where delay_notice_at is not null
      union all
      select zaak_id, case when answered_by_letter then 'answered_by_letter' else 'answered' end, answered_at, answer_document_id, '', '{}'::jsonb
      from q where answered_at is not null
      union all
      select zaak_id, 'answered_late', answered_at, answer_document_id, '', jsonb_build_object('daysOverdue', days_overdue)
      from q where answered_late
      union all
      select zaak_id, 'withdrawn', withdrawn_at, withdrawal_document_id, '', '{}'::jsonb
      from q where withdrawn_at is not null and (answered_on is null or w_on < answered_on)
      union all ${deadline('due_soon', `greatest(due_on - ${policy.dueSoonDays}, submitted_on)`, 'due_on', 'question_document_id', `not (n is not null and n <= greatest(due_on - ${policy.dueSoonDays}, submitted_on))`)}
      union all ${deadline('overdue', 'due_on + 1', 'due_on', 'question_document_id', 'not (n is not null and n <= due_on + 1)')}
      union all ${deadline('due_soon', `greatest(extended_due_on - ${policy.dueSoonDays}, n)`, 'extended_due_on', 'delay_notice_document_id', 'n is not null and n <= extended_due_on')}
      union all ${deadline('overdue', 'extended_due_on + 1', 'extended_due_on', 'delay_notice_document_id', 'n is not null and n <= extended_due_on')}
    )
    select zaak_id, kind, occurred_at, ${nowSql}, document_id, 'deadlines', details, zaak_id::text || ':' || kind || suffix
    from e
    on conflict (dedupe_key) do nothing`;
}

/** Affected rows from either driver (postgres.js: `count`; PGlite: `affectedRows`). */
export function rowCount(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return r.count ?? r.affectedRows ?? r.rowCount ?? 0;
}
