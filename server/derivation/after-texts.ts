// What follows a change of question and answer texts (the texts job calls it for the sets whose
// question_texts or question_text_sets it changed): the search index, the topic lens (which reads
// the texts too) and the alerts that the texts now make due, in one transaction.
//
// The sync records a set's events (asked, delay notice, answer) and fans them out when the feed
// brings the documents, which is before the texts are read. A keyword subscriber ("Z-CERT") whose
// words are only in the answer, or a topic follower of a set the lens only finds in its texts,
// would then never hear of it. So here the recent events of these sets are fanned out once more,
// to keyword and topic subscriptions only (every other filter did not change with the texts), the
// deadline events only while the set is still due soon or overdue; the unique key on
// (subscription, event) keeps it to one mail each.
import { sql } from 'drizzle-orm';
import { fanOutEvents } from '../alerts/fanout.ts';
import { eventKeysSql, matchesChoiceSql } from '../alerts/filters.ts';
import { type Db, pgArray, resultRows, type Tx } from '../db/client.ts';
import { refreshSearchIndex } from '../search/index-sets.ts';
import { matchZaken } from '../topics/match-zaken.ts';
import type { AlertOptions } from './hourly.ts';

export interface AfterTextsResult {
  indexed: number;
  topicMatched: number;
  deliveries: number;
}

/**
 * Refreshes the search index and the topic lens of `zaakIds` and writes the deliveries their new
 * texts make due. Pass the texts job's transaction to make it part of the change; given the
 * database, it runs in a transaction of its own.
 */
export async function afterTextsChanged(db: Db | Tx, zaakIds: readonly string[], now: Date, options: AlertOptions = {}): Promise<AfterTextsResult> {
  const ids = [...new Set(zaakIds)];
  if (ids.length === 0) return { indexed: 0, topicMatched: 0, deliveries: 0 };
  return db.transaction(async (tx) => {
    const indexed = await refreshSearchIndex(tx, ids, now);
    const topics = await matchZaken(tx, now, ids);
    const deliveries = await fanOutToTextFilters(tx, ids, now, options.cutoffDays ?? 7);
    return { indexed, topicMatched: topics.matched, deliveries };
  });
}

async function fanOutToTextFilters(tx: Tx, zaakIds: string[], now: Date, cutoffDays: number): Promise<number> {
  const since = new Date(now.getTime() - cutoffDays * 86_400_000).toISOString();
  // Recent events only: texts read again months later (a KOOP publication replacing the Kamer's
  // file) must not mail about old news; the fan-out's own cut-off applies as well.
  const eventIds = resultRows<{ id: number }>(
    await tx.execute(sql`select id from question_events
      where zaak_id = any(${pgArray(zaakIds)}::uuid[]) and recorded_at >= ${since}::timestamptz`),
  ).map((r) => Number(r.id));
  if (eventIds.length === 0) return 0;
  // Events not yet fanned out get the full fan-out first (every filter).
  const first = await fanOutEvents(tx, now, { cutoffDays, eventIds });
  const nowIso = now.toISOString();
  // A deadline event is news only while the set is in that state: the texts usually come with
  // the answer, and a "due soon" or "overdue" mail sent beside the answered one would be stale.
  const fresh = sql`(select e.id, e.zaak_id, e.kind from question_events e
    where e.id = any(${pgArray(eventIds)}::int[]) and e.recorded_at - e.occurred_at <= make_interval(days => ${cutoffDays})
      and (e.kind not in ('due_soon', 'overdue')
        or exists (select 1 from question_status qs where qs.zaak_id = e.zaak_id and qs.status = e.kind)))`;
  const inserted = resultRows<{ n: number }>(
    await tx.execute(sql`
      with k as (${eventKeysSql(fresh)}),
      ins as (
        insert into alert_deliveries (subscription_id, event_id, state, attempts, next_attempt_at, created_at)
        select distinct s.id, e.id, 'pending', 0, ${nowIso}::timestamptz, ${nowIso}::timestamptz
        from k
        join question_events e on e.id = k.event_id
        join alert_subscriptions s on s.filter_kind = k.kind and s.filter_value = k.value
        where k.kind in ('keyword', 'topic')
          and s.state = 'active'
          and s.confirmed_at <= e.recorded_at
          and ${matchesChoiceSql(sql`s.events`, sql`e.kind`)}
        on conflict (subscription_id, event_id) do nothing
        returning 1
      )
      select count(*)::int as n from ins`),
  );
  return first.deliveries + Number(inserted[0]?.n ?? 0);
}
