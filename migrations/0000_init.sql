CREATE TABLE "commissies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"nummer" text,
	"soort" text,
	"afkorting" text,
	"naam_nl" text,
	"naam_en" text,
	"naam_web_nl" text,
	"datum_actief" date,
	"datum_inactief" date
);
--> statement-breakpoint
CREATE TABLE "fractie_zetel_personen" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"fractie_zetel_id" uuid,
	"persoon_id" uuid,
	"functie" text,
	"van" date,
	"tot_en_met" date
);
--> statement-breakpoint
CREATE TABLE "fractie_zetels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"fractie_id" uuid,
	"gewicht" integer
);
--> statement-breakpoint
CREATE TABLE "fracties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"nummer" integer,
	"afkorting" text,
	"naam_nl" text,
	"naam_en" text,
	"aantal_zetels" integer,
	"aantal_stemmen" integer,
	"datum_actief" date,
	"datum_inactief" date
);
--> statement-breakpoint
CREATE TABLE "kamerstukdossiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"nummer" integer,
	"toevoeging" text,
	"titel" text,
	"citeertitel" text,
	"alias" text,
	"hoogste_volgnummer" integer,
	"afgesloten" boolean,
	"kamer" text
);
--> statement-breakpoint
CREATE TABLE "personen" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"nummer" integer,
	"titels" text,
	"initialen" text,
	"tussenvoegsel" text,
	"achternaam" text,
	"voornamen" text,
	"roepnaam" text,
	"geslacht" text,
	"functie" text,
	"geboortedatum" date,
	"woonplaats" text,
	"fractielabel" text
);
--> statement-breakpoint
CREATE TABLE "activiteit_actors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"activiteit_id" uuid,
	"persoon_id" uuid,
	"fractie_id" uuid,
	"commissie_id" uuid,
	"actor_naam" text,
	"actor_fractie" text,
	"relatie" text,
	"volgorde" integer,
	"functie" text
);
--> statement-breakpoint
CREATE TABLE "activiteiten" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"soort" text,
	"nummer" text,
	"onderwerp" text,
	"datum_soort" text,
	"datum" timestamp with time zone,
	"aanvangstijd" timestamp with time zone,
	"eindtijd" timestamp with time zone,
	"locatie" text,
	"besloten" boolean,
	"status" text,
	"vergaderjaar" text,
	"kamer" text,
	"noot" text,
	"voortouwnaam" text,
	"voortouwafkorting" text,
	"voortouwkortenaam" text,
	"voortouwcommissie_id" uuid,
	"aanvraagdatum" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "document_activiteiten" (
	"document_id" uuid NOT NULL,
	"activiteit_id" uuid NOT NULL,
	CONSTRAINT "document_activiteiten_document_id_activiteit_id_pk" PRIMARY KEY("document_id","activiteit_id")
);
--> statement-breakpoint
CREATE TABLE "document_actors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"document_id" uuid,
	"persoon_id" uuid,
	"fractie_id" uuid,
	"commissie_id" uuid,
	"actor_naam" text,
	"actor_fractie" text,
	"functie" text,
	"relatie" text,
	"sid_actor" text
);
--> statement-breakpoint
CREATE TABLE "document_zaken" (
	"document_id" uuid NOT NULL,
	"zaak_id" uuid NOT NULL,
	CONSTRAINT "document_zaken_document_id_zaak_id_pk" PRIMARY KEY("document_id","zaak_id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"soort" text,
	"document_nummer" text,
	"titel" text,
	"onderwerp" text,
	"datum" timestamp with time zone,
	"volgnummer" integer,
	"vergaderjaar" text,
	"kamer" integer,
	"citeertitel" text,
	"alias" text,
	"datum_registratie" timestamp with time zone,
	"datum_ontvangst" timestamp with time zone,
	"aanhangselnummer" text,
	"kenmerk_afzender" text,
	"organisatie" text,
	"content_type" text,
	"content_length" integer,
	"kamerstukdossier_id" uuid,
	"huidige_document_versie_id" uuid
);
--> statement-breakpoint
CREATE TABLE "zaak_activiteiten" (
	"zaak_id" uuid NOT NULL,
	"activiteit_id" uuid NOT NULL,
	CONSTRAINT "zaak_activiteiten_zaak_id_activiteit_id_pk" PRIMARY KEY("zaak_id","activiteit_id")
);
--> statement-breakpoint
CREATE TABLE "zaak_actors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"zaak_id" uuid,
	"persoon_id" uuid,
	"fractie_id" uuid,
	"commissie_id" uuid,
	"actor_naam" text,
	"actor_fractie" text,
	"actor_afkorting" text,
	"functie" text,
	"relatie" text,
	"sid_actor" text
);
--> statement-breakpoint
CREATE TABLE "zaken" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL,
	"feed_updated_at" timestamp with time zone,
	"nummer" text,
	"soort" text,
	"titel" text,
	"onderwerp" text,
	"citeertitel" text,
	"alias" text,
	"gestart_op" timestamp with time zone,
	"organisatie" text,
	"grondslagvoorhang" text,
	"termijn" timestamp with time zone,
	"vergaderjaar" text,
	"volgnummer" integer,
	"status" text,
	"huidige_behandelstatus" text,
	"afgedaan" boolean,
	"groot_project" boolean,
	"kabinetsappreciatie" text,
	"kamerstukdossier_id" uuid
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"category" text PRIMARY KEY NOT NULL,
	"skiptoken" text,
	"entries_total" bigint DEFAULT 0 NOT NULL,
	"pages_total" integer DEFAULT 0 NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "topic_matches" (
	"topic_id" integer NOT NULL,
	"zaak_id" uuid NOT NULL,
	"matched_terms" jsonb NOT NULL,
	"topic_version" integer NOT NULL,
	"matched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "topic_matches_topic_id_zaak_id_pk" PRIMARY KEY("topic_id","zaak_id")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"terms" jsonb NOT NULL,
	"excluded" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "topics_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "request_addressees" (
	"request_id" integer NOT NULL,
	"ministry" text NOT NULL,
	CONSTRAINT "request_addressees_request_id_ministry_pk" PRIMARY KEY("request_id","ministry")
);
--> statement-breakpoint
CREATE TABLE "request_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"title" text NOT NULL,
	"date" date,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_links_kind_ck" CHECK ("request_links"."kind" in ('activiteit', 'document', 'kamerstuk')),
	CONSTRAINT "request_links_state_ck" CHECK ("request_links"."state" in ('suggested', 'confirmed', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "request_parties" (
	"request_id" integer NOT NULL,
	"role" text NOT NULL,
	"party" text NOT NULL,
	CONSTRAINT "request_parties_request_id_role_party_pk" PRIMARY KEY("request_id","role","party"),
	CONSTRAINT "request_parties_role_ck" CHECK ("request_parties"."role" in ('requester', 'supporter'))
);
--> statement-breakpoint
CREATE TABLE "request_persons" (
	"request_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"party" text,
	"persoon_id" uuid,
	CONSTRAINT "request_persons_request_id_position_pk" PRIMARY KEY("request_id","position")
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"requested_on" date,
	"requested_on_precision" text DEFAULT 'day' NOT NULL,
	"committee" text,
	"subject" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source_text" text DEFAULT '' NOT NULL,
	"source_url" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "requests_kind_ck" CHECK ("requests"."kind" in ('briefing', 'letter')),
	CONSTRAINT "requests_status_ck" CHECK ("requests"."status" in ('requested', 'scheduled', 'fulfilled', 'declined', 'lapsed'))
);
--> statement-breakpoint
ALTER TABLE "topic_matches" ADD CONSTRAINT "topic_matches_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_addressees" ADD CONSTRAINT "request_addressees_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_links" ADD CONSTRAINT "request_links_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_parties" ADD CONSTRAINT "request_parties_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_persons" ADD CONSTRAINT "request_persons_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commissies_afkorting_idx" ON "commissies" USING btree ("afkorting");--> statement-breakpoint
CREATE INDEX "fractie_zetel_personen_persoon_idx" ON "fractie_zetel_personen" USING btree ("persoon_id","van");--> statement-breakpoint
CREATE INDEX "fractie_zetel_personen_zetel_idx" ON "fractie_zetel_personen" USING btree ("fractie_zetel_id");--> statement-breakpoint
CREATE INDEX "fractie_zetels_fractie_idx" ON "fractie_zetels" USING btree ("fractie_id");--> statement-breakpoint
CREATE INDEX "fracties_afkorting_idx" ON "fracties" USING btree ("afkorting");--> statement-breakpoint
CREATE INDEX "kamerstukdossiers_nummer_idx" ON "kamerstukdossiers" USING btree ("nummer");--> statement-breakpoint
CREATE INDEX "personen_achternaam_idx" ON "personen" USING btree ("achternaam");--> statement-breakpoint
CREATE INDEX "activiteit_actors_activiteit_idx" ON "activiteit_actors" USING btree ("activiteit_id");--> statement-breakpoint
CREATE INDEX "activiteiten_soort_datum_idx" ON "activiteiten" USING btree ("soort","datum");--> statement-breakpoint
CREATE INDEX "document_activiteiten_activiteit_idx" ON "document_activiteiten" USING btree ("activiteit_id");--> statement-breakpoint
CREATE INDEX "document_actors_document_idx" ON "document_actors" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_zaken_zaak_idx" ON "document_zaken" USING btree ("zaak_id");--> statement-breakpoint
CREATE INDEX "documents_nummer_idx" ON "documents" USING btree ("document_nummer");--> statement-breakpoint
CREATE INDEX "documents_soort_datum_idx" ON "documents" USING btree ("soort","datum");--> statement-breakpoint
CREATE INDEX "documents_dossier_idx" ON "documents" USING btree ("kamerstukdossier_id","volgnummer");--> statement-breakpoint
CREATE INDEX "zaak_activiteiten_activiteit_idx" ON "zaak_activiteiten" USING btree ("activiteit_id");--> statement-breakpoint
CREATE INDEX "zaak_actors_zaak_idx" ON "zaak_actors" USING btree ("zaak_id");--> statement-breakpoint
CREATE INDEX "zaak_actors_persoon_idx" ON "zaak_actors" USING btree ("persoon_id");--> statement-breakpoint
CREATE INDEX "zaak_actors_fractie_idx" ON "zaak_actors" USING btree ("fractie_id");--> statement-breakpoint
CREATE INDEX "zaken_nummer_idx" ON "zaken" USING btree ("nummer");--> statement-breakpoint
CREATE INDEX "zaken_soort_gestart_idx" ON "zaken" USING btree ("soort","gestart_op");--> statement-breakpoint
CREATE INDEX "topic_matches_zaak_idx" ON "topic_matches" USING btree ("zaak_id");--> statement-breakpoint
CREATE UNIQUE INDEX "request_links_target_uq" ON "request_links" USING btree ("request_id","kind","target");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_slug_uq" ON "requests" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "requests_requested_on_idx" ON "requests" USING btree ("requested_on");