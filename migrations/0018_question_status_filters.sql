-- Custom migration: question_status carries copies of what the question list filters on (0017):
-- topic_ids from topic_matches, parties and asker_ids from question_askers, ministries from
-- question_addressees. The database keeps them, so every writer (the derivation, a staff topic
-- edit or party correction, the texts job's topic lens, a topic's deletion by cascade) does so
-- without knowing they exist. The list filters and counts on question_status alone
-- (server/question-list/list-questions.ts).

-- What the copies of these sets are, from the tables they copy: one definition for the trigger
-- that fills a new status row and for the function that copies again. A single SELECT in SQL,
-- so PostgreSQL inlines it where it is called.
CREATE FUNCTION question_status_filters_of(ids uuid[])
  RETURNS TABLE (zaak_id uuid, topic_ids integer[], parties text[], asker_ids uuid[], ministries text[])
  LANGUAGE sql STABLE AS $$
  SELECT z.zaak_id,
    coalesce((SELECT array_agg(tm.topic_id ORDER BY tm.topic_id) FROM topic_matches tm WHERE tm.zaak_id = z.zaak_id), '{}'),
    coalesce((SELECT array_agg(DISTINCT qa.party ORDER BY qa.party) FROM question_askers qa WHERE qa.zaak_id = z.zaak_id AND qa.party IS NOT NULL), '{}'),
    coalesce((SELECT array_agg(DISTINCT qa.persoon_id ORDER BY qa.persoon_id) FROM question_askers qa WHERE qa.zaak_id = z.zaak_id AND qa.persoon_id IS NOT NULL), '{}'),
    coalesce((SELECT array_agg(DISTINCT ad.ministry ORDER BY ad.ministry) FROM question_addressees ad WHERE ad.zaak_id = z.zaak_id AND ad.ministry IS NOT NULL), '{}')
  FROM unnest(ids) AS z(zaak_id)
$$;
--> statement-breakpoint
-- The copies of these sets again; a row is written only when one changed.
CREATE FUNCTION question_status_copy_filters(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE question_status qs
     SET topic_ids = f.topic_ids, parties = f.parties, asker_ids = f.asker_ids, ministries = f.ministries
    FROM question_status_filters_of(ids) f
   WHERE qs.zaak_id = f.zaak_id
     AND (qs.topic_ids, qs.parties, qs.asker_ids, qs.ministries) IS DISTINCT FROM (f.topic_ids, f.parties, f.asker_ids, f.ministries)
$$;
--> statement-breakpoint
-- After any change to a copied table: its sets' copies again. Statement-level with transition
-- tables, so a derivation chunk of thousands of rows costs one UPDATE, not one per row.
--
-- The derivation rewrites askers, addressees and matches of thousands of sets per transaction by
-- delete and insert; it defers the copies (kamerwacht.defer_filter_copies, set local) and copies
-- each chunk once at its end (server/derivation/pending-sets.ts), instead of four times over.
CREATE FUNCTION question_status_filters_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kamerwacht.defer_filter_copies', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM question_status_copy_filters(ARRAY(SELECT DISTINCT zaak_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM question_status_copy_filters(ARRAY(SELECT DISTINCT zaak_id FROM old_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM question_status_copy_filters(ARRAY(SELECT zaak_id FROM old_rows UNION SELECT zaak_id FROM new_rows));
  ELSE -- TRUNCATE
    PERFORM question_status_copy_filters(ARRAY(SELECT zaak_id FROM question_status));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER question_status_filters_inserted AFTER INSERT ON topic_matches
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_deleted AFTER DELETE ON topic_matches
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_updated AFTER UPDATE ON topic_matches
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_truncated AFTER TRUNCATE ON topic_matches
  FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_inserted AFTER INSERT ON question_askers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_deleted AFTER DELETE ON question_askers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_updated AFTER UPDATE ON question_askers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_truncated AFTER TRUNCATE ON question_askers
  FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_inserted AFTER INSERT ON question_addressees
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_deleted AFTER DELETE ON question_addressees
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_updated AFTER UPDATE ON question_addressees
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
CREATE TRIGGER question_status_filters_truncated AFTER TRUNCATE ON question_addressees
  FOR EACH STATEMENT EXECUTE FUNCTION question_status_filters_changed();
--> statement-breakpoint
-- A status row written after what it copies (a set's first evaluation) takes the copies over.
CREATE FUNCTION question_status_fill_filters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kamerwacht.defer_filter_copies', true) = 'on' THEN
    RETURN NEW;
  END IF;
  SELECT f.topic_ids, f.parties, f.asker_ids, f.ministries INTO NEW.topic_ids, NEW.parties, NEW.asker_ids, NEW.ministries
    FROM question_status_filters_of(ARRAY[NEW.zaak_id]) f;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER question_status_filters_filled BEFORE INSERT ON question_status
  FOR EACH ROW EXECUTE FUNCTION question_status_fill_filters();
--> statement-breakpoint
-- The list reads question_status without joining zaken to filter on soort: a status row is kept
-- only for a zaak that is a written-question set (a deleted Zaak's row goes with it,
-- server/sync/entities.ts; a changed soort, server/derivation/pending-sets.ts). Rows left by
-- deletions before this migration go now.
DELETE FROM question_status qs
 WHERE NOT EXISTS (SELECT 1 FROM zaken z WHERE z.id = qs.zaak_id AND z.soort = 'Schriftelijke vragen');
--> statement-breakpoint
SELECT question_status_copy_filters(ARRAY(SELECT zaak_id FROM question_status));
