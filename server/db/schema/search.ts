// The search index of question sets: one row per set with a tsvector of stems of its title,
// subject, questions, answers and delay notice (server/search/). Written in the transaction that
// changes what it is built from (the derivation for titles and subjects, afterTextsChanged for
// texts), so a search never sees a set's new texts without its new index or the other way round.
import { sql } from 'drizzle-orm';
import { customType, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    /**
     * A copy of the set's topics (as question_status.topic_ids, kept by the same function,
     * migrations/0019_search_topic_ids.sql): a word search within a topic finds its hits through
     * this table's GIN index, without reading each candidate's big vector.
     */
    topicIds: integer('topic_ids').array().notNull().default(sql`'{}'::integer[]`),
    /**
     * Copies of question_status's submitted_on and nummer, the list's order, kept by triggers on
     * question_status (migrations/0020_search_order_keys.sql): a search whose hits are too few
     * to walk the date index sorts them here and joins the status rows of one page only.
     */
    submittedOn: date('submitted_on'),
    nummer: text('nummer'),
    /** When the row was written (the caller's clock). */
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One GIN index over both the topics and the words: a word search within a topic is then
    // decided in the index (both posting lists intersected in one scan), where two indexes left
    // PostgreSQL reading the topic's candidates and testing each one's big vector. A search over
    // all topics, or a topic alone, reads only its own column's entries.
    index('question_search_topic_vector_idx').using('gin', t.topicIds, t.vector),
    index('question_search_title_vector_idx').using('gin', t.titleVector),
  ],
);
