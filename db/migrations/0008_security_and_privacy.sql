CREATE TABLE `summit_invitations` (
	`summit_id` text NOT NULL,
	`member_id` text NOT NULL,
	`invited_by` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`summit_id`, `member_id`),
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `summit_invitations_member_idx` ON `summit_invitations` (`member_id`);--> statement-breakpoint
CREATE TABLE `security_events` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`subject_id` text,
	`address` text,
	`detail` text DEFAULT '{}' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`subject_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `security_events_at_idx` ON `security_events` (`at`);--> statement-breakpoint
CREATE INDEX `security_events_subject_idx` ON `security_events` (`subject_id`,`at`);--> statement-breakpoint
ALTER TABLE `members` ADD `feed_token_hash` text;--> statement-breakpoint
ALTER TABLE `members` ADD `erased_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `members_feed_token_hash_unique` ON `members` (`feed_token_hash`);--> statement-breakpoint
ALTER TABLE `sign_in_tokens` ADD `voided_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `purged_at` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `listed` integer DEFAULT false NOT NULL;