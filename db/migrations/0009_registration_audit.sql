PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_registration_events` (
	`id` text PRIMARY KEY NOT NULL,
	`registration_id` text NOT NULL,
	`summit_id` text NOT NULL,
	`action` text NOT NULL,
	`actor_id` text,
	`from_status` text,
	`to_status` text,
	`detail` text DEFAULT '{}' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_registration_events`("id", "registration_id", "summit_id", "action", "actor_id", "from_status", "to_status", "detail", "at") SELECT "id", "registration_id", "summit_id", "action", "actor_id", "from_status", "to_status",
	-- The detail was prose; it becomes structured data (RegistrationAuditDetail), what cannot be parsed kept as the reason.
	CASE
		WHEN "detail" = '' THEN '{}'
		WHEN json_valid("detail") AND substr("detail", 1, 1) = '{' THEN "detail"
		WHEN "action" = 'offered' AND "detail" LIKE 'until %' THEN json_object('until', substr("detail", 7))
		WHEN "action" = 'mode-changed' AND instr("detail", ' → ') > 0 THEN json_object(
			'from', substr("detail", 1, instr("detail", ' → ') - 1),
			'to', substr("detail", instr("detail", ' → ') + 3))
		WHEN "detail" = 'no seat free: waitlisted' THEN json_object('waitlisted', json('true'))
		ELSE json_object('reason', "detail")
	END,
	"at" FROM `registration_events`;--> statement-breakpoint
DROP TABLE `registration_events`;--> statement-breakpoint
ALTER TABLE `__new_registration_events` RENAME TO `registration_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `registration_events_summit_idx` ON `registration_events` (`summit_id`,`at`);