import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ownColumns } from './columns.ts';

/**
 * A topic lens: a curated list of Dutch terms (single words, compounds, phrases) plus contexts
 * that exclude a match. `version` goes up on every edit so matching can tell stale results.
 */
export const topics = pgTable('topics', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  terms: jsonb('terms').$type<string[]>().notNull(),
  excluded: jsonb('excluded').$type<string[]>().notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  version: integer('version').notNull().default(1),
  ...ownColumns(),
});

/** Why a zaak is on a topic: the terms that matched, recorded per match. */
export const topicMatches = pgTable(
  'topic_matches',
  {
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    zaakId: uuid('zaak_id').notNull(),
    matchedTerms: jsonb('matched_terms').$type<string[]>().notNull(),
    /** The passage of a question or answer text that matched, quoted under "Waarom staat dit hier?"; null when the title or subject did. */
    matchedPassage: jsonb('matched_passage').$type<{ text: string; questionNumber: string; source: 'question' | 'answer' } | null>(),
    topicVersion: integer('topic_version').notNull(),
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.zaakId] }), index('topic_matches_zaak_idx').on(t.zaakId)],
);
