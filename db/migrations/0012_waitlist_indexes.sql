DROP INDEX `registrations_summit_status_idx`;--> statement-breakpoint
CREATE INDEX `registrations_summit_waitlist_idx` ON `registrations` (`summit_id`,`mode`,`status`,`waitlisted_at`,`waitlist_seq`);--> statement-breakpoint
CREATE INDEX `registrations_summit_seq_idx` ON `registrations` (`summit_id`,`waitlist_seq`);