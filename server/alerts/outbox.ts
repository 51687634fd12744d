// Claiming and settling deliveries. A claim is its own short transaction: rows go to 'sending'
// with claimed_at, and the mail goes out after commit. A sender that dies leaves its rows in
// 'sending'; once the lease has run out another sender reclaims them. FOR UPDATE SKIP LOCKED
// lets several senders claim side by side without waiting on or double-claiming each other.
import { sql } from 'drizzle-orm';
import { TIME_ZONE } from '../calendar.ts';
import { type Db, resultRows, pgArray } from '../db/client.ts';

export const DEFAULT_LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_CAP_MS = 60 * 60_000;

export interface Claimed {
  id: number;
  subscriptionId: number;
  /** A question event, or null for a promise event's delivery. */
  eventId: number | null;
  /** A promise event (promise_events), or null. */
  promiseEventId: number | null;
  attempts: number;
}

const claimable = (now: string, leaseMs: number) => sql`(
  (d.state = 'pending' and d.next_attempt_at <= ${now}::timestamptz)
  or (d.state = 'sending' and d.claimed_at < ${now}::timestamptz - make_interval(secs => ${leaseMs / 1000})))`;

/** Reliability bar: per subscriber (address) at most this many immediate alert mails per day. */
export const DAILY_ALERT_CAP = 10;

// The Europe/Amsterdam calendar day of an instant, and that day's start as an instant.
const tz = sql.raw(`'${TIME_ZONE}'`);
const localDay = (iso: string) => sql`(${iso}::timestamptz at time zone ${tz})::date`;
const localDayStart = (iso: string) => sql`(${localDay(iso)}::timestamp at time zone ${tz})`;

type ClaimRow = { id: number; subscription_id: number; event_id: number | null; promise_event_id: number | null; attempts: number };
const claimedOf = (r: ClaimRow): Claimed => ({
  id: Number(r.id),
  subscriptionId: Number(r.subscription_id),
  eventId: r.event_id == null ? null : Number(r.event_id),
  promiseEventId: r.promise_event_id == null ? null : Number(r.promise_event_id),
  attempts: Number(r.attempts),
});

/**
 * Claims up to `limit` due deliveries of active, immediate subscriptions. A delivery whose
 * address already had `cap` immediate alert mails today (Europe/Amsterdam; sent, or claimed by
 * another sender) is not claimed but held for the next morning's digest (digest_on = tomorrow).
 * Claims are serialised by a transaction-level advisory lock so that count is exact with several
 * senders; the lock is held only for this short transaction, never while mail is sent.
 */
export async function claimImmediate(db: Db, now: Date, limit: number, leaseMs = DEFAULT_LEASE_MS, cap = DAILY_ALERT_CAP): Promise<Claimed[]> {
  const iso = now.toISOString();
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kamerwacht:alert-claim'))`);
    const candidates = resultRows<{ id: number; address_hash: string }>(
      await tx.execute(sql`
        select d.id, s.address_hash from alert_deliveries d
        join alert_subscriptions s on s.id = d.subscription_id
        where s.state = 'active' and s.frequency = 'immediate' and d.digest_on is null and ${claimable(iso, leaseMs)}
        order by d.next_attempt_at, d.id
        limit ${limit}
        for update of d skip locked`),
    );
    if (candidates.length === 0) return [];
    const ids = candidates.map((c) => Number(c.id));
    const hashes = [...new Set(candidates.map((c) => c.address_hash))];
    const used = new Map(
      resultRows<{ address_hash: string; n: number }>(
        await tx.execute(sql`
          select s.address_hash, count(*)::int as n from alert_deliveries d
          join alert_subscriptions s on s.id = d.subscription_id
          where s.address_hash = any(${pgArray(hashes)}::text[]) and s.frequency = 'immediate' and d.digest_on is null
            and ((d.state = 'sent' and d.sent_at >= ${localDayStart(iso)})
              or (d.state = 'sending' and d.id <> all(${pgArray(ids)}::bigint[])))
          group by s.address_hash`),
      ).map((r) => [r.address_hash, Number(r.n)]),
    );
    const send: number[] = [];
    const hold: number[] = [];
    for (const c of candidates) {
      const n = used.get(c.address_hash) ?? 0;
      if (n < cap) send.push(Number(c.id));
      else hold.push(Number(c.id));
      used.set(c.address_hash, n + 1);
    }
    if (hold.length > 0) {
      // A held delivery does not count an attempt; one left 'sending' by a dead sender goes back to pending.
      await tx.execute(sql`update alert_deliveries set state = 'pending', claimed_at = null, digest_on = ${localDay(iso)} + 1
        where id = any(${pgArray(hold)}::bigint[])`);
    }
    if (send.length === 0) return [];
    return resultRows<ClaimRow>(
      await tx.execute(sql`
        update alert_deliveries u set state = 'sending', claimed_at = ${iso}::timestamptz, attempts = u.attempts + 1
        where u.id = any(${pgArray(send)}::bigint[])
        returning u.id, u.subscription_id, u.event_id, u.promise_event_id, u.attempts`),
    );
  });
  return rows.map(claimedOf).sort((a, b) => a.id - b.id);
}

