// The promises ledger: everything the government owes the Kamer besides answers to written
// questions, tracked until what fulfils it. One row per promise, whatever its source:
// - `staff`: briefing and letter requests staff (and seeds) record by hand, because the feed
//   holds them only as text (the NSC request of August 2025);
// - `toezegging`: a minister's commitment in a debate, from the Kamer's register (SyncFeed
//   Toezegging, promise-sources.ts);
// - `besluit`: a committee decision to ask for a letter, a reaction or a briefing (SyncFeed
//   Besluit, detected from its text by server/promises/decision-detector.ts);
// - `answer`: an answer to written questions that defers the substance ("in een aparte brief"),
//   from question_texts (texts.ts).
// The status is materialized by the deadlines job as of its clock (server/promises/evaluate.ts),
// with `status_as_of`, like question_status.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ownColumns } from './columns.ts';
import { topics } from './topics.ts';

/** What was promised or asked: a briefing, a letter (or reaction), a debate commitment, a deferred answer. */
export const REQUEST_KINDS = ['briefing', 'letter', 'commitment', 'deferral'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const PROMISE_SOURCES = ['staff', 'toezegging', 'besluit', 'answer'] as const;
export type PromiseSource = (typeof PROMISE_SOURCES)[number];

/**
 * The evaluated status. `open`, `due_soon` and `overdue` follow the deadline; `scheduled` is a
 * confirmed briefing still to come; the rest are outcomes (from the register, a confirmed
 * fulfilling letter or activity, or a staff decision).
 */
export const REQUEST_STATUSES = ['open', 'due_soon', 'overdue', 'scheduled', 'fulfilled', 'partly_fulfilled', 'declined', 'lapsed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Outcomes staff can record by hand; they override everything the data says. */
export const DECIDED_STATUSES = ['fulfilled', 'partly_fulfilled', 'declined', 'lapsed'] as const;
export type DecidedStatus = (typeof DECIDED_STATUSES)[number];

/** The statuses of the Kamer's toezeggingen register (Toezegging.status). */
export const REGISTER_STATUSES = ['Openstaand', 'Voldaan', 'Deels Voldaan', 'Vervallen'] as const;

/** Where the deadline came from: the feed's own date, read from the wording, or set by staff. */
export type DueSource = 'feed' | 'text' | 'staff';

export const requests = pgTable(
  'requests',
  {
    id: serial('id').primaryKey(),
    /** Stable, human-readable key: permalink and the idempotency key of seeds. */
    slug: text('slug').notNull(),
    kind: text('kind').$type<RequestKind>().notNull(),
    source: text('source').$type<PromiseSource>().notNull().default('staff'),
    /** The source row: a Toezegging or Besluit GUID, `<zaakId>:<question number>` for a deferral; null for staff. */
    sourceId: text('source_id'),
    /** The source's version this row was derived from (its bijgewerkt, or the texts' update): unchanged sources are skipped. */
    sourceVersion: text('source_version'),
    /** The source row was deleted upstream (or no longer reads as a request): kept for its history, left out of lists. */
    sourceRemovedAt: timestamp('source_removed_at', { withTimezone: true }),
    /** The Toezegging's own number (TZ…); null for other sources. */
    number: text('number'),
    /** When it was made or asked (the debate's or meeting's date). */
    requestedOn: date('requested_on'),
    /** `month` when the source gives only the month (the NSC request of "August 2025"). */
    requestedOnPrecision: text('requested_on_precision').$type<'day' | 'month'>().notNull().default('day'),
    /** A committee that made the request, or before which the commitment was made (its abbreviation). */
    committee: text('committee'),
    subject: text('subject').notNull(),
    /** What was promised or asked, in full. */
    description: text('description').notNull().default(''),
    sourceText: text('source_text').notNull().default(''),
    sourceUrl: text('source_url'),
    /** Who owes it: the minister as the source names them, the post and the person when resolved. */
    ministerName: text('minister_name'),
    ministerFunction: text('minister_function'),
    ministerPost: text('minister_post'),
    /** Set only when the name matches exactly one person; never guessed. */
    ministerPersoonId: uuid('minister_persoon_id'),
    dueOn: date('due_on'),
    /** The deadline as written ("voor de zomer 2025"), when the source gives words. */
    dueText: text('due_text'),
    dueSource: text('due_source').$type<DueSource>(),
    /** The evaluated status as of `status_as_of` (server/promises/evaluate.ts). */
    status: text('status').$type<RequestStatus>().notNull().default('open'),
    statusAsOf: timestamp('status_as_of', { withTimezone: true }),
    /** A staff decision; it wins over the register and the links. */
    decidedStatus: text('decided_status').$type<DecidedStatus>(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The register's status of a Toezegging, shown beside Kamerwacht's own. */
    registerStatus: text('register_status'),
    /** The date of what fulfilled it, when known. */
    fulfilledOn: date('fulfilled_on'),
    daysOverdue: integer('days_overdue').notNull().default(0),
    /** The number of the fulfilling letter the register names (`kamerbriefNakoming`, a Document.nummer). */
    fulfilmentNumber: text('fulfilment_number'),
    /** The Zaak it belongs to: the question set of a deferral, the zaak a decision was taken on. */
    zaakId: uuid('zaak_id'),
    /** The debate a commitment was made in, or the meeting a decision was taken in. */
    activiteitId: uuid('activiteit_id'),
    /** Source-specific facts for the page (question numbers, the decision's agenda item, related commitments). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ...ownColumns(),
  },
  (t) => [
    uniqueIndex('requests_slug_uq').on(t.slug),
    uniqueIndex('requests_source_uq').on(t.source, t.sourceId).where(sql`${t.sourceId} is not null`),
    index('requests_requested_on_idx').on(t.requestedOn),
    index('requests_status_due_idx').on(t.status, t.dueOn),
    index('requests_zaak_idx').on(t.zaakId),
    index('requests_fulfilment_number_idx').on(t.fulfilmentNumber).where(sql`${t.fulfilmentNumber} is not null`),
    check('requests_kind_ck', sql`${t.kind} in ('briefing', 'letter', 'commitment', 'deferral')`),
    check('requests_source_ck', sql`${t.source} in ('staff', 'toezegging', 'besluit', 'answer')`),
    check('requests_decided_ck', sql`${t.decidedStatus} in ('fulfilled', 'partly_fulfilled', 'declined', 'lapsed')`),
    // Added after the backfill migration turned the old values (requested) into new ones.
    check(
      'requests_promise_status_ck',
      sql`${t.status} in ('open', 'due_soon', 'overdue', 'scheduled', 'fulfilled', 'partly_fulfilled', 'declined', 'lapsed')`,
    ),
  ],
);

/** Members who made the request or to whom a commitment was made, with their party as stated at the time. */
export const requestPersons = pgTable(
  'request_persons',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    party: text('party'),
    persoonId: uuid('persoon_id'),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.position] })],
);

/** Parties that made (`requester`) or supported (`supporter`) a request, or to which a commitment was made (`requester`). */
export const requestParties = pgTable(
  'request_parties',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    role: text('role').$type<'requester' | 'supporter'>().notNull(),
    party: text('party').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.role, t.party] }),
    check('request_parties_role_ck', sql`${t.role} in ('requester', 'supporter')`),
  ],
);

