CREATE TABLE `announcements` (
	`id` text PRIMARY KEY NOT NULL,
	`summit_id` text NOT NULL,
	`author_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`audience` text NOT NULL,
	`institution_id` text,
	`recipient_count` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "announcements_title_length" CHECK(length("announcements"."title") between 1 and 150),
	CONSTRAINT "announcements_body_length" CHECK(length("announcements"."body") between 1 and 5000),
	CONSTRAINT "announcements_institution_audience" CHECK(("announcements"."audience" = 'institution') = ("announcements"."institution_id" is not null))
);
--> statement-breakpoint
CREATE INDEX `announcements_summit_idx` ON `announcements` (`summit_id`,`created_at`);