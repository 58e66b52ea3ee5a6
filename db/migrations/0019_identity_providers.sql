CREATE TABLE `identity_provider_domains` (
	`domain` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `identity_providers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `identity_provider_domains_provider_idx` ON `identity_provider_domains` (`provider_id`);--> statement-breakpoint
CREATE TABLE `identity_providers` (
	`id` text PRIMARY KEY NOT NULL,
	`institution_id` text NOT NULL,
	`name` text NOT NULL,
	`issuer` text NOT NULL,
	`client_id` text NOT NULL,
	`client_secret` text NOT NULL,
	`create_members` integer DEFAULT false NOT NULL,
	`mail_link_allowed` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `identity_providers_institution_idx` ON `identity_providers` (`institution_id`);--> statement-breakpoint
CREATE TABLE `linked_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`subject` text NOT NULL,
	`member_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_sign_in_at` integer NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `identity_providers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `linked_identities_subject_unique` ON `linked_identities` (`provider_id`,`subject`);--> statement-breakpoint
CREATE UNIQUE INDEX `linked_identities_member_unique` ON `linked_identities` (`provider_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `linked_identities_member_idx` ON `linked_identities` (`member_id`);--> statement-breakpoint
ALTER TABLE `members` ADD `last_signed_in_at` integer;--> statement-breakpoint
UPDATE `members` SET `last_signed_in_at` = (SELECT max(`created_at`) FROM `sign_ins` WHERE `sign_ins`.`member_id` = `members`.`id`);--> statement-breakpoint
ALTER TABLE `sign_ins` ADD `provider_id` text REFERENCES identity_providers(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `sign_ins_provider_idx` ON `sign_ins` (`provider_id`);