CREATE TABLE "question_search" (
	"zaak_id" uuid PRIMARY KEY NOT NULL,
	"vector" "tsvector" NOT NULL,
	"title_vector" "tsvector" NOT NULL,
	"indexed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "topic_matches" ADD COLUMN "matched_passage" jsonb;--> statement-breakpoint
CREATE INDEX "question_search_vector_idx" ON "question_search" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "question_search_title_vector_idx" ON "question_search" USING gin ("title_vector");