CREATE TABLE "rate_limit_windows" (
	"route_key" text NOT NULL,
	"client_key" text NOT NULL,
	"count" integer NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limit_windows_route_key_client_key_pk" PRIMARY KEY("route_key","client_key")
);
--> statement-breakpoint
CREATE INDEX "rate_limit_windows_ends_idx" ON "rate_limit_windows" USING btree ("window_ends_at");