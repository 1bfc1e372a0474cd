CREATE TABLE `initiative_versions` (
	`initiative_id` integer NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`edited_by` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`initiative_id`, `version`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edited_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `initiatives` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `stances` ADD `condition` text;--> statement-breakpoint
ALTER TABLE `stances` ADD `ad_referendum` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `stances` ADD `confirm_by` text;--> statement-breakpoint
ALTER TABLE `stances` ADD `chair_note` text;--> statement-breakpoint
ALTER TABLE `stances` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- The text an initiative has now is its version 1 (earlier edits kept no history).
INSERT INTO initiative_versions (initiative_id, version, title, summary, edited_by, created_at) SELECT id, 1, title, summary, created_by, created_at FROM initiatives;
