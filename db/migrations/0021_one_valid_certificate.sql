-- Re-issues sent at once, before a re-issue decided under the member's key what it replaced, could leave two valid
-- certificates of one member for the same summit or day: the older ones are replaced by the newest, as a re-issue
-- would have done, so that the indexes below can be made.
UPDATE `certificates` SET `status` = 'replaced', `replaced_by` = (
    SELECT `newest`.`code` FROM `certificates` AS `newest`
    WHERE `newest`.`summit_id` = `certificates`.`summit_id` AND `newest`.`member_id` = `certificates`.`member_id`
      AND `newest`.`day` IS `certificates`.`day` AND `newest`.`status` = 'valid'
    ORDER BY `newest`.`issued_at` DESC, `newest`.`id` DESC LIMIT 1
  )
  WHERE `status` = 'valid' AND EXISTS (
    SELECT 1 FROM `certificates` AS `newer`
    WHERE `newer`.`summit_id` = `certificates`.`summit_id` AND `newer`.`member_id` = `certificates`.`member_id`
      AND `newer`.`day` IS `certificates`.`day` AND `newer`.`status` = 'valid'
      AND (`newer`.`issued_at` > `certificates`.`issued_at`
        OR (`newer`.`issued_at` = `certificates`.`issued_at` AND `newer`.`id` > `certificates`.`id`))
  );--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_one_valid_idx` ON `certificates` (`summit_id`,`member_id`) WHERE "certificates"."status" = 'valid' and "certificates"."day" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_one_valid_a_day_idx` ON `certificates` (`summit_id`,`member_id`,`day`) WHERE "certificates"."status" = 'valid' and "certificates"."day" is not null;