CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`run_at` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`done_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`done_at`,`run_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_pending_key_idx` ON `jobs` (`kind`,`key`) WHERE done_at IS NULL;--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_stances` (
	`initiative_id` integer NOT NULL,
	`state_code` text NOT NULL,
	`position` text DEFAULT 'pending' NOT NULL,
	`note` text,
	`set_at` text,
	`set_by` integer,
	`joined_at` text NOT NULL,
	`acceding` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`initiative_id`, `state_code`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`state_code`) REFERENCES `states`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_stances`("initiative_id", "state_code", "position", "note", "set_at", "set_by", "joined_at", "acceding") SELECT "initiative_id", "state_code", "position", "note", "set_at", "set_by", "joined_at", "acceding" FROM `stances`;--> statement-breakpoint
DROP TABLE `stances`;--> statement-breakpoint
ALTER TABLE `__new_stances` RENAME TO `stances`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `stances_state_idx` ON `stances` (`state_code`,`position`);