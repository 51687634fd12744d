import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every mirrored SyncFeed entity has. */
export function upstreamColumns() {
  return {
    /** The Tweede Kamer GUID. */
    id: uuid('id').primaryKey(),
    /** `tk:bijgewerkt`: last change in the source system; an older one never overwrites a newer. */
    bijgewerkt: timestamp('bijgewerkt', { withTimezone: true }).notNull(),
    /** The entry's Atom `<updated>`: when the change became visible upstream. */
    feedUpdatedAt: timestamp('feed_updated_at', { withTimezone: true }),
  };
}

/** created/updated stamps for rows Kamerwacht itself owns. Set from the injected clock. */
export function ownColumns() {
  return {
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  };
}
