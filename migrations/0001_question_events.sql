CREATE TABLE "question_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"zaak_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"document_id" uuid,
	"source" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "question_events_dedupe_uq" ON "question_events" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "question_events_zaak_idx" ON "question_events" USING btree ("zaak_id");--> statement-breakpoint
CREATE INDEX "question_events_recorded_idx" ON "question_events" USING btree ("recorded_at");