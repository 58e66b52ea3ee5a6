CREATE TABLE `scheduled_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`run_at` integer NOT NULL,
	`stale_at` integer,
	`payload` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`done_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheduled_jobs_key_unique` ON `scheduled_jobs` (`key`);--> statement-breakpoint
CREATE INDEX `scheduled_jobs_due_idx` ON `scheduled_jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`member_id` text NOT NULL,
	`source` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attendance_session_idx` ON `attendance` (`session_id`,`member_id`);--> statement-breakpoint
ALTER TABLE `members` ADD `feed_token` text;--> statement-breakpoint
ALTER TABLE `members` ADD `feed_scope` text DEFAULT 'agenda' NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `reminders` text DEFAULT 'starred' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `members_feed_token_unique` ON `members` (`feed_token`);--> statement-breakpoint
ALTER TABLE `summits` ADD `join_window_minutes` integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE `summits` ADD `stream_url` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `recording_url` text;