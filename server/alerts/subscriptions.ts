// The subscription lifecycle: request (double opt-in), confirm, manage, unsubscribe, erase and
// the retention clean-up. No HTTP here; routes and the alerts job call these.
import { randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import {
  alertAddressRequests,
  alertDeliveries,
  alertSubscriptions,
  type AlertEventChoice,
  type AlertFrequency,
  type ConsentRecord,
} from '../db/schema/index.ts';
import { describeFilter, type Filter } from './filters.ts';
import type { AlertKeys } from './secrets.ts';
import { addressHash, deriveManageToken, digestsEqual, looksLikeToken, newToken, sha256Hex } from './tokens.ts';

export type Subscription = typeof alertSubscriptions.$inferSelect;

export const CONFIRM_VALID_DAYS = 7;
const UNCONFIRMED_KEEP_DAYS = 7;
/** The delivery log (who got which alert) is kept this long (server/README.md, "Retention"). */
export const DELIVERY_LOG_KEEP_DAYS = 90;
/** Confirmation or reminder mails per address per 24 h: the form cannot mail-bomb a third party. */
const MAILS_PER_ADDRESS_PER_DAY = 3;
const CONSENT_FORM = 'abonneren-v1';

/** The text shown next to the form; its hash goes into the consent record. */
export const CONSENT_TEXT =
  'Kamerwacht stuurt u e-mail over de Kamervragen die u hierboven kiest. Wij bewaren alleen uw e-mailadres, ' +
  'uw keuzes en wanneer u toestemming gaf. U kunt op elk moment pauzeren, afmelden of al uw gegevens wissen via de link in elke e-mail. ' +
  'Na afmelden wissen wij uw adres binnen 30 dagen. Wij gebruiken geen trackingpixels.';

const DAY = 86_400_000;

export interface SubscriptionChoice {
  email: string;
  filter: Filter;
  events: AlertEventChoice[];
  frequency: AlertFrequency;
}

/** What the subscribe request decided to mail; the route sends it (the answer page is the same either way). */
export type RequestOutcome =
  | { mail: 'confirm'; to: string; confirmToken: string; subscription: Subscription }
  | { mail: 'already'; to: string; manageToken: string; subscription: Subscription }
  | { mail: 'none' };

export function manageTokenOf(keys: AlertKeys, sub: Pick<Subscription, 'manageSeed'>): string {
  return deriveManageToken(keys.tokenKey, sub.manageSeed);
}

function newManage(keys: AlertKeys): { manageSeed: string; manageTokenHash: string } {
  const manageSeed = randomBytes(32).toString('base64url');
  return { manageSeed, manageTokenHash: sha256Hex(deriveManageToken(keys.tokenKey, manageSeed)) };
}

/**
 * Handles a subscribe form. A new address+filter gets a pending subscription and a confirmation
 * mail; a pending one a fresh token; an existing active one a mail with its manage link. Past
 * the per-address limit nothing is mailed. The caller shows the same page in every case.
 */
export async function requestSubscription(db: Db, keys: AlertKeys, choice: SubscriptionChoice, now: Date): Promise<RequestOutcome> {
  const hash = addressHash(keys.tokenKey, choice.email);
  return db.transaction(async (tx) => {
    // Serialises concurrent requests for one address so the limit holds under parallel posts.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`alerts:address:${hash}`}))`);
    const since = new Date(now.getTime() - DAY);
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(alertAddressRequests)
      .where(and(eq(alertAddressRequests.addressHash, hash), gte(alertAddressRequests.requestedAt, since)));
    if (Number(recent?.n ?? 0) >= MAILS_PER_ADDRESS_PER_DAY) return { mail: 'none' } as const;
    await tx.insert(alertAddressRequests).values({ addressHash: hash, requestedAt: now });

    const [existing] = await tx
      .select()
      .from(alertSubscriptions)
      .where(
        and(
          eq(alertSubscriptions.addressHash, hash),
          eq(alertSubscriptions.filterKind, choice.filter.kind),
          eq(alertSubscriptions.filterValue, choice.filter.value),
          inArray(alertSubscriptions.state, ['pending', 'active', 'paused']),
        ),
      )
      .limit(1);
    if (existing && existing.state !== 'pending') {
      return { mail: 'already', to: existing.email, manageToken: manageTokenOf(keys, existing), subscription: existing } as const;
    }
    const confirmToken = newToken();
    const consent: ConsentRecord = {
      method: 'double opt-in',
      form: CONSENT_FORM,
      requestedAt: now.toISOString(),
      filterDescription: describeFilter(choice.filter, choice.events, choice.frequency),
      events: choice.events,
      frequency: choice.frequency,
      text: CONSENT_TEXT,
      textSha256: sha256Hex(CONSENT_TEXT),
    };
    const values = {
      email: choice.email.trim(),
      events: choice.events,
      frequency: choice.frequency,
      filterLabel: choice.filter.label,
      confirmTokenHash: sha256Hex(confirmToken),
      confirmExpiresAt: new Date(now.getTime() + CONFIRM_VALID_DAYS * DAY),
      consent,
      updatedAt: now,
    };
    let subscription: Subscription | undefined;
    if (existing) {
      [subscription] = await tx.update(alertSubscriptions).set(values).where(eq(alertSubscriptions.id, existing.id)).returning();
    } else {
      [subscription] = await tx
        .insert(alertSubscriptions)
        .values({
          ...values,
          ...newManage(keys),
          addressHash: hash,
          filterKind: choice.filter.kind,
          filterValue: choice.filter.value,
          state: 'pending',
          createdAt: now,
        })
        .returning();
    }
    if (!subscription) throw new Error('subscription not stored');
    return { mail: 'confirm', to: subscription.email, confirmToken, subscription } as const;
  });
}

/** The pending subscription a confirmation token belongs to, if the token is valid and unexpired. */
export async function findByConfirmToken(db: Db | Tx, token: string, now: Date): Promise<Subscription | null> {
  if (!looksLikeToken(token)) return null;
  const hash = sha256Hex(token);
  const [sub] = await db.select().from(alertSubscriptions).where(eq(alertSubscriptions.confirmTokenHash, hash)).limit(1);
  if (!sub?.confirmTokenHash || !digestsEqual(sub.confirmTokenHash, hash)) return null;
  if (sub.state !== 'pending' || !sub.confirmExpiresAt || sub.confirmExpiresAt <= now) return null;
  return sub;
}

/** The active or paused subscription a confirmation link already confirmed, or null. */
export async function findConfirmedByToken(db: Db | Tx, token: string): Promise<Subscription | null> {
  if (!looksLikeToken(token)) return null;
  const hash = sha256Hex(token);
  const [sub] = await db.select().from(alertSubscriptions).where(eq(alertSubscriptions.confirmTokenHash, hash)).limit(1);
  if (!sub?.confirmTokenHash || !digestsEqual(sub.confirmTokenHash, hash)) return null;
  return sub.state === 'active' || sub.state === 'paused' ? sub : null;
}

/** Activates a subscription by its token; single use. Returns null for unknown, used or expired tokens. */
export async function confirmSubscription(db: Db, token: string, now: Date): Promise<Subscription | null> {
  return db.transaction(async (tx) => {
    const sub = await findByConfirmToken(tx, token, now);
    if (!sub) return null;
    const [done] = await tx
      .update(alertSubscriptions)
      .set({
        state: 'active',
        confirmedAt: now,
        // The used token's hash stays (single use is the state's job), so a second click can be
        // told the address is already confirmed instead of "invalid link".
        confirmExpiresAt: null,
        consent: { ...sub.consent, confirmedAt: now.toISOString() },
        updatedAt: now,
      })
      .where(and(eq(alertSubscriptions.id, sub.id), eq(alertSubscriptions.state, 'pending')))
      .returning();
    return done ?? null;
  });
}

/** The subscription behind a manage link (any state but deleted). */
export async function findByManageToken(db: Db | Tx, token: string): Promise<Subscription | null> {
  if (!looksLikeToken(token)) return null;
  const hash = sha256Hex(token);
  const [sub] = await db.select().from(alertSubscriptions).where(eq(alertSubscriptions.manageTokenHash, hash)).limit(1);
  if (!sub || !digestsEqual(sub.manageTokenHash, hash)) return null;
  return sub;
}

/** Pending deliveries of a subscription that stops mailing are cancelled, not kept for later. */
async function cancelPending(tx: Db | Tx, subscriptionId: number): Promise<void> {
  await tx
    .update(alertDeliveries)
    .set({ state: 'cancelled' })
    .where(and(eq(alertDeliveries.subscriptionId, subscriptionId), eq(alertDeliveries.state, 'pending')));
}

/** RFC 8058 one-click and the manage page's button. Idempotent; takes effect in this transaction. */
export async function unsubscribe(db: Db, token: string, now: Date): Promise<Subscription | null> {
  return db.transaction(async (tx) => {
    const sub = await findByManageToken(tx, token);
    if (!sub) return null;
    if (sub.state === 'unsubscribed') return sub;
    const [done] = await tx
      .update(alertSubscriptions)
      .set({ state: 'unsubscribed', unsubscribedAt: now, confirmTokenHash: null, updatedAt: now })
      .where(eq(alertSubscriptions.id, sub.id))
      .returning();
    await cancelPending(tx, sub.id);
    return done ?? null;
  });
}

export type ManageAction =
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'update'; events: AlertEventChoice[]; frequency: AlertFrequency };

