CREATE TABLE "document_texts" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"version_key" text NOT NULL,
	"state" text NOT NULL,
	"source" text,
	"publication_id" text,
	"content" jsonb,
	"reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"tried_at" timestamp with time zone,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "document_versies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"document_id" uuid,
	"status" text,
	"versienummer" integer,
	"bestandsgrootte" integer,
	"extensie" text,
	"datum" timestamp with time zone,
	"externeidentifier" text
);
--> statement-breakpoint
CREATE TABLE "question_text_sets" (
	"zaak_id" uuid PRIMARY KEY NOT NULL,
	"text_source" text,
	"delay_reason" text,
	"footnotes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_texts" (
	"zaak_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"number" text NOT NULL,
	"text" text NOT NULL,
	"answer_text" text,
	"answer_document_id" uuid,
	"answered_with" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"refers_to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deferred" boolean DEFAULT false NOT NULL,
	"deferral_text" text,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "question_texts_zaak_id_position_pk" PRIMARY KEY("zaak_id","position")
);
--> statement-breakpoint
CREATE INDEX "document_texts_due_idx" ON "document_texts" USING btree ("next_attempt_at") WHERE "document_texts"."next_attempt_at" is not null;--> statement-breakpoint
CREATE INDEX "document_versies_document_idx" ON "document_versies" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "question_texts_answer_document_idx" ON "question_texts" USING btree ("answer_document_id");