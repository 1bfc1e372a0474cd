ALTER TABLE "invites" ALTER COLUMN "state_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "partner_code" text;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "affiliation" text;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_partner_code_partners_code_fk" FOREIGN KEY ("partner_code") REFERENCES "public"."partners"("code") ON DELETE no action ON UPDATE no action;