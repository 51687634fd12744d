// Promise events to deliveries: the outbox of fanout.ts, for promise_events, with its own marker
// table (promise_alert_fanout) and delivery column (alert_deliveries.promise_event_id, unique per
// subscription). The derivation, the evaluation and staff actions call it with the ids of the
// events they just recorded, in the transaction that records them; the alerts job's catch-up
// calls it without ids. Same guarantees as for question events: one delivery per subscription
// and event, events recorded more than the cut-off after they happened never mail, and a
// subscription hears only of what was recorded after it was confirmed.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { type EventStream, type FanOutOptions, type FanOutResult, fanOutStream } from './fanout.ts';
import { matchesPromiseChoiceSql, promiseEventKeysSql } from './promise-filters.ts';

const PROMISE_STREAM: EventStream = {
  events: sql`promise_events`,
  columns: sql`id, request_id, ministry, kind`,
  marker: sql`promise_alert_fanout`,
  deliveryColumn: sql`promise_event_id`,
  keys: promiseEventKeysSql,
  matches: matchesPromiseChoiceSql,
};

export function fanOutPromiseEvents(tx: Db | Tx, now: Date, options: FanOutOptions = {}): Promise<FanOutResult> {
  return fanOutStream(PROMISE_STREAM, tx, now, options);
}
