ALTER TABLE "initiatives" ADD COLUMN "silence_started_at" text;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "silence_deadline" text;