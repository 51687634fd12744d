CREATE INDEX "documents_feed_updated_idx" ON "documents" USING btree ("feed_updated_at");--> statement-breakpoint
CREATE INDEX "zaak_actors_feed_updated_idx" ON "zaak_actors" USING btree ("feed_updated_at");--> statement-breakpoint
CREATE INDEX "zaken_feed_updated_idx" ON "zaken" USING btree ("feed_updated_at");