DROP INDEX "schedule_versions_summit_idx";--> statement-breakpoint
CREATE INDEX "schedule_versions_latest_idx" ON "schedule_versions" USING btree ("summit_id","number","id","published_at");