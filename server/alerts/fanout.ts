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
  const nowIso = now.toISOString();
  const total: FanOutResult = { events: 0, deliveries: 0, stale: 0 };
  const given = options.eventIds ? [...new Set(options.eventIds)].sort((a, b) => a - b) : undefined;
  // The caller's own events come in larger batches: a first import's chunk records ~12,000.
  const batchSize = options.batchSize ?? (given ? 10_000 : 2_000);
  for (let offset = 0; ; offset += batchSize) {
    let batch: SQL;
    if (given) {
      const slice = given.slice(offset, offset + batchSize);
      if (slice.length === 0) return total;
      batch = sql`e.id = any(${pgArray(slice)}::int[])`;
    } else {
      batch = sql`e.id in (select e.id from ${events} e
        where not exists (select 1 from ${marker} f where f.event_id = e.id) order by e.id limit ${batchSize})`;
    }
    // One statement, so one snapshot: the batch is pinned once, and an event committed by
    // another transaction meanwhile is neither marked fanned out nor given deliveries here (the
    // next catch-up takes it). Deliveries and markers are written together.
    const [done] = resultRows<{ events: number; deliveries: number; stale: number }>(
      await tx.execute(sql`
        with b as (
          select ${stream.columns}, e.recorded_at - e.occurred_at <= make_interval(days => ${cutoffDays}) as fresh
          from ${events} e
          where ${batch} and not exists (select 1 from ${marker} f where f.event_id = e.id)
        ),
        k as (${stream.keys(sql`(select ${stream.columns} from b where fresh)`)}),
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
          returning ${column} as event_id
        ),
        m as (
          insert into ${marker} (event_id, fanned_out_at, deliveries, skipped_as_stale)
          select b.id, ${nowIso}::timestamptz, coalesce(c.n, 0), case when b.fresh then 0 else 1 end
          from b left join (select event_id, count(*) as n from ins group by event_id) c on c.event_id = b.id
          on conflict (event_id) do nothing
          returning skipped_as_stale
        )
        select (select count(*) from b)::int as events, (select count(*) from ins)::int as deliveries,
          (select coalesce(sum(skipped_as_stale), 0) from m)::int as stale`),
    );
    const n = Number(done?.events ?? 0);
    total.events += n;
    total.deliveries += Number(done?.deliveries ?? 0);
    total.stale += Number(done?.stale ?? 0);
    if (!given && n < batchSize) return total;
  }
}
