CREATE TABLE "initiative_versions" (
	"initiative_id" integer NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"edited_by" integer NOT NULL,
	"created_at" text NOT NULL,
	CONSTRAINT "initiative_versions_initiative_id_version_pk" PRIMARY KEY("initiative_id","version")
);
--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "stances" ADD COLUMN "condition" text;--> statement-breakpoint
ALTER TABLE "stances" ADD COLUMN "ad_referendum" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stances" ADD COLUMN "confirm_by" text;--> statement-breakpoint
ALTER TABLE "stances" ADD COLUMN "chair_note" text;--> statement-breakpoint
ALTER TABLE "stances" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative_versions" ADD CONSTRAINT "initiative_versions_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_versions" ADD CONSTRAINT "initiative_versions_edited_by_participants_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The text an initiative has now is its version 1 (earlier edits kept no history).
INSERT INTO initiative_versions (initiative_id, version, title, summary, edited_by, created_at) SELECT id, 1, title, summary, created_by, created_at FROM initiatives;
