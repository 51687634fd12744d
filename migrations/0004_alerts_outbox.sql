CREATE TABLE "alert_address_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"address_hash" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subscription_id" integer NOT NULL,
	"event_id" integer NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_fanout" (
	"event_id" integer PRIMARY KEY NOT NULL,
	"fanned_out_at" timestamp with time zone NOT NULL,
	"deliveries" integer NOT NULL,
	"skipped_as_stale" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_subscriptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"address_hash" text NOT NULL,
	"filter_kind" text NOT NULL,
	"filter_value" text NOT NULL,
	"filter_label" text NOT NULL,
	"events" jsonb NOT NULL,
	"frequency" text NOT NULL,
	"state" text NOT NULL,
	"pause_reason" text,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"manage_seed" text NOT NULL,
	"manage_token_hash" text NOT NULL,
	"permanent_failures" integer DEFAULT 0 NOT NULL,
	"consent" jsonb NOT NULL,
	"last_digest_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_subscription_id_alert_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."alert_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_address_requests_idx" ON "alert_address_requests" USING btree ("address_hash","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_sub_event_uq" ON "alert_deliveries" USING btree ("subscription_id","event_id");--> statement-breakpoint
CREATE INDEX "alert_deliveries_due_idx" ON "alert_deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_subscriptions_confirm_uq" ON "alert_subscriptions" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_subscriptions_manage_uq" ON "alert_subscriptions" USING btree ("manage_token_hash");--> statement-breakpoint
CREATE INDEX "alert_subscriptions_address_idx" ON "alert_subscriptions" USING btree ("address_hash");--> statement-breakpoint
CREATE INDEX "alert_subscriptions_filter_idx" ON "alert_subscriptions" USING btree ("filter_kind","filter_value") WHERE state = 'active';--> statement-breakpoint
CREATE INDEX "alert_subscriptions_state_idx" ON "alert_subscriptions" USING btree ("state","created_at");