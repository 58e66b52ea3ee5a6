CREATE TABLE "registration_counts" (
	"summit_id" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "registration_counts_summit_id_mode_status_pk" PRIMARY KEY("summit_id","mode","status")
);
--> statement-breakpoint
ALTER TABLE "registration_counts" ADD CONSTRAINT "registration_counts_summit_id_summits_id_fk" FOREIGN KEY ("summit_id") REFERENCES "public"."summits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Kept by the database itself, so that no path that writes registrations (a member, the desk, an organiser, an
-- erasure, a summit's deletion) can leave the counts behind.
CREATE FUNCTION "registration_counts_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "registration_counts" SET "n" = "n" - 1
      WHERE "summit_id" = OLD."summit_id" AND "mode" = OLD."mode" AND "status" = OLD."status";
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO "registration_counts" ("summit_id", "mode", "status", "n") VALUES (NEW."summit_id", NEW."mode", NEW."status", 1)
      ON CONFLICT ("summit_id", "mode", "status") DO UPDATE SET "n" = "registration_counts"."n" + 1;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "registration_counts_insert_delete" AFTER INSERT OR DELETE ON "registrations"
  FOR EACH ROW EXECUTE FUNCTION "registration_counts_follow"();--> statement-breakpoint
CREATE TRIGGER "registration_counts_update" AFTER UPDATE OF "summit_id", "mode", "status" ON "registrations"
  FOR EACH ROW WHEN (OLD."summit_id" IS DISTINCT FROM NEW."summit_id" OR OLD."mode" IS DISTINCT FROM NEW."mode"
    OR OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "registration_counts_follow"();--> statement-breakpoint
INSERT INTO "registration_counts" ("summit_id", "mode", "status", "n")
  SELECT "summit_id", "mode", "status", count(*) FROM "registrations" GROUP BY "summit_id", "mode", "status";
