// Briefing and letter requests: what a committee or members asked of the government, tracked
// until the activity or letter that fulfils it. The feed often holds them only as text, so
// staff (and seeds) record them by hand.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, serial, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ownColumns } from './columns.ts';

export const REQUEST_KINDS = ['briefing', 'letter'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = ['requested', 'scheduled', 'fulfilled', 'declined', 'lapsed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const requests = pgTable(
  'requests',
  {
    id: serial('id').primaryKey(),
    /** Stable, human-readable key: permalink and the idempotency key of seeds. */
    slug: text('slug').notNull(),
    kind: text('kind').$type<RequestKind>().notNull(),
    requestedOn: date('requested_on'),
    /** `month` when the source gives only the month (the NSC request of "August 2025"). */
    requestedOnPrecision: text('requested_on_precision').$type<'day' | 'month'>().notNull().default('day'),
    /** A committee that made the request (its abbreviation), when it was not members alone. */
    committee: text('committee'),
    subject: text('subject').notNull(),
    description: text('description').notNull().default(''),
    sourceText: text('source_text').notNull().default(''),
    sourceUrl: text('source_url'),
    status: text('status').$type<RequestStatus>().notNull().default('requested'),
    ...ownColumns(),
  },
  (t) => [
    uniqueIndex('requests_slug_uq').on(t.slug),
    index('requests_requested_on_idx').on(t.requestedOn),
    check('requests_kind_ck', sql`${t.kind} in ('briefing', 'letter')`),
    check('requests_status_ck', sql`${t.status} in ('requested', 'scheduled', 'fulfilled', 'declined', 'lapsed')`),
  ],
);

/** Members who made the request, with their party as stated at the time. */
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

/** Parties that made (`requester`) or supported (`supporter`) a request. */
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

/** Ministries addressed, by code (VWS, JenV, …). */
export const requestAddressees = pgTable(
  'request_addressees',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    ministry: text('ministry').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.ministry] })],
);

export const REQUEST_LINK_KINDS = ['activiteit', 'document', 'kamerstuk'] as const;
export type RequestLinkKind = (typeof REQUEST_LINK_KINDS)[number];

/**
 * What fulfils (or may fulfil) a request. `target` is the GUID of an activiteit or document, or
 * `<dossier>-<volgnummer>` for a Kamerstuk. Suggestions from Kamerwacht start as `suggested`.
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
    ...ownColumns(),
  },
  (t) => [
    uniqueIndex('request_links_target_uq').on(t.requestId, t.kind, t.target),
    check('request_links_kind_ck', sql`${t.kind} in ('activiteit', 'document', 'kamerstuk')`),
    check('request_links_state_ck', sql`${t.state} in ('suggested', 'confirmed', 'rejected')`),
  ],
);