export async function manageSubscription(db: Db, token: string, change: ManageAction, now: Date): Promise<Subscription | null> {
  return db.transaction(async (tx) => {
    const sub = await findByManageToken(tx, token);
    if (!sub || sub.state === 'pending' || sub.state === 'unsubscribed') return sub;
    let set: Partial<typeof alertSubscriptions.$inferInsert>;
    if (change.action === 'pause') {
      set = { state: 'paused', pauseReason: 'Gepauzeerd door uzelf.' };
      await cancelPending(tx, sub.id);
    } else if (change.action === 'resume') {
      // A resumed subscription starts afresh: mail problems that paused it are forgiven.
      set = { state: 'active', pauseReason: null, permanentFailures: 0 };
    } else {
      set = { events: change.events, frequency: change.frequency };
    }
    const [done] = await tx
      .update(alertSubscriptions)
      .set({ ...set, updatedAt: now })
      .where(eq(alertSubscriptions.id, sub.id))
      .returning();
    return done ?? null;
  });
}

/** "Delete all my data": every subscription of this address, their deliveries (cascade) and request log. */
export async function eraseAddress(db: Db, token: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const sub = await findByManageToken(tx, token);
    if (!sub) return false;
    await tx.delete(alertSubscriptions).where(eq(alertSubscriptions.addressHash, sub.addressHash));
    await tx.delete(alertAddressRequests).where(eq(alertAddressRequests.addressHash, sub.addressHash));
    return true;
  });
}

export interface CleanupResult {
  unconfirmed: number;
  unsubscribed: number;
  requests: number;
  deliveries: number;
}

/**
 * Retention: unconfirmed after 7 days, unsubscribed after the retention period, request log after
 * 24 h, delivery log after 90 days. A delivery still being sent is left to its sender; the event's
 * alert_fanout marker stays, so a deleted delivery is never made again.
 */
export async function cleanupSubscriptions(db: Db, now: Date, retentionDays: number): Promise<CleanupResult> {
  const unconfirmed = await db
    .delete(alertSubscriptions)
    .where(and(eq(alertSubscriptions.state, 'pending'), lt(alertSubscriptions.createdAt, new Date(now.getTime() - UNCONFIRMED_KEEP_DAYS * DAY))))
    .returning({ id: alertSubscriptions.id });
  const unsubscribed = await db
    .delete(alertSubscriptions)
    .where(and(eq(alertSubscriptions.state, 'unsubscribed'), lt(alertSubscriptions.unsubscribedAt, new Date(now.getTime() - retentionDays * DAY))))
    .returning({ id: alertSubscriptions.id });
  const requests = await db
    .delete(alertAddressRequests)
    .where(lt(alertAddressRequests.requestedAt, new Date(now.getTime() - DAY)))
    .returning({ id: alertAddressRequests.id });
  const deliveries = await db
    .delete(alertDeliveries)
    .where(and(lt(alertDeliveries.createdAt, new Date(now.getTime() - DELIVERY_LOG_KEEP_DAYS * DAY)), ne(alertDeliveries.state, 'sending')))
    .returning({ id: alertDeliveries.id });
  return { unconfirmed: unconfirmed.length, unsubscribed: unsubscribed.length, requests: requests.length, deliveries: deliveries.length };
}
