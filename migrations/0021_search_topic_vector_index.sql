-- One GIN index over a set's topics and its words (server/db/schema/search.ts): a word search
-- within a topic is decided in the index, both posting lists intersected in one scan, where the
-- two single-column indexes left PostgreSQL testing each of the topic's candidates against its
-- big vector (server/question-list/list-questions.ts).
DROP INDEX "question_search_vector_idx";--> statement-breakpoint
DROP INDEX "question_search_topics_idx";--> statement-breakpoint
CREATE INDEX "question_search_topic_vector_idx" ON "question_search" USING gin ("topic_ids","vector");
