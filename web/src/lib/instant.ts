// One way to write an instant in lists and tables (sign-ins, the outbox, the mailbox): the day, the
// time and the zone's city, so that a time is never read in the wrong zone.
import { formatMoment } from '@apoc/shared/time';

/** "Tue 9 Mar 2027, 14:05 (Paris)"; an empty string for a missing or unreadable instant. */
export function formatInstant(value: string | number | Date | null | undefined, zone: string, locale?: string): string {
  if (value === null || value === undefined) return '';
  const instant = typeof value === 'string' ? Date.parse(value) : value;
  if (typeof instant === 'number' && Number.isNaN(instant)) return '';
  return formatMoment(instant, zone, locale);
}
