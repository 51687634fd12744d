-- Custom migration (data, not schema): the briefing and letter requests become promises.
-- Before this, `status` mixed what links derived (requested, scheduled, fulfilled) with staff
-- decisions (declined, lapsed, or fulfilled set by hand). Now the decisions live in
-- `decided_status` and `status` is evaluated (server/promises/evaluate.ts, run by the deadlines
-- job and on every staff action), so:
-- - declined and lapsed were staff decisions: kept as decisions;
-- - fulfilled without a confirmed link was set by hand: kept as a decision; with one, the
--   evaluation derives it again from the link;
-- - requested becomes open; scheduled without a confirmed link (set by hand) becomes open too,
--   since a schedule with nothing behind it is not a decision the ledger keeps.
-- The status check is added by the next (generated) migration, once no row holds an old value.
UPDATE "requests" SET "decided_status" = "status", "decided_at" = "updated_at"
 WHERE "status" IN ('declined', 'lapsed');
--> statement-breakpoint
UPDATE "requests" r SET "decided_status" = 'fulfilled', "decided_at" = r."updated_at"
 WHERE r."status" = 'fulfilled'
   AND NOT EXISTS (SELECT 1 FROM "request_links" l WHERE l."request_id" = r."id" AND l."state" = 'confirmed');
--> statement-breakpoint
UPDATE "requests" SET "status" = 'open' WHERE "status" = 'requested';
--> statement-breakpoint
UPDATE "requests" r SET "status" = 'open'
 WHERE r."status" = 'scheduled'
   AND NOT EXISTS (SELECT 1 FROM "request_links" l WHERE l."request_id" = r."id" AND l."state" = 'confirmed');
--> statement-breakpoint
-- Rows the suggester made (staff links are confirmed at once; seeds' too).
UPDATE "request_links" SET "origin" = 'suggestion' WHERE "state" IN ('suggested', 'rejected');
