CREATE TABLE "agendapunten" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"activiteit_id" uuid,
	"nummer" text,
	"onderwerp" text,
	"aanvangstijd" timestamp with time zone,
	"eindtijd" timestamp with time zone,
	"volgorde" integer,
	"rubriek" text,
	"noot" text,
	"status" text
);
--> statement-breakpoint
CREATE TABLE "besluit_zaken" (
	"besluit_id" uuid NOT NULL,
	"zaak_id" uuid NOT NULL,
	CONSTRAINT "besluit_zaken_besluit_id_zaak_id_pk" PRIMARY KEY("besluit_id","zaak_id")
);
--> statement-breakpoint
CREATE TABLE "besluiten" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"agendapunt_id" uuid,
	"stemmings_soort" text,
	"besluit_soort" text,
	"besluit_tekst" text,
	"opmerking" text,
	"status" text,
	"agendapunt_zaak_besluit_volgorde" integer
);
--> statement-breakpoint
CREATE TABLE "toezegging_aanvullingen" (
	"toezegging_id" uuid NOT NULL,
	"eerdere_id" uuid NOT NULL,
	CONSTRAINT "toezegging_aanvullingen_toezegging_id_eerdere_id_pk" PRIMARY KEY("toezegging_id","eerdere_id")
);
--> statement-breakpoint
CREATE TABLE "toezegging_herhalingen" (
	"toezegging_id" uuid NOT NULL,
	"eerdere_id" uuid NOT NULL,
	CONSTRAINT "toezegging_herhalingen_toezegging_id_eerdere_id_pk" PRIMARY KEY("toezegging_id","eerdere_id")
);
--> statement-breakpoint
CREATE TABLE "toezegging_wijzigingen" (
	"toezegging_id" uuid NOT NULL,
	"eerdere_id" uuid NOT NULL,
	CONSTRAINT "toezegging_wijzigingen_toezegging_id_eerdere_id_pk" PRIMARY KEY("toezegging_id","eerdere_id")
);
--> statement-breakpoint
CREATE TABLE "toezeggingen" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"toegezegd_aan_fractie_id" uuid,
	"toegezegd_aan_persoon_id" uuid,
	"aanmaakdatum" timestamp with time zone,
	"nummer" text,
	"activiteit_id" uuid,
	"activiteit_nummer" text,
	"naam" text,
	"achternaam" text,
	"initialen" text,
	"tussenvoegsel" text,
	"voornaam" text,
	"achtervoegsel" text,
	"titulatuur" text,
	"functie" text,
	"status" text,
	"datum_nakoming" timestamp with time zone,
	"kamerbrief_nakoming" text,
	"ministerie" text,
	"tekst" text
);
--> statement-breakpoint
CREATE TABLE "promise_derivation_marks" (
	"source" text PRIMARY KEY NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"last_id" uuid
);
--> statement-breakpoint
CREATE TABLE "promise_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer,
	"ministry" text,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_topic_checks" (
	"topic_id" integer NOT NULL,
	"request_id" integer NOT NULL,
	"topic_version" integer NOT NULL,
	"request_updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_topic_checks_topic_id_request_id_pk" PRIMARY KEY("topic_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "request_topic_matches" (
	"topic_id" integer NOT NULL,
	"request_id" integer NOT NULL,
	"matched_terms" jsonb NOT NULL,
	"topic_version" integer NOT NULL,
	"matched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_topic_matches_topic_id_request_id_pk" PRIMARY KEY("topic_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "promise_alert_fanout" (
	"event_id" integer PRIMARY KEY NOT NULL,
	"fanned_out_at" timestamp with time zone NOT NULL,
	"deliveries" integer NOT NULL,
	"skipped_as_stale" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requests" DROP CONSTRAINT "requests_status_ck";--> statement-breakpoint
ALTER TABLE "requests" DROP CONSTRAINT "requests_kind_ck";--> statement-breakpoint
ALTER TABLE "requests" ALTER COLUMN "status" SET DEFAULT 'open';--> statement-breakpoint
ALTER TABLE "alert_deliveries" ALTER COLUMN "event_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "request_links" ADD COLUMN "origin" text;--> statement-breakpoint
ALTER TABLE "request_links" ADD COLUMN "reason" jsonb;--> statement-breakpoint
ALTER TABLE "request_links" ADD COLUMN "decided_by" text;--> statement-breakpoint
ALTER TABLE "request_links" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "source" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "source_version" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "source_removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "minister_name" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "minister_function" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "minister_post" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "minister_persoon_id" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "due_on" date;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "due_text" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "due_source" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "status_as_of" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "decided_status" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "decided_by" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "register_status" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "fulfilled_on" date;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "days_overdue" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "fulfilment_number" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "zaak_id" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "activiteit_id" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD COLUMN "promise_event_id" integer;--> statement-breakpoint
ALTER TABLE "promise_events" ADD CONSTRAINT "promise_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_topic_checks" ADD CONSTRAINT "request_topic_checks_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_topic_matches" ADD CONSTRAINT "request_topic_matches_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_topic_matches" ADD CONSTRAINT "request_topic_matches_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agendapunten_activiteit_idx" ON "agendapunten" USING btree ("activiteit_id");--> statement-breakpoint
CREATE INDEX "besluit_zaken_zaak_idx" ON "besluit_zaken" USING btree ("zaak_id");--> statement-breakpoint
CREATE INDEX "besluiten_agendapunt_idx" ON "besluiten" USING btree ("agendapunt_id");--> statement-breakpoint
CREATE INDEX "besluiten_feed_updated_idx" ON "besluiten" USING btree ("feed_updated_at","id");--> statement-breakpoint
CREATE INDEX "toezegging_aanvullingen_eerdere_idx" ON "toezegging_aanvullingen" USING btree ("eerdere_id");--> statement-breakpoint
CREATE INDEX "toezegging_herhalingen_eerdere_idx" ON "toezegging_herhalingen" USING btree ("eerdere_id");--> statement-breakpoint
CREATE INDEX "toezegging_wijzigingen_eerdere_idx" ON "toezegging_wijzigingen" USING btree ("eerdere_id");--> statement-breakpoint
CREATE INDEX "toezeggingen_nummer_idx" ON "toezeggingen" USING btree ("nummer");--> statement-breakpoint
CREATE UNIQUE INDEX "promise_events_dedupe_uq" ON "promise_events" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "promise_events_request_idx" ON "promise_events" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "promise_events_recorded_idx" ON "promise_events" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "request_topic_matches_request_idx" ON "request_topic_matches" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_addressees_ministry_idx" ON "request_addressees" USING btree ("ministry","request_id");--> statement-breakpoint
CREATE INDEX "request_links_state_idx" ON "request_links" USING btree ("state","request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_source_uq" ON "requests" USING btree ("source","source_id") WHERE "requests"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "requests_status_due_idx" ON "requests" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "requests_zaak_idx" ON "requests" USING btree ("zaak_id");--> statement-breakpoint
CREATE INDEX "requests_fulfilment_number_idx" ON "requests" USING btree ("fulfilment_number") WHERE "requests"."fulfilment_number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_sub_promise_event_uq" ON "alert_deliveries" USING btree ("subscription_id","promise_event_id");--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_source_ck" CHECK ("requests"."source" in ('staff', 'toezegging', 'besluit', 'answer'));--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_decided_ck" CHECK ("requests"."decided_status" in ('fulfilled', 'partly_fulfilled', 'declined', 'lapsed'));--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_kind_ck" CHECK ("requests"."kind" in ('briefing', 'letter', 'commitment', 'deferral'));--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_one_event_ck" CHECK (("alert_deliveries"."event_id" is null) <> ("alert_deliveries"."promise_event_id" is null));