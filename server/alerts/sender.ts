// The sender: claim due deliveries, render, send, settle, with `concurrency` messages in flight
// over the transport's pooled connections. Each message is marked sent right after the server's
// 250 (marks that resolve together share one UPDATE, see SentMarker) and a worker takes its next
// message only once that mark has committed, so a crash can repeat at most the messages that
// were in flight (the concurrency, default MAIL_CONNECTIONS). 4xx and connection failures retry
// with back-off; 5xx fails the delivery for good and counts against the subscription. A
// connection failure ends the run: the next tick tries again, no retry storm. The parts of a
// mail that depend only on the event are rendered once per event per batch.
import type { FastifyBaseLogger } from 'fastify';
import { alertMailFrom, alertParts, digestOf, type AlertParts } from '../../views/mail/alert.ts';
import { promiseAlertParts } from '../../views/mail/promise-alert.ts';
import { amsterdamDateAndHour } from '../calendar.ts';
import type { Db } from '../db/client.ts';
import { alertSubscriptions } from '../db/schema/index.ts';
import { inArray } from 'drizzle-orm';
import { loadFacts } from './content.ts';
import { loadPromiseFacts } from './promise-content.ts';
import { describeFilter } from './filters.ts';
import { listHeaders, manageUrl, unsubscribeUrl } from './links.ts';
import { type Claimed, cancel, claimDigests, claimImmediate, DAILY_ALERT_CAP, DEFAULT_LEASE_MS, markPermanent, markRetry, release, backoffMs, SentMarker } from './outbox.ts';
import type { AlertKeys } from './secrets.ts';
import { manageTokenOf, type Subscription } from './subscriptions.ts';
import type { MailMessage, MailTransport } from './transport.ts';

export interface SenderDeps {
  db: Db;
  transport: MailTransport;
  keys: AlertKeys;
  publicUrl: string;
  /** The List-Unsubscribe mailto address (unsubscribeAddress()). */
  unsubscribeTo: string;
  log?: FastifyBaseLogger | undefined;
}

export interface SenderOptions {
  now: Date;
  batchSize?: number;
  /** Messages in flight at once (≤ the transport's connections). */
  concurrency?: number;
  leaseMs?: number;
  /** Stop claiming new batches after this many messages (a run's budget). */
  maxMessages?: number;
  /** Local hour (Europe/Amsterdam) after which the day's digest goes out. */
  digestHour?: number;
  /** Immediate alert mails per subscriber (address) per day; the rest waits for the digest. */
  dailyCap?: number;
}

export interface SenderResult {
  sent: number;
  retried: number;
  failed: number;
  paused: number;
  digests: number;
  /** True when a connection-level failure stopped the run early. */
  stoppedEarly: boolean;
}

type FailureClass = 'permanent' | 'temporary' | 'connection';

/** SMTP reply classes (RFC 5321): 5yz permanent, 4yz transient; no reply at all is a connection problem. */
function classify(err: unknown): FailureClass {
  const code = Number((err as { responseCode?: number }).responseCode);
  if (code >= 500 && code < 600) return 'permanent';
  if (code >= 400 && code < 500) return 'temporary';
  return 'connection';
}

const errText = (err: unknown) => {
  const e = err as { responseCode?: number; code?: string; message?: string };
  return [e.responseCode, e.code, e.message].filter(Boolean).join(' ');
};

async function loadSubscriptions(db: Db, ids: number[]): Promise<Map<number, Subscription>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(alertSubscriptions).where(inArray(alertSubscriptions.id, [...new Set(ids)]));
  return new Map(rows.map((s) => [s.id, s]));
}

function describe(sub: Subscription): string {
  return describeFilter({ kind: sub.filterKind, value: sub.filterValue, label: sub.filterLabel }, sub.events, sub.frequency);
}

/** Manage links and list headers of one subscription (one HMAC for both). */
function perSubscriber(deps: SenderDeps, sub: Subscription) {
  const token = manageTokenOf(deps.keys, sub);
  return {
    links: { manageUrl: manageUrl(deps.publicUrl, token), unsubscribeUrl: unsubscribeUrl(deps.publicUrl, token) },
    headers: listHeaders(deps.publicUrl, deps.unsubscribeTo, token),
  };
}

function message(deps: SenderDeps, sub: Subscription, headers: Record<string, string>, content: { subject: string; text: string; html: string }, messageKey: string): MailMessage {
  return { to: sub.email, ...content, messageId: `<${messageKey}@${new URL(deps.publicUrl).hostname}>`, headers };
}

/**
 * The rendered parts of the claimed deliveries' events, question and promise events alike,
 * rendered once per event: a lookup by delivery, undefined when the event is gone.
 */
async function renderEvents(deps: SenderDeps, claimed: Claimed[], now: Date): Promise<(c: Claimed) => (AlertParts & { occurredAt: Date }) | undefined> {
  const questionIds = [...new Set(claimed.flatMap((c) => (c.eventId === null ? [] : [c.eventId])))];
  const promiseIds = [...new Set(claimed.flatMap((c) => (c.promiseEventId === null ? [] : [c.promiseEventId])))];
  const [facts, promiseFacts] = await Promise.all([loadFacts(deps.db, questionIds), loadPromiseFacts(deps.db, promiseIds)]);
  const rendered = new Map<string, AlertParts & { occurredAt: Date }>();
  return (c) => {
    const key = c.promiseEventId !== null ? `p${c.promiseEventId}` : `q${c.eventId}`;
    let parts = rendered.get(key);
    if (!parts) {
      const q = c.eventId !== null ? facts.get(c.eventId) : undefined;
      const p = c.promiseEventId !== null ? promiseFacts.get(c.promiseEventId) : undefined;
      if (q) parts = { ...alertParts(q, deps.publicUrl, now), occurredAt: q.occurredAt };
      else if (p) parts = { ...promiseAlertParts(p, deps.publicUrl), occurredAt: p.occurredAt };
      else return undefined;
      rendered.set(key, parts);
    }
    return parts;
  };
}

