CREATE TABLE `dashboard_totals` (
	`bucket` text PRIMARY KEY NOT NULL,
	`count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `status_deltas` (
	`week` text NOT NULL,
	`status` text NOT NULL,
	`delta` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`week`, `status`)
);
--> statement-breakpoint
ALTER TABLE `participants` ADD `dashboard_seen_event_id` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `initiatives_updated_idx` ON `initiatives` (`updated_at`,`id`);