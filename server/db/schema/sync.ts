import { bigint, index, integer, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Where each SyncFeed category stands. `skiptoken` is stored exactly as the last applied entry's
 * `next` link gave it, in the same transaction as the rows that page produced.
 */
export const syncState = pgTable('sync_state', {
  category: text('category').primaryKey(),
  skiptoken: text('skiptoken'),
  entriesTotal: bigint('entries_total', { mode: 'number' }).notNull().default(0),
  pagesTotal: integer('pages_total').notNull().default(0),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  /** The last run that reached the head of this category without error. */
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
  lastError: text('last_error'),
});

/**
 * Deletions seen in the feed, by GUID. The row itself is gone; this remembers the deletion's
 * `bijgewerkt` so that an older version of the entity, re-emitted later (the feed re-emits
 * unchanged entities in bulk), cannot bring the row back.
 */
export const syncTombstones = pgTable('sync_tombstones', {
  id: uuid('id').primaryKey(),
  category: text('category').notNull(),
  bijgewerkt: timestamp('bijgewerkt', { withTimezone: true }).notNull(),
});

/**
 * Question sets a committed feed page changed and whose events, derived data (askers, addressees,
 * topic matches, status) and alert deliveries have not been produced yet. Written in the page's
 * transaction and deleted in the derivation's, so a process that dies in between leaves the work
 * here for the next run instead of losing it.
 */
export const syncPendingZaken = pgTable('sync_pending_zaken', {
  zaakId: uuid('zaak_id').primaryKey(),
  /** The job clock when a page first marked it: a row that stays old means the derivation keeps failing. */
  since: timestamp('since', { withTimezone: true }).notNull(),
});

/**
 * Feed entries set aside because they cannot be stored as they are (an id that is not a GUID, a
 * value PostgreSQL refuses): the rest of their page is applied and the category moves on. Each
 * sync run tries them again (server/sync/quarantine.ts), so a fix in the code lets them in;
 * `/health` counts them and staff see them at /staff/quarantaine.
 */
export const syncQuarantine = pgTable(
  'sync_quarantine',
  {
    id: serial('id').primaryKey(),
    category: text('category').notNull(),
    /** The entity's id as written (lower-cased); not necessarily a GUID, which may be the fault. */
    entityId: text('entity_id'),
    /** tk:bijgewerkt as normalised by the parser, when it had a valid one. */
    bijgewerkt: text('bijgewerkt'),
    /**
     * The entry as received, inside the feed element's start tag so that it parses on its own;
     * null when the feed no longer served it when the page was fetched again.
     */
    xml: text('xml'),
    /** SHA-256 of the category and the XML (or the id and reason without XML): one row per entry. */
    entryHash: text('entry_hash').notNull(),
    reason: text('reason').notNull(),
    /** The position of the page it came from. */
    skiptoken: text('skiptoken'),
    attempts: integer('attempts').notNull().default(1),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastTriedAt: timestamp('last_tried_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sync_quarantine_entry_uq').on(t.entryHash), index('sync_quarantine_category_idx').on(t.category)],
);
