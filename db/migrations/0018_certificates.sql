CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`summit_id` text NOT NULL,
	`member_id` text NOT NULL,
	`day` text,
	`status` text DEFAULT 'valid' NOT NULL,
	`credit_hundredths` integer NOT NULL,
	`document` text NOT NULL,
	`issued_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	`replaced_by` text,
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE INDEX `certificates_summit_member_idx` ON `certificates` (`summit_id`,`member_id`,`status`);--> statement-breakpoint
CREATE TABLE `check_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`registration_id` text NOT NULL,
	`summit_id` text NOT NULL,
	`member_id` text NOT NULL,
	`day` text NOT NULL,
	`session_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `check_ins_summit_member_idx` ON `check_ins` (`summit_id`,`member_id`,`day`);--> statement-breakpoint
CREATE INDEX `check_ins_session_idx` ON `check_ins` (`session_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `evaluations` (
	`id` text PRIMARY KEY NOT NULL,
	`summit_id` text NOT NULL,
	`member_id` text NOT NULL,
	`ratings` text NOT NULL,
	`session_ratings` text DEFAULT '{}' NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluations_summit_member_unique` ON `evaluations` (`summit_id`,`member_id`);--> statement-breakpoint
ALTER TABLE `summits` ADD `accreditation` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `credit_hundredths` integer;