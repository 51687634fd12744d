DROP INDEX "question_status_submitted_idx";--> statement-breakpoint
ALTER TABLE "question_status" ADD COLUMN "topic_ids" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "question_status" ADD COLUMN "parties" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "question_status" ADD COLUMN "asker_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "question_status" ADD COLUMN "ministries" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "question_status_topics_idx" ON "question_status" USING gin ("topic_ids") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "question_status_parties_idx" ON "question_status" USING gin ("parties") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "question_status_askers_idx" ON "question_status" USING gin ("asker_ids") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "question_status_ministries_idx" ON "question_status" USING gin ("ministries") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "question_status_submitted_nummer_idx" ON "question_status" USING btree ("submitted_on" DESC NULLS FIRST,"nummer" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "question_status_applicable_due_idx" ON "question_status" USING btree ((coalesce(case when delay_notice_at is not null then extended_due_on end, due_on)),"nummer");--> statement-breakpoint
CREATE INDEX "question_status_overdue_idx" ON "question_status" USING btree ("days_overdue" DESC NULLS FIRST,"submitted_on" DESC NULLS FIRST,"nummer" DESC NULLS FIRST);