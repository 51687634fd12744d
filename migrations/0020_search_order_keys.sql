ALTER TABLE "question_search" ADD COLUMN "submitted_on" date;--> statement-breakpoint
ALTER TABLE "question_search" ADD COLUMN "nummer" text;--> statement-breakpoint
-- Custom: question_search carries a copy of the list's order (question_status.submitted_on and
-- nummer), so a word search with a few thousand hits sorts them on this table alone and joins
-- the status rows of one page (server/question-list/list-questions.ts). A new index row takes
-- them when it is written (server/search/index-sets.ts); these triggers carry later changes, and
-- the order of a status row written after its index row. An insert is copied per statement (a
-- derivation chunk inserts thousands of rows at once); an update per row, and only when the order
-- changed, which is rare: a transition table cannot be limited to the columns that changed.
CREATE FUNCTION question_search_copy_order_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE question_search s SET submitted_on = n.submitted_on, nummer = n.nummer
    FROM new_rows n
   WHERE s.zaak_id = n.zaak_id AND (s.submitted_on, s.nummer) IS DISTINCT FROM (n.submitted_on, n.nummer);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER question_search_order_inserted AFTER INSERT ON question_status
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION question_search_copy_order_inserted();
--> statement-breakpoint
CREATE FUNCTION question_search_copy_order_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE question_search SET submitted_on = NEW.submitted_on, nummer = NEW.nummer WHERE zaak_id = NEW.zaak_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER question_search_order_updated AFTER UPDATE OF submitted_on, nummer ON question_status
  FOR EACH ROW WHEN (OLD.submitted_on IS DISTINCT FROM NEW.submitted_on OR OLD.nummer IS DISTINCT FROM NEW.nummer)
  EXECUTE FUNCTION question_search_copy_order_updated();
--> statement-breakpoint
UPDATE question_search s SET submitted_on = q.submitted_on, nummer = q.nummer
  FROM question_status q
 WHERE q.zaak_id = s.zaak_id;
