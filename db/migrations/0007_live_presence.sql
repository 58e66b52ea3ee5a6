CREATE TABLE `live_presence` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`member_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	`left_at` integer,
	`seen_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `live_presence_session_idx` ON `live_presence` (`session_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `live_presence_open_idx` ON `live_presence` (`left_at`);