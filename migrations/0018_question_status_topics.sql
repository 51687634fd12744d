-- Custom migration: question_status.topic_ids (0017) is a copy of the set's topic_matches, kept
-- by the database itself so every writer (the derivation, a staff topic edit, the texts job's
-- topic lens, a topic's deletion by cascade) keeps it without knowing it exists. The question
-- list filters and counts on question_status alone (server/question-list/list-questions.ts).

-- After any change to topic_matches: the changed sets' topic_ids again, from topic_matches.
-- Statement-level with transition tables, so a derivation chunk of thousands of matches costs
-- one UPDATE, not one per row.
CREATE FUNCTION question_status_topics_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE question_status qs
       SET topic_ids = coalesce((SELECT array_agg(tm.topic_id ORDER BY tm.topic_id) FROM topic_matches tm WHERE tm.zaak_id = qs.zaak_id), '{}')
     WHERE qs.zaak_id IN (SELECT zaak_id FROM new_matches);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE question_status qs
       SET topic_ids = coalesce((SELECT array_agg(tm.topic_id ORDER BY tm.topic_id) FROM topic_matches tm WHERE tm.zaak_id = qs.zaak_id), '{}')
     WHERE qs.zaak_id IN (SELECT zaak_id FROM old_matches);
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE question_status qs
       SET topic_ids = coalesce((SELECT array_agg(tm.topic_id ORDER BY tm.topic_id) FROM topic_matches tm WHERE tm.zaak_id = qs.zaak_id), '{}')
     WHERE qs.zaak_id IN (SELECT zaak_id FROM old_matches UNION SELECT zaak_id FROM new_matches);
  ELSE -- TRUNCATE
    UPDATE question_status SET topic_ids = '{}' WHERE topic_ids <> '{}';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER topic_matches_inserted AFTER INSERT ON topic_matches
  REFERENCING NEW TABLE AS new_matches FOR EACH STATEMENT EXECUTE FUNCTION question_status_topics_refresh();
--> statement-breakpoint
CREATE TRIGGER topic_matches_deleted AFTER DELETE ON topic_matches
  REFERENCING OLD TABLE AS old_matches FOR EACH STATEMENT EXECUTE FUNCTION question_status_topics_refresh();
--> statement-breakpoint
CREATE TRIGGER topic_matches_updated AFTER UPDATE ON topic_matches
  REFERENCING OLD TABLE AS old_matches NEW TABLE AS new_matches FOR EACH STATEMENT EXECUTE FUNCTION question_status_topics_refresh();
--> statement-breakpoint
CREATE TRIGGER topic_matches_truncated AFTER TRUNCATE ON topic_matches
  FOR EACH STATEMENT EXECUTE FUNCTION question_status_topics_refresh();
--> statement-breakpoint
-- A status row written after its set's matches (a first evaluation) takes them over.
CREATE FUNCTION question_status_topics_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.topic_ids := coalesce((SELECT array_agg(tm.topic_id ORDER BY tm.topic_id) FROM topic_matches tm WHERE tm.zaak_id = NEW.zaak_id), '{}');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER question_status_topics_filled BEFORE INSERT ON question_status
  FOR EACH ROW EXECUTE FUNCTION question_status_topics_fill();
--> statement-breakpoint
UPDATE question_status qs
   SET topic_ids = m.ids
  FROM (SELECT zaak_id, array_agg(topic_id ORDER BY topic_id) AS ids FROM topic_matches GROUP BY zaak_id) m
 WHERE m.zaak_id = qs.zaak_id;
--> statement-breakpoint
-- The list reads question_status without joining zaken to filter on soort: a status row is kept
-- only for a zaak that is a written-question set (a deleted Zaak's row goes with it,
-- server/sync/entities.ts; a changed soort, server/derivation/pending-sets.ts). Rows left by
-- deletions before this migration go now.
DELETE FROM question_status qs
 WHERE NOT EXISTS (SELECT 1 FROM zaken z WHERE z.id = qs.zaak_id AND z.soort = 'Schriftelijke vragen');
