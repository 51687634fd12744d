DROP INDEX "question_status_submitted_idx";--> statement-breakpoint
ALTER TABLE "question_status" ADD COLUMN "topic_ids" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
CREATE INDEX "question_status_topics_idx" ON "question_status" USING gin ("topic_ids");--> statement-breakpoint
CREATE INDEX "question_status_submitted_nummer_idx" ON "question_status" USING btree ("submitted_on" DESC NULLS FIRST,"nummer" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "question_status_applicable_due_idx" ON "question_status" USING btree ((coalesce(case when delay_notice_at is not null then extended_due_on end, due_on)),"nummer");--> statement-breakpoint
CREATE INDEX "question_status_overdue_idx" ON "question_status" USING btree ("days_overdue" DESC NULLS FIRST,"submitted_on" DESC NULLS FIRST,"nummer" DESC NULLS FIRST);