// Claiming and settling deliveries. A claim is its own short transaction: rows go to 'sending'
// with claimed_at, and the mail goes out after commit. A sender that dies leaves its rows in
// 'sending'; once the lease has run out another sender reclaims them. FOR UPDATE SKIP LOCKED
// lets several senders claim side by side without waiting on or double-claiming each other.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf } from './filters.ts';

export const DEFAULT_LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_CAP_MS = 60 * 60_000;

export interface Claimed {
  id: number;
  subscriptionId: number;
  eventId: number;
  attempts: number;
}

const claimable = (now: string, leaseMs: number) => sql`(
  (d.state = 'pending' and d.next_attempt_at <= ${now}::timestamptz)
  or (d.state = 'sending' and d.claimed_at < ${now}::timestamptz - make_interval(secs => ${leaseMs / 1000})))`;

/** Claims up to `limit` due deliveries of active, immediate subscriptions. */
export async function claimImmediate(db: Db, now: Date, limit: number, leaseMs = DEFAULT_LEASE_MS): Promise<Claimed[]> {
  const iso = now.toISOString();
  const rows = rowsOf<{ id: number; subscription_id: number; event_id: number; attempts: number }>(
    await db.execute(sql`
      update alert_deliveries u set state = 'sending', claimed_at = ${iso}::timestamptz, attempts = u.attempts + 1
      where u.id in (
        select d.id from alert_deliveries d
        join alert_subscriptions s on s.id = d.subscription_id
        where s.state = 'active' and s.frequency = 'immediate' and ${claimable(iso, leaseMs)}
        order by d.next_attempt_at, d.id
        limit ${limit}
        for update of d skip locked)
      returning u.id, u.subscription_id, u.event_id, u.attempts`),
  );
  return rows
    .map((r) => ({ id: Number(r.id), subscriptionId: Number(r.subscription_id), eventId: Number(r.event_id), attempts: Number(r.attempts) }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Claims the due digest of up to `limit` subscribers: all their claimable digest deliveries,
 * for subscribers who have not had today's digest yet. Locks the subscription rows so two
 * senders never build the same subscriber's digest.
 */
export async function claimDigests(db: Db, now: Date, today: string, limit: number, leaseMs = DEFAULT_LEASE_MS): Promise<Map<number, Claimed[]>> {
  const iso = now.toISOString();
  const rows = await db.transaction(async (tx) => {
    const subs = rowsOf<{ id: number }>(
      await tx.execute(sql`
        select s.id from alert_subscriptions s
        where s.state = 'active' and s.frequency = 'digest'
          and (s.last_digest_on is null or s.last_digest_on < ${today}::date)
          and exists (select 1 from alert_deliveries d where d.subscription_id = s.id and ${claimable(iso, leaseMs)})
        order by s.id limit ${limit}
        for update of s skip locked`),
    ).map((r) => Number(r.id));
    if (subs.length === 0) return [];
    return rowsOf<{ id: number; subscription_id: number; event_id: number; attempts: number }>(
      await tx.execute(sql`
        update alert_deliveries d set state = 'sending', claimed_at = ${iso}::timestamptz, attempts = d.attempts + 1
        where d.subscription_id = any(${`{${subs.join(',')}}`}::int[]) and ${claimable(iso, leaseMs)}
        returning d.id, d.subscription_id, d.event_id, d.attempts`),
    );
  });
  const out = new Map<number, Claimed[]>();
  for (const r of rows) {
    const c = { id: Number(r.id), subscriptionId: Number(r.subscription_id), eventId: Number(r.event_id), attempts: Number(r.attempts) };
    out.set(c.subscriptionId, [...(out.get(c.subscriptionId) ?? []), c]);
  }
  return out;
}

const idList = (ids: number[]) => `{${ids.join(',')}}`;

export async function markSent(db: Db, ids: number[], now: Date): Promise<void> {
  await db.execute(sql`update alert_deliveries set state = 'sent', sent_at = ${now.toISOString()}::timestamptz, last_error = null
    where id = any(${idList(ids)}::bigint[]) and state = 'sending'`);
}

/** Exponential back-off from the attempt count: 1, 2, 4 … minutes, capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** Temporary failure: back to pending, next attempt after the back-off. */
export async function markRetry(db: Db, ids: number[], attempts: number, now: Date, error: string): Promise<void> {
  const next = new Date(now.getTime() + backoffMs(attempts));
  await db.execute(sql`update alert_deliveries set state = 'pending', claimed_at = null,
      next_attempt_at = ${next.toISOString()}::timestamptz, last_error = ${error.slice(0, 500)}
    where id = any(${idList(ids)}::bigint[]) and state = 'sending'`);
}

/** Claimed but not tried (the run stopped early): back to pending without counting an attempt. */
export async function release(db: Db, ids: number[], retryAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`update alert_deliveries set state = 'pending', claimed_at = null, attempts = greatest(attempts - 1, 0),
      next_attempt_at = ${retryAt.toISOString()}::timestamptz
    where id = any(${idList(ids)}::bigint[]) and state = 'sending'`);
}

export const PAUSE_AFTER_PERMANENT_FAILURES = 3;

/**
 * Permanent failure (5xx): the deliveries fail for good; the subscription counts one failure and
 * is paused, with a reason, at the third. Its remaining pending deliveries are then cancelled.
 */
export async function markPermanent(db: Db, ids: number[], subscriptionId: number, now: Date, error: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`update alert_deliveries set state = 'failed', last_error = ${error.slice(0, 500)}
      where id = any(${idList(ids)}::bigint[]) and state = 'sending'`);
    const [row] = rowsOf<{ paused: boolean }>(
      await tx.execute(sql`update alert_subscriptions set permanent_failures = permanent_failures + 1,
          state = case when permanent_failures + 1 >= ${PAUSE_AFTER_PERMANENT_FAILURES} and state = 'active' then 'paused' else state end,
          pause_reason = case when permanent_failures + 1 >= ${PAUSE_AFTER_PERMANENT_FAILURES} and state = 'active'
            then ${`De mailserver van de ontvanger weigerde ${PAUSE_AFTER_PERMANENT_FAILURES} berichten (laatste: ${error.slice(0, 200)}).`}
            else pause_reason end,
          updated_at = ${now.toISOString()}::timestamptz
        where id = ${subscriptionId}
        returning state = 'paused' as paused`),
    );
    if (row?.paused) {
      await tx.execute(sql`update alert_deliveries set state = 'cancelled' where subscription_id = ${subscriptionId} and state = 'pending'`);
    }
    return Boolean(row?.paused);
  });
}

/** Nothing left to say (event or subscription gone between claim and send). */
export async function cancel(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`update alert_deliveries set state = 'cancelled' where id = any(${idList(ids)}::bigint[]) and state = 'sending'`);
}
