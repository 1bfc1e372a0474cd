CREATE TABLE `message_edits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` integer NOT NULL,
	`body` text NOT NULL,
	`written_at` text NOT NULL,
	`replaced_at` text NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `message_edits_message_idx` ON `message_edits` (`message_id`,`id`);--> statement-breakpoint
CREATE TABLE `message_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`reporter_id` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	`resolution` text,
	`resolved_by` integer,
	`resolved_at` text,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reporter_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `message_reports_open_idx` ON `message_reports` (`resolved_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `message_reports_once_idx` ON `message_reports` (`message_id`,`reporter_id`);--> statement-breakpoint
ALTER TABLE `messages` ADD `edited_at` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `retracted_at` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `hidden_at` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `hidden_by` integer REFERENCES participants(id);--> statement-breakpoint
ALTER TABLE `messages` ADD `hidden_reason` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `archived_by` integer REFERENCES participants(id);