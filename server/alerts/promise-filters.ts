// What a subscription matches among promise events (promise_events), next to filters.ts for
// question events: one promise (filter kind `promise`, its id), a topic (the promise's topic
// matches) or a ministry (the ministries that owe it, or the ministry of a weekly `rappel`).
// Party, member and question-set filters never match a promise event. Shared by the fan-out and
// the preview, like filters.ts.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, resultRows, type Tx } from '../db/client.ts';
import type { AlertEventChoice, PromiseEventKind } from '../db/schema/index.ts';

/** Which choice each promise event kind falls under. Every outcome counts as "fulfilled or settled". */
const PROMISE_EVENT_KIND_CHOICE: Record<PromiseEventKind, AlertEventChoice> = {
  made: 'promise_made',
  due_soon: 'promise_due_soon',
  overdue: 'promise_overdue',
  fulfilled: 'promise_fulfilled',
  partly_fulfilled: 'promise_fulfilled',
  lapsed: 'promise_fulfilled',
  declined: 'promise_fulfilled',
  rappel: 'promise_rappel',
};

const PROMISE_CHOICES = ['promise_made', 'promise_due_soon', 'promise_overdue', 'promise_fulfilled', 'promise_rappel'] as const;

function isPromiseChoice(choice: string): boolean {
  return (PROMISE_CHOICES as readonly string[]).includes(choice);
}

/** True when a subscription's `events` (jsonb array) wants a promise event of `kindCol`. */
export function matchesPromiseChoiceSql(eventsCol: SQL, kindCol: SQL): SQL {
  const whens = Object.entries(PROMISE_EVENT_KIND_CHOICE).map(([kind, choice]) => sql`when ${kind} then ${choice}`);
  return sql`(${eventsCol} @> jsonb_build_array((case ${kindCol} ${sql.join(whens, sql` `)} else null end)))`;
}

/** (filter_kind, filter_value) keys each promise event matches. `events` is a relation with id, request_id, ministry. */
export function promiseEventKeysSql(events: SQL): SQL {
  return sql`
    select ev.id as event_id, 'promise'::text as kind, ev.request_id::text as value from ${events} ev where ev.request_id is not null
    union select ev.id, 'topic', tm.topic_id::text from ${events} ev join request_topic_matches tm on tm.request_id = ev.request_id
    union select ev.id, 'ministry', ra.ministry from ${events} ev join request_addressees ra on ra.request_id = ev.request_id
    union select ev.id, 'ministry', ev.ministry from ${events} ev where ev.ministry is not null`;
}

/** How many promise events of the chosen kinds this filter matched in the 90 days before `now`. */
export async function countRecentPromiseMatches(db: Db | Tx, filter: { kind: string; value: string }, events: readonly AlertEventChoice[], now: Date): Promise<number> {
  const chosen = events.filter(isPromiseChoice);
  if (chosen.length === 0) return 0;
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const recent = sql`(select id, request_id, ministry, kind from promise_events where occurred_at >= ${since.toISOString()}::timestamptz and occurred_at <= ${now.toISOString()}::timestamptz)`;
  const rows = await db.execute(sql`
    with k as (${promiseEventKeysSql(recent)})
    select count(distinct e.id)::int as n
    from k join promise_events e on e.id = k.event_id
    where k.kind = ${filter.kind} and k.value = ${filter.value}
      and ${matchesPromiseChoiceSql(sql`${JSON.stringify(chosen)}::jsonb`, sql`e.kind`)}`);
  return Number(resultRows<{ n: number }>(rows)[0]?.n ?? 0);
}

/**
 * Whether the chosen events can ever match this kind of filter: promise events match only one
 * promise, a topic or a ministry; question events never match one promise.
 */
export function eventsFitFilter(kind: string, events: readonly string[]): boolean {
  const promise = events.filter(isPromiseChoice).length;
  if (kind === 'promise') return promise === events.length;
  if (kind === 'topic' || kind === 'ministry') return true;
  return promise === 0;
}
