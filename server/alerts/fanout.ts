// Events to deliveries (the outbox). For every question event not yet fanned out, one delivery
// row per matching active, confirmed subscription, under UNIQUE (subscription_id, event_id), and
// the event marked in alert_fanout, all in the caller's transaction: the sync's derivation, the
// deadlines job and staff actions call this with the ids of the events they just recorded, in the
// transaction that records them (server/derivation/), so an event and its deliveries
// commit together. The alerts job calls it without ids as a catch-up for events recorded elsewhere.
// Set-based: one INSERT … SELECT per batch of events, whatever the number of subscribers.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, type Tx, resultRows, pgArray } from '../db/client.ts';
import { eventKeysSql, matchesChoiceSql } from './filters.ts';

/**
 * An event log the outbox serves: question_events (below), promise_events (promise-fanout.ts).
 * Each has its own fan-out marker table and its own delivery column, under its own unique key
 * (subscription, event).
 */
export interface EventStream {
  /** The event table; its rows have id, kind, occurred_at, recorded_at. */
  events: SQL;
  /** The columns the keys need, for the `fresh` relation. */
  columns: SQL;
  /** Marker table: event_id, fanned_out_at, deliveries, skipped_as_stale. */
  marker: SQL;
  /** The alert_deliveries column that holds this stream's event id. */
  deliveryColumn: SQL;
  keys(events: SQL): SQL;
  matches(eventsCol: SQL, kindCol: SQL): SQL;
}

const QUESTION_STREAM: EventStream = {
  events: sql`question_events`,
  columns: sql`id, zaak_id, kind`,
  marker: sql`alert_fanout`,
  deliveryColumn: sql`event_id`,
  keys: eventKeysSql,
  matches: matchesChoiceSql,
};

export interface FanOutOptions {
  /** Events recorded more than this long after they happened never mail (first sync, restore, re-emission). */
  cutoffDays?: number;
  /** Events per statement; the loop continues until none are left. */
  batchSize?: number;
  /** Only these events (the ones the caller's transaction recorded); without it, every event not yet fanned out. */
  eventIds?: number[];
}

export interface FanOutResult {
  events: number;
  deliveries: number;
  stale: number;
}

export function fanOutEvents(tx: Db | Tx, now: Date, options: FanOutOptions = {}): Promise<FanOutResult> {
  return fanOutStream(QUESTION_STREAM, tx, now, options);
}

export async function fanOutStream(stream: EventStream, tx: Db | Tx, now: Date, options: FanOutOptions = {}): Promise<FanOutResult> {
  const { events, marker, deliveryColumn: column } = stream;
  const cutoffDays = options.cutoffDays ?? 7;
  const batchSize = options.batchSize ?? 2000;
  const nowIso = now.toISOString();
  const total: FanOutResult = { events: 0, deliveries: 0, stale: 0 };
  const given = options.eventIds ? [...new Set(options.eventIds)].sort((a, b) => a - b) : undefined;
  for (let offset = 0; ; offset += batchSize) {
    // Pin the batch by id first: events committed by others between the two statements below
    // must not be marked fanned out without having had their deliveries made.
    let ids: number[];
    if (given) {
      const slice = given.slice(offset, offset + batchSize);
      if (slice.length === 0) return total;
      ids = resultRows<{ id: number }>(
        await tx.execute(sql`select e.id from ${events} e
          where e.id = any(${pgArray(slice)}::int[])
            and not exists (select 1 from ${marker} f where f.event_id = e.id)`),
      ).map((r) => Number(r.id));
      if (ids.length === 0) continue;
    } else {
      ids = resultRows<{ id: number }>(
        await tx.execute(sql`select e.id from ${events} e
          where not exists (select 1 from ${marker} f where f.event_id = e.id)
          order by e.id limit ${batchSize}`),
      ).map((r) => Number(r.id));
      if (ids.length === 0) return total;
    }
    const idArray = pgArray(ids);
    const fresh = sql`(select ${stream.columns} from ${events}
      where id = any(${idArray}::int[]) and recorded_at - occurred_at <= make_interval(days => ${cutoffDays}))`;
    const inserted = resultRows<{ n: number }>(
      await tx.execute(sql`
        with k as (${stream.keys(fresh)}),
        ins as (
          insert into alert_deliveries (subscription_id, ${column}, state, attempts, next_attempt_at, created_at)
          select distinct s.id, e.id, 'pending', 0, ${nowIso}::timestamptz, ${nowIso}::timestamptz
          from k
          join ${events} e on e.id = k.event_id
          join alert_subscriptions s on s.filter_kind = k.kind and s.filter_value = k.value
          where s.state = 'active'
            -- only what happened to the record after the subscriber confirmed
            and s.confirmed_at <= e.recorded_at
            and ${stream.matches(sql`s.events`, sql`e.kind`)}
          on conflict (subscription_id, ${column}) do nothing
          returning 1
        )
        select count(*)::int as n from ins`),
    );
    const marked = resultRows<{ stale: number }>(
      await tx.execute(sql`
        with m as (
          insert into ${marker} (event_id, fanned_out_at, deliveries, skipped_as_stale)
          select e.id, ${nowIso}::timestamptz,
            (select count(*) from alert_deliveries d where d.${column} = e.id),
            case when e.recorded_at - e.occurred_at <= make_interval(days => ${cutoffDays}) then 0 else 1 end
          from ${events} e where e.id = any(${idArray}::int[])
          on conflict (event_id) do nothing
          returning skipped_as_stale
        )
        select coalesce(sum(skipped_as_stale), 0)::int as stale from m`),
    );
    total.events += ids.length;
    total.deliveries += Number(inserted[0]?.n ?? 0);
    total.stale += Number(marked[0]?.stale ?? 0);
    if (!given && ids.length < batchSize) return total;
  }
}
