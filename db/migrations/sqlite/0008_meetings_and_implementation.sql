CREATE TABLE `agenda_items` (
	`meeting_id` integer NOT NULL,
	`position` integer NOT NULL,
	`initiative_id` integer,
	`title` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `position`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `agenda_items_initiative_idx` ON `agenda_items` (`initiative_id`);--> statement-breakpoint
CREATE TABLE `implementations` (
	`initiative_id` integer NOT NULL,
	`state_code` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`set_at` text NOT NULL,
	`set_by` integer,
	PRIMARY KEY(`initiative_id`, `state_code`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`state_code`) REFERENCES `states`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `implementations_state_idx` ON `implementations` (`state_code`,`status`);--> statement-breakpoint
CREATE TABLE `meeting_states` (
	`meeting_id` integer NOT NULL,
	`state_code` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `state_code`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`state_code`) REFERENCES `states`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer,
	`title` text NOT NULL,
	`level` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`timezone` text NOT NULL,
	`place` text,
	`chair_state` text,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chair_state`) REFERENCES `states`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_starts_idx` ON `meetings` (`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `meetings_thread_idx` ON `meetings` (`thread_id`);--> statement-breakpoint
CREATE TABLE `readout_approvals` (
	`meeting_id` integer NOT NULL,
	`state_code` text NOT NULL,
	`version` integer NOT NULL,
	`approved_by` integer NOT NULL,
	`approved_at` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `state_code`),
	FOREIGN KEY (`meeting_id`) REFERENCES `readouts`(`meeting_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`state_code`) REFERENCES `states`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `readouts` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`drafted_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	`released_at` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`drafted_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `initiatives` ADD `review_at` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `calendar_generation` integer DEFAULT 1 NOT NULL;