/**
 * Claims the due digest of up to `limit` subscribers: for digest subscriptions all their
 * claimable deliveries, for immediate ones the deliveries held by the daily cap whose digest day
 * has come; only for subscribers who have not had today's digest yet. Locks the subscription
 * rows so two senders never build the same subscriber's digest.
 */
export async function claimDigests(db: Db, now: Date, today: string, limit: number, leaseMs = DEFAULT_LEASE_MS): Promise<Map<number, Claimed[]>> {
  const iso = now.toISOString();
  const rows = await db.transaction(async (tx) => {
    const subs = resultRows<{ id: number }>(
      await tx.execute(sql`
        select s.id from alert_subscriptions s
        where s.state = 'active'
          and (s.last_digest_on is null or s.last_digest_on < ${today}::date)
          and ((s.frequency = 'digest' and exists (select 1 from alert_deliveries d where d.subscription_id = s.id and ${claimable(iso, leaseMs)}))
            or s.id in (select d.subscription_id from alert_deliveries d where d.digest_on <= ${today}::date and ${claimable(iso, leaseMs)}))
        order by s.id limit ${limit}
        for update of s skip locked`),
    ).map((r) => Number(r.id));
    if (subs.length === 0) return [];
    return resultRows<ClaimRow>(
      await tx.execute(sql`
        update alert_deliveries d set state = 'sending', claimed_at = ${iso}::timestamptz, attempts = d.attempts + 1
        from alert_subscriptions s
        where s.id = d.subscription_id and d.subscription_id = any(${pgArray(subs)}::int[]) and ${claimable(iso, leaseMs)}
          and (s.frequency = 'digest' or d.digest_on <= ${today}::date)
        returning d.id, d.subscription_id, d.event_id, d.promise_event_id, d.attempts`),
    );
  });
  const out = new Map<number, Claimed[]>();
  for (const r of rows) {
    const c = claimedOf(r);
    out.set(c.subscriptionId, [...(out.get(c.subscriptionId) ?? []), c]);
  }
  return out;
}

async function markSent(db: Db, ids: number[], now: Date): Promise<void> {
  await db.execute(sql`update alert_deliveries set state = 'sent', sent_at = ${now.toISOString()}::timestamptz, last_error = null
    where id = any(${pgArray(ids)}::bigint[]) and state = 'sending'`);
}

/**
 * Marks each message sent as soon as its send resolves, folding the marks of messages that
 * resolve while a previous mark is being written into the next single UPDATE (one commit for
 * several messages instead of one each). A caller's promise settles when the write holding its
 * ids has committed; the sender waits for it before taking its next message, so what a crash
 * can repeat stays bounded by the messages in flight.
 */
export class SentMarker {
  private pending: number[] = [];
  private waiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly db: Db,
    private readonly now: Date,
  ) {}

  mark(ids: number[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push(...ids);
      this.waiters.push({ resolve, reject });
      if (!this.writing) this.flush();
    });
  }

  private flush(): void {
    const ids = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    this.writing = true;
    markSent(this.db, ids, this.now).then(
      () => this.settled(waiters, null),
      (err: unknown) => this.settled(waiters, err ?? new Error('mark failed')),
    );
  }

  private settled(waiters: { resolve: () => void; reject: (err: unknown) => void }[], err: unknown): void {
    this.writing = false;
    if (this.pending.length > 0) this.flush();
    for (const w of waiters) {
      if (err) w.reject(err);
      else w.resolve();
    }
  }
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
    where id = any(${pgArray(ids)}::bigint[]) and state = 'sending'`);
}

/** Claimed but not tried (the run stopped early): back to pending without counting an attempt. */
export async function release(db: Db, ids: number[], retryAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`update alert_deliveries set state = 'pending', claimed_at = null, attempts = greatest(attempts - 1, 0),
      next_attempt_at = ${retryAt.toISOString()}::timestamptz
    where id = any(${pgArray(ids)}::bigint[]) and state = 'sending'`);
}

const PAUSE_AFTER_PERMANENT_FAILURES = 3;

/**
 * Permanent failure (5xx): the deliveries fail for good; the subscription counts one failure and
 * is paused, with a reason, at the third. Its remaining pending deliveries are then cancelled.
 */
export async function markPermanent(db: Db, ids: number[], subscriptionId: number, now: Date, error: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`update alert_deliveries set state = 'failed', last_error = ${error.slice(0, 500)}
      where id = any(${pgArray(ids)}::bigint[]) and state = 'sending'`);
    const [row] = resultRows<{ paused: boolean }>(
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
  await db.execute(sql`update alert_deliveries set state = 'cancelled' where id = any(${pgArray(ids)}::bigint[]) and state = 'sending'`);
}
