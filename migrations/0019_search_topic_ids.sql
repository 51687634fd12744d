ALTER TABLE "question_search" ADD COLUMN "topic_ids" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
CREATE INDEX "question_search_topics_idx" ON "question_search" USING gin ("topic_ids") WITH (gin_pending_list_limit=256);--> statement-breakpoint
-- Custom: question_search carries a copy of each set's topics, as question_status does (0018), so
-- a word search within a topic finds its hits through this table's own GIN indexes
-- (server/question-list/list-questions.ts). The function every writer of topic_matches already
-- reaches (its triggers, the derivation's deferred copy) now keeps this copy too; a new index row
-- takes its topics when it is written (server/search/index-sets.ts).
CREATE OR REPLACE FUNCTION question_status_copy_filters(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  -- The sets' filters once, for both tables.
  WITH f AS MATERIALIZED (SELECT * FROM question_status_filters_of(ids)),
  status AS (
    UPDATE question_status qs
       SET topic_ids = f.topic_ids, parties = f.parties, asker_ids = f.asker_ids, ministries = f.ministries
      FROM f
     WHERE qs.zaak_id = f.zaak_id
       AND (qs.topic_ids, qs.parties, qs.asker_ids, qs.ministries) IS DISTINCT FROM (f.topic_ids, f.parties, f.asker_ids, f.ministries)
  )
  UPDATE question_search s
     SET topic_ids = f.topic_ids
    FROM f
   WHERE s.zaak_id = f.zaak_id
     AND s.topic_ids IS DISTINCT FROM f.topic_ids;
$$;
--> statement-breakpoint
UPDATE question_search s
   SET topic_ids = (SELECT array_agg(tm.topic_id ORDER BY tm.topic_id) FROM topic_matches tm WHERE tm.zaak_id = s.zaak_id)
 WHERE EXISTS (SELECT 1 FROM topic_matches tm WHERE tm.zaak_id = s.zaak_id);
