// "Tomorrow", "in 3 days" and "2 days ago" count dates on the calendar, not periods of 24 hours: from
// Monday 20:00 to Thursday 09:00 is 61 hours, and Thursday is still three days away.
import { localDate } from '@apoc/shared/time';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Every UTC day lasts 24 hours, so a date's midnight in UTC divides into whole days.
function dayNumber(date: string): number {
  const d = DATE.exec(date);
  if (!d) throw new RangeError(`Not a date: ${date}`);
  return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) / 86_400_000;
}

/** The days from one YYYY-MM-DD date to another: 3 from a Monday to a Thursday, −3 back. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The days from `from`'s date to `to`'s date on the wall clock in `zone` (a 23- or 25-hour day counts once). */
export function calendarDaysBetween(from: number, to: number, zone: string): number {
  return daysBetween(localDate(from, zone), localDate(to, zone));
}