/** Sends one unit (an alert or a digest) and settles its deliveries. Returns how it went. */
async function sendUnit(deps: SenderDeps, marker: SentMarker, sub: Subscription, claimed: Claimed[], msg: MailMessage, now: Date, result: SenderResult): Promise<FailureClass | 'sent'> {
  const ids = claimed.map((c) => c.id);
  const attempts = Math.max(...claimed.map((c) => c.attempts));
  try {
    await deps.transport.send(msg);
  } catch (err) {
    const kind = classify(err);
    deps.log?.warn({ deliveries: ids, subscription: sub.id, kind, error: errText(err) }, 'alert mail not accepted');
    if (kind === 'permanent') {
      result.failed += ids.length;
      if (await markPermanent(deps.db, ids, sub.id, now, errText(err))) result.paused++;
    } else {
      result.retried += ids.length;
      await markRetry(deps.db, ids, attempts, now, errText(err));
    }
    return kind;
  }
  await marker.mark(ids);
  result.sent += ids.length;
  return 'sent';
}

export async function runSender(deps: SenderDeps, options: SenderOptions): Promise<SenderResult> {
  const { now } = options;
  const batchSize = options.batchSize ?? 100;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxMessages = options.maxMessages ?? 10_000;
  const result: SenderResult = { sent: 0, retried: 0, failed: 0, paused: 0, digests: 0, stoppedEarly: false };
  let handled = 0;

  const marker = new SentMarker(deps.db, now);

  while (!result.stoppedEarly && handled < maxMessages) {
    const batch = await claimImmediate(deps.db, now, Math.min(batchSize, maxMessages - handled), leaseMs, options.dailyCap ?? DAILY_ALERT_CAP);
    if (batch.length === 0) break;
    handled += batch.length;
    const [subs, partsOf] = await Promise.all([loadSubscriptions(deps.db, batch.map((c) => c.subscriptionId)), renderEvents(deps, batch, now)]);
    let next = 0;
    const untried = new Set(batch.map((c) => c.id));
    const worker = async () => {
      while (!result.stoppedEarly && next < batch.length) {
        const c = batch[next++]!;
        untried.delete(c.id);
        const sub = subs.get(c.subscriptionId);
        const f = partsOf(c);
        if (!sub || !f) {
          // Subscription erased or event gone between claim and send: nothing to say.
          await cancel(deps.db, [c.id]);
          continue;
        }
        const { links, headers } = perSubscriber(deps, sub);
        const content = alertMailFrom(f, links, describe(sub));
        const outcome = await sendUnit(deps, marker, sub, [c], message(deps, sub, headers, content, `alert-${c.id}`), now, result);
        if (outcome === 'connection') result.stoppedEarly = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
    // Rows claimed in this batch but never tried go back, due when a failed one is retried.
    await release(deps.db, [...untried], new Date(now.getTime() + backoffMs(1)));
  }

  if (!result.stoppedEarly) await sendDigests(deps, marker, options, result, leaseMs);
  return result;
}

/** One mail per subscriber per day with everything that happened since their last digest. */
async function sendDigests(deps: SenderDeps, marker: SentMarker, options: SenderOptions, result: SenderResult, leaseMs: number): Promise<void> {
  const { now } = options;
  const local = amsterdamDateAndHour(now);
  if (local.hour < (options.digestHour ?? 7)) return;
  for (;;) {
    const groups = await claimDigests(deps.db, now, local.date, 50, leaseMs);
    if (groups.size === 0) return;
    const all = [...groups.values()].flat();
    const [subs, partsOf] = await Promise.all([loadSubscriptions(deps.db, [...groups.keys()]), renderEvents(deps, all, now)]);
    const ordered = [...groups.entries()].sort((a, b) => a[0] - b[0]);
    for (const [index, [subId, claimed]] of ordered.entries()) {
      const sub = subs.get(subId);
      const items = claimed
        .map(partsOf)
        .filter((f): f is AlertParts & { occurredAt: Date } => f !== undefined)
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
      if (!sub || items.length === 0) {
        await cancel(deps.db, claimed.map((c) => c.id));
        continue;
      }
      const { links, headers } = perSubscriber(deps, sub);
      const content = digestOf(items, links, describe(sub), now);
      const key = `digest-${sub.id}-${local.date}-${Math.min(...claimed.map((c) => c.id))}`;
      const outcome = await sendUnit(deps, marker, sub, claimed, message(deps, sub, headers, content, key), now, result);
      if (outcome === 'sent') {
        result.digests++;
        await deps.db.update(alertSubscriptions).set({ lastDigestOn: local.date }).where(inArray(alertSubscriptions.id, [sub.id]));
      }
      if (outcome === 'connection') {
        result.stoppedEarly = true;
        const rest = ordered.slice(index + 1).flatMap(([, cs]) => cs.map((c) => c.id));
        await release(deps.db, rest, new Date(now.getTime() + backoffMs(1)));
        return;
      }
    }
  }
}
