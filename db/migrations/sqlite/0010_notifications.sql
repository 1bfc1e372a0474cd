CREATE TABLE `follows` (
	`participant_id` integer NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`participant_id`, `target_kind`, `target_id`),
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `follows_target_idx` ON `follows` (`target_kind`,`target_id`);--> statement-breakpoint
CREATE TABLE `notification_mutes` (
	`participant_id` integer NOT NULL,
	`type` text NOT NULL,
	PRIMARY KEY(`participant_id`, `type`),
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`type` text NOT NULL,
	`params` text NOT NULL,
	`thread_id` integer,
	`initiative_id` integer,
	`meeting_id` integer,
	`created_at` text NOT NULL,
	`read_at` text,
	`mailed_at` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_participant_idx` ON `notifications` (`participant_id`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`kind` text NOT NULL,
	`notification_ids` text NOT NULL,
	`created_at` text NOT NULL,
	`due_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_until` text,
	`sent_at` text,
	`last_error` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`sent_at`,`due_at`);--> statement-breakpoint
ALTER TABLE `participants` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `email_mode` text DEFAULT 'daily' NOT NULL;