/** Ministries that owe it, by code (VWS, JenV, …). */
export const requestAddressees = pgTable(
  'request_addressees',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    ministry: text('ministry').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.ministry] }), index('request_addressees_ministry_idx').on(t.ministry, t.requestId)],
);

export const REQUEST_LINK_KINDS = ['activiteit', 'document', 'kamerstuk'] as const;
export type RequestLinkKind = (typeof REQUEST_LINK_KINDS)[number];

/** Who made a link: Kamerwacht's suggester, staff by hand, the register (kamerbriefNakoming), a seed. */
export type RequestLinkOrigin = 'suggestion' | 'staff' | 'register' | 'seed';

/**
 * What fulfils (or may fulfil) a request. `target` is the GUID of an activiteit or document, or
 * `<dossier>-<volgnummer>` for a Kamerstuk. Suggestions start as `suggested`; the row keeps the
 * suggestion (origin, reason) and the staff decision on it (state, decided_by, decided_at).
 */
export const requestLinks = pgTable(
  'request_links',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<RequestLinkKind>().notNull(),
    target: text('target').notNull(),
    title: text('title').notNull(),
    date: date('date'),
    state: text('state').$type<'suggested' | 'confirmed' | 'rejected'>().notNull(),
    /** Null for links made before origins were recorded. */
    origin: text('origin').$type<RequestLinkOrigin>(),
    /** Why it was suggested (shared terms, same zaak, same committee …). */
    reason: jsonb('reason').$type<Record<string, unknown>>(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    ...ownColumns(),
  },
  (t) => [
    uniqueIndex('request_links_target_uq').on(t.requestId, t.kind, t.target),
    index('request_links_state_idx').on(t.state, t.requestId),
    check('request_links_kind_ck', sql`${t.kind} in ('activiteit', 'document', 'kamerstuk')`),
    check('request_links_state_ck', sql`${t.state} in ('suggested', 'confirmed', 'rejected')`),
  ],
);

export const PROMISE_EVENT_KINDS = ['made', 'due_soon', 'overdue', 'fulfilled', 'partly_fulfilled', 'lapsed', 'declined', 'rappel'] as const;
export type PromiseEventKind = (typeof PROMISE_EVENT_KINDS)[number];

/**
 * The event log of promises, recorded once (dedupe key), like question_events: made, the
 * deadline transitions and outcomes the evaluation records, and the weekly per-ministry
 * `rappel` (the overdue list; `request_id` null, `ministry` set). Alerts fan these out in the
 * transaction that records them (server/alerts/promise-fanout.ts).
 */
export const promiseEvents = pgTable(
  'promise_events',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id').references(() => requests.id, { onDelete: 'cascade' }),
    /** The ministry of a `rappel`. */
    ministry: text('ministry'),
    kind: text('kind').$type<PromiseEventKind>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    source: text('source').$type<'deadlines' | 'sync' | 'staff'>().notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text('dedupe_key').notNull(),
  },
  (t) => [
    uniqueIndex('promise_events_dedupe_uq').on(t.dedupeKey),
    index('promise_events_request_idx').on(t.requestId),
    index('promise_events_recorded_idx').on(t.recordedAt),
  ],
);

/** Why a promise is on a topic (the topic lens reads its texts), as topic_matches does for question sets. */
export const requestTopicMatches = pgTable(
  'request_topic_matches',
  {
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    matchedTerms: jsonb('matched_terms').$type<string[]>().notNull(),
    topicVersion: integer('topic_version').notNull(),
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.requestId] }), index('request_topic_matches_request_idx').on(t.requestId)],
);

/** Which promise texts the topic lens has read, for which topic version and text version, match or not. */
export const requestTopicChecks = pgTable(
  'request_topic_checks',
  {
    topicId: integer('topic_id').notNull(),
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    topicVersion: integer('topic_version').notNull(),
    /** requests.updated_at when read: a changed text is read again. */
    requestUpdatedAt: timestamp('request_updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.requestId] })],
);

/**
 * How far the promise derivation has read each feed source (the entry stamp `feed_updated_at`
 * and id of the last row read), so a run reads only what changed since.
 */
export const promiseDerivationMarks = pgTable('promise_derivation_marks', {
  source: text('source').primaryKey(),
  feedUpdatedAt: timestamp('feed_updated_at', { withTimezone: true }),
  lastId: uuid('last_id'),
});
