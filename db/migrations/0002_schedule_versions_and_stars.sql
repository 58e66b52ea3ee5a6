CREATE TABLE `schedule_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`summit_id` text NOT NULL,
	`number` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`agenda` text NOT NULL,
	`changes` text DEFAULT '[]' NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text,
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`published_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schedule_versions_summit_number_unique` ON `schedule_versions` (`summit_id`,`number`);--> statement-breakpoint
CREATE INDEX `schedule_versions_summit_idx` ON `schedule_versions` (`summit_id`);--> statement-breakpoint
CREATE TABLE `stars` (
	`member_id` text NOT NULL,
	`session_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `session_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stars_session_idx` ON `stars` (`session_id`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `sequence` integer DEFAULT 0 NOT NULL;