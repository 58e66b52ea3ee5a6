CREATE TABLE `live_events` (
	`session_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`moderator_message` text NOT NULL,
	`attendee_message` text,
	`member_id` text,
	`member_message` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `seq`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `live_mutes` (
	`session_id` text NOT NULL,
	`member_id` text NOT NULL,
	`muted_by` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `member_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`muted_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `live_poll_votes` (
	`poll_id` text NOT NULL,
	`member_id` text NOT NULL,
	`session_id` text NOT NULL,
	`choices` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`poll_id`, `member_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `live_polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `live_poll_votes_member_idx` ON `live_poll_votes` (`session_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `live_polls` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`question` text NOT NULL,
	`kind` text NOT NULL,
	`options` text NOT NULL,
	`status` text NOT NULL,
	`results_visible` integer DEFAULT false NOT NULL,
	`results` text NOT NULL,
	`voters` integer DEFAULT 0 NOT NULL,
	`announced_voters` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`opened_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `live_polls_session_idx` ON `live_polls` (`session_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `live_question_votes` (
	`question_id` text NOT NULL,
	`member_id` text NOT NULL,
	`session_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`question_id`, `member_id`),
	FOREIGN KEY (`question_id`) REFERENCES `live_questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `live_question_votes_member_idx` ON `live_question_votes` (`session_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `live_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`author_id` text NOT NULL,
	`text` text NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`votes` integer DEFAULT 0 NOT NULL,
	`announced_votes` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	`answered_at` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `live_questions_session_idx` ON `live_questions` (`session_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `live_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	`qa_open` integer DEFAULT true NOT NULL,
	`premoderation` integer DEFAULT false NOT NULL,
	`pinned_question_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
