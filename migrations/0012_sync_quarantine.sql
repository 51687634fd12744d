CREATE TABLE "sync_quarantine" (
	"id" serial PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"entity_id" text,
	"bijgewerkt" text,
	"xml" text,
	"entry_hash" text NOT NULL,
	"reason" text NOT NULL,
	"skiptoken" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_tried_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sync_quarantine_entry_uq" ON "sync_quarantine" USING btree ("entry_hash");--> statement-breakpoint
CREATE INDEX "sync_quarantine_category_idx" ON "sync_quarantine" USING btree ("category");