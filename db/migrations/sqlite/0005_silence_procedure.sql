ALTER TABLE `initiatives` ADD `silence_started_at` text;--> statement-breakpoint
ALTER TABLE `initiatives` ADD `silence_deadline` text;