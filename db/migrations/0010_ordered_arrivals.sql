ALTER TABLE `registrations` ADD `waitlist_seq` integer;--> statement-breakpoint
ALTER TABLE `announcements` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The order in which existing rows were written (SQLite's rowid) becomes their order of arrival.
UPDATE `registrations` SET `waitlist_seq` = rowid WHERE `waitlisted_at` IS NOT NULL;--> statement-breakpoint
UPDATE `announcements` SET `sequence` = rowid;
