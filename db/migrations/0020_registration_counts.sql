CREATE TABLE `registration_counts` (
	`summit_id` text NOT NULL,
	`mode` text NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`summit_id`, `mode`, `status`),
	FOREIGN KEY (`summit_id`) REFERENCES `summits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Kept by the database itself, so that no path that writes registrations (a member, the desk, an organiser, an
-- erasure, a summit's deletion) can leave the counts behind.
CREATE TRIGGER `registration_counts_insert` AFTER INSERT ON `registrations` BEGIN
  INSERT INTO `registration_counts` (`summit_id`, `mode`, `status`, `n`) VALUES (NEW.`summit_id`, NEW.`mode`, NEW.`status`, 1)
    ON CONFLICT (`summit_id`, `mode`, `status`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `registration_counts_delete` AFTER DELETE ON `registrations` BEGIN
  UPDATE `registration_counts` SET `n` = `n` - 1
    WHERE `summit_id` = OLD.`summit_id` AND `mode` = OLD.`mode` AND `status` = OLD.`status`;
END;--> statement-breakpoint
CREATE TRIGGER `registration_counts_update` AFTER UPDATE OF `summit_id`, `mode`, `status` ON `registrations`
  WHEN OLD.`summit_id` IS NOT NEW.`summit_id` OR OLD.`mode` IS NOT NEW.`mode` OR OLD.`status` IS NOT NEW.`status` BEGIN
  UPDATE `registration_counts` SET `n` = `n` - 1
    WHERE `summit_id` = OLD.`summit_id` AND `mode` = OLD.`mode` AND `status` = OLD.`status`;
  INSERT INTO `registration_counts` (`summit_id`, `mode`, `status`, `n`) VALUES (NEW.`summit_id`, NEW.`mode`, NEW.`status`, 1)
    ON CONFLICT (`summit_id`, `mode`, `status`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
INSERT INTO `registration_counts` (`summit_id`, `mode`, `status`, `n`)
  SELECT `summit_id`, `mode`, `status`, count(*) FROM `registrations` GROUP BY `summit_id`, `mode`, `status`;
