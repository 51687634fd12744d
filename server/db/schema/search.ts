// The search index of question sets: one row per set with a tsvector of stems of its title,
// subject, questions, answers and delay notice (server/search/). Written in the transaction that
// changes what it is built from (the derivation for titles and subjects, afterTextsChanged for
// texts), so a search never sees a set's new texts without its new index or the other way round.
import { customType, index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => 'tsvector',
});

export const questionSearch = pgTable(
  'question_search',
  {
    zaakId: uuid('zaak_id').primaryKey(),
    /** Everything: title and subject (weight A), questions (B), answers and the delay notice (C). */
    vector: tsvector('vector').notNull(),
    /**
     * The title and subject alone: small enough to stay in the row, so ranking thousands of hits
     * never reads (detoasts) their big vectors. Hits in the title rank first, then the newest.
     */
    titleVector: tsvector('title_vector').notNull(),
    /** When the row was written (the caller's clock). */
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('question_search_vector_idx').using('gin', t.vector), index('question_search_title_vector_idx').using('gin', t.titleVector)],
);
