CREATE TABLE `institution_quotas` (
	`summit_id` text NOT NULL,
	`institution_id` text NOT NULL,
	`seats` integer NOT NULL,
	PRIMARY KEY(`summit_id`, `institution_id`),
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `registration_events` (
	`id` text PRIMARY KEY NOT NULL,
	`registration_id` text NOT NULL,
	`summit_id` text NOT NULL,
	`action` text NOT NULL,
	`actor_id` text,
	`from_status` text,
	`to_status` text,
	`detail` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `registration_events_summit_idx` ON `registration_events` (`summit_id`,`at`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`summit_id` text NOT NULL,
	`member_id` text NOT NULL,
	`mode` text NOT NULL,
	`status` text NOT NULL,
	`seat_pool` text,
	`dietary_needs` text DEFAULT '' NOT NULL,
	`accessibility_needs` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`waitlisted_at` integer,
	`offer_expires_at` integer,
	`check_in_code` text NOT NULL,
	`checked_in_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_check_in_code_unique` ON `registrations` (`check_in_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_summit_member_unique` ON `registrations` (`summit_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `registrations_summit_status_idx` ON `registrations` (`summit_id`,`mode`,`status`);--> statement-breakpoint
ALTER TABLE `summits` ADD `requires_approval` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `summits` ADD `quota_release_at` integer;--> statement-breakpoint
ALTER TABLE `summits` ADD `offer_window_hours` integer DEFAULT 48 NOT NULL;