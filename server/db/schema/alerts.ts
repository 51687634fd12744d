// Email alerts: subscriptions (double opt-in, consent record), the outbox of deliveries, and the
// fan-out marker for question events. Kept apart from question_events so the alerts work never
// edits the event log it reads.
import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Secrets generated on first start and shared by every instance through the database (cookie
 * signing, token derivation), so a deployment needs no configuration for them.
 */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const ALERT_FILTER_KINDS = ['topic', 'party', 'member', 'ministry', 'question', 'promise', 'keyword'] as const;
export type AlertFilterKind = (typeof ALERT_FILTER_KINDS)[number];

/**
 * Event choices a subscriber can make; each maps to one or more question event kinds, or (the
 * `promise_` ones) promise event kinds (server/alerts/promise-filters.ts).
 */
export const ALERT_EVENT_CHOICES = [
  'asked',
  'delay_notice',
  'due_soon',
  'overdue',
  'answered',
  'answered_late',
  'promise_made',
  'promise_due_soon',
  'promise_overdue',
  'promise_fulfilled',
  'promise_rappel',
] as const;
export type AlertEventChoice = (typeof ALERT_EVENT_CHOICES)[number];

export type SubscriptionState = 'pending' | 'active' | 'paused' | 'unsubscribed';
export type AlertFrequency = 'immediate' | 'digest';

/** What the subscriber saw and agreed to (AVG art. 7(1): consent must be demonstrable). */
export interface ConsentRecord {
  method: 'double opt-in';
  form: string;
  requestedAt: string;
  confirmedAt?: string;
  filterDescription: string;
  events: string[];
  frequency: AlertFrequency;
  text: string;
  textSha256: string;
}

export const alertSubscriptions = pgTable(
  'alert_subscriptions',
  {
    id: serial('id').primaryKey(),
    /** Needed to send; removed with the row on erasure or after the retention period. */
    email: text('email').notNull(),
    /** HMAC of the normalised address: per-address lookups and limits without scanning emails. */
    addressHash: text('address_hash').notNull(),
    filterKind: text('filter_kind').$type<AlertFilterKind>().notNull(),
    /** topic id, party abbreviation, persoon id, ministry code, zaak id, promise id, or (keyword) the tsquery of the search words. */
    filterValue: text('filter_value').notNull(),
    /** Human description kept with the row so mails and the manage page need no lookups. */
    filterLabel: text('filter_label').notNull(),
    events: jsonb('events').$type<AlertEventChoice[]>().notNull(),
    frequency: text('frequency').$type<AlertFrequency>().notNull(),
    state: text('state').$type<SubscriptionState>().notNull(),
    pauseReason: text('pause_reason'),
    /** sha256 of the single-use confirmation token; kept once used (a second click says so), null after unsubscribing. */
    confirmTokenHash: text('confirm_token_hash'),
    confirmExpiresAt: timestamp('confirm_expires_at', { withTimezone: true }),
    /** Random seed the manage token is derived from (HMAC with the app key); lets a mail be rendered at send time. */
    manageSeed: text('manage_seed').notNull(),
    /** sha256 of the manage token, the lookup key for /abonnement/<token>. */
    manageTokenHash: text('manage_token_hash').notNull(),
    permanentFailures: integer('permanent_failures').notNull().default(0),
    consent: jsonb('consent').$type<ConsentRecord>().notNull(),
    /** Last Europe/Amsterdam date a digest went out; one digest per day. */
    lastDigestOn: date('last_digest_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('alert_subscriptions_confirm_uq').on(t.confirmTokenHash),
    uniqueIndex('alert_subscriptions_manage_uq').on(t.manageTokenHash),
    index('alert_subscriptions_address_idx').on(t.addressHash),
    index('alert_subscriptions_filter_idx').on(t.filterKind, t.filterValue).where(sql`state = 'active'`),
    index('alert_subscriptions_state_idx').on(t.state, t.createdAt),
  ],
);

/** Mails requested per address (confirmation or "you are already subscribed"), for the per-address limit. */
export const alertAddressRequests = pgTable(
  'alert_address_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    addressHash: text('address_hash').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('alert_address_requests_idx').on(t.addressHash, t.requestedAt)],
);

/** Which question events have been turned into deliveries (the outbox marker). */
export const alertFanout = pgTable('alert_fanout', {
  eventId: integer('event_id').primaryKey(),
  fannedOutAt: timestamp('fanned_out_at', { withTimezone: true }).notNull(),
  /** Deliveries created; 0 for events past the cut-off or matching nobody. */
  deliveries: integer('deliveries').notNull(),
  skippedAsStale: integer('skipped_as_stale').notNull().default(0),
});

export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** Which promise events have been turned into deliveries (the outbox marker of promise_events). */
export const promiseAlertFanout = pgTable('promise_alert_fanout', {
  eventId: integer('event_id').primaryKey(),
  fannedOutAt: timestamp('fanned_out_at', { withTimezone: true }).notNull(),
  deliveries: integer('deliveries').notNull(),
  skippedAsStale: integer('skipped_as_stale').notNull().default(0),
});

/**
 * The outbox: one row per (subscription, event); the unique keys make a second alert impossible.
 * A delivery is of a question event (`event_id`) or of a promise event (`promise_event_id`),
 * never both.
 */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => alertSubscriptions.id, { onDelete: 'cascade' }),
    /** A question_events id; null for a promise event's delivery. */
    eventId: integer('event_id'),
    /** A promise_events id; null for a question event's delivery. */
    promiseEventId: integer('promise_event_id'),
    state: text('state').$type<DeliveryState>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** Set when claimed; a 'sending' row whose lease ran out belongs to a crashed sender and is claimable again. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    /**
     * Held for the digest of this Europe/Amsterdam date because the subscriber had their daily
     * cap of immediate alert mails; null for a delivery that is not held.
     */
    digestOn: date('digest_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('alert_deliveries_sub_event_uq').on(t.subscriptionId, t.eventId),
    uniqueIndex('alert_deliveries_sub_promise_event_uq').on(t.subscriptionId, t.promiseEventId),
    check('alert_deliveries_one_event_ck', sql`(${t.eventId} is null) <> (${t.promiseEventId} is null)`),
    index('alert_deliveries_due_idx').on(t.state, t.nextAttemptAt),
    // The retention clean-up (every alerts run) finds rows past 90 days without a scan.
    index('alert_deliveries_created_idx').on(t.createdAt),
    index('alert_deliveries_held_idx').on(t.digestOn).where(sql`digest_on is not null`),
  ],
);
