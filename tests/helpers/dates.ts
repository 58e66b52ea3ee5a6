// Dates for tests that make their own summits: always ahead of today, so that a summit stays upcoming
// whenever the suite runs, yet always in the same season, so that the daylight-saving situation a test
// describes ("both on winter time", "summer time in Europe and America") holds every year.
import { addDays } from '@apoc/shared/time';

const TUESDAY = 2;
const DAYS = 86_400_000;

/**
 * The first Tuesday on or after `monthDay` (`MM-DD`) in the earliest year where it is at least
 * `minDaysAhead` days after `now`, as `YYYY-MM-DD`.
 */
export function nextTuesdayFrom(monthDay: string, now: Date = new Date(), minDaysAhead = 14): string {
  for (let year = now.getUTCFullYear(); ; year++) {
    const from = `${year}-${monthDay}`;
    const weekday = new Date(`${from}T12:00:00Z`).getUTCDay();
    const tuesday = addDays(from, (TUESDAY - weekday + 7) % 7);
    if (Date.parse(`${tuesday}T00:00:00Z`) - now.getTime() >= minDaysAhead * DAYS) return tuesday;
  }
}
