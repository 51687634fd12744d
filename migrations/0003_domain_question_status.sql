CREATE TABLE "addressee_functions" (
	"functie" text PRIMARY KEY NOT NULL,
	"post" text,
	"ministry" text
);
--> statement-breakpoint
CREATE TABLE "question_addressees" (
	"zaak_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"persoon_id" uuid,
	"name" text,
	"functie" text,
	"post" text,
	"ministry" text,
	CONSTRAINT "question_addressees_zaak_id_actor_id_pk" PRIMARY KEY("zaak_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "question_askers" (
	"zaak_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"persoon_id" uuid,
	"name" text,
	"role" text NOT NULL,
	"party" text,
	"fractie_id" uuid,
	"party_source" text,
	CONSTRAINT "question_askers_zaak_id_actor_id_pk" PRIMARY KEY("zaak_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "question_letter_answers" (
	"zaak_id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid,
	"answered_at" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"marked_by" text NOT NULL,
	"marked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_status" (
	"zaak_id" uuid PRIMARY KEY NOT NULL,
	"nummer" text,
	"submitted_on" date,
	"due_on" date,
	"extended_due_on" date,
	"question_document_id" uuid,
	"delay_notice_at" timestamp with time zone,
	"delay_notice_document_id" uuid,
	"answered_at" timestamp with time zone,
	"answered_on" date,
	"answer_document_id" uuid,
	"answered_late" boolean,
	"answered_by_letter" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawal_document_id" uuid,
	"status" text NOT NULL,
	"status_as_of" timestamp with time zone NOT NULL,
	"days_open" integer,
	"days_overdue" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zaak_topic_checks" (
	"zaak_id" uuid NOT NULL,
	"topic_id" integer NOT NULL,
	"topic_version" integer NOT NULL,
	"zaak_bijgewerkt" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "zaak_topic_checks_topic_id_zaak_id_pk" PRIMARY KEY("topic_id","zaak_id")
);
--> statement-breakpoint
CREATE TABLE "party_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"persoon_id" uuid NOT NULL,
	"van" date NOT NULL,
	"tot_en_met" date,
	"party" text,
	"fractie_id" uuid,
	"reason" text NOT NULL,
	"source" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX "question_addressees_ministry_idx" ON "question_addressees" USING btree ("ministry","zaak_id");--> statement-breakpoint
CREATE INDEX "question_addressees_person_idx" ON "question_addressees" USING btree ("name","post","ministry");--> statement-breakpoint
CREATE INDEX "question_askers_party_idx" ON "question_askers" USING btree ("party","zaak_id");--> statement-breakpoint
CREATE INDEX "question_askers_persoon_idx" ON "question_askers" USING btree ("persoon_id","zaak_id");--> statement-breakpoint
CREATE INDEX "question_status_status_due_idx" ON "question_status" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "question_status_due_idx" ON "question_status" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "question_status_submitted_idx" ON "question_status" USING btree ("submitted_on");--> statement-breakpoint
CREATE INDEX "question_status_nummer_idx" ON "question_status" USING btree ("nummer");--> statement-breakpoint
CREATE UNIQUE INDEX "party_corrections_person_van_uq" ON "party_corrections" USING btree ("persoon_id","van");--> statement-breakpoint
CREATE INDEX "party_corrections_persoon_idx" ON "party_corrections" USING btree ("persoon_id");