CREATE TABLE "sync_tombstones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"bijgewerkt" timestamp with time zone NOT NULL
);
