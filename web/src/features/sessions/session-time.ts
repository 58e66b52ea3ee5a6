// How one session's time is written on its page, in "my agenda" and in the changelog: the day, the
// start and end, and the zone's city, so that a time is never read in the wrong zone.
import { formatDay, formatTime, formatTimeSpan, localDate, zoneLabel } from '@apoc/shared/time';
import { m } from '../../paraglide/messages.js';

/** "14:00–15:30 (Paris)", or "23:30–00:30 next day (Paris)" when it ends on a later date in that zone. */
export function formatTimeRange(start: number, end: number | null, zone: string, locale?: string): string {
  let text = formatTime(start, zone, locale);
  let nextDay = false;
  if (end !== null && end > start) {
    text = formatTimeSpan(start, end, zone, locale);
    // Ending at midnight is still the same evening; ending at 00:30 is not.
    nextDay = localDate(end - 1, zone) !== localDate(start, zone);
  }
  return nextDay ? m.session_time_next_day({ time: text, zone: zoneLabel(zone) }) : `${text} (${zoneLabel(zone)})`;
}

/** "Tue 12 Jan 2027, 09:15–10:00 (New York)"; "Time to be announced" for a session without a time. */
export function formatSessionTime(
  startsAt: string | null,
  endsAt: string | null,
  zone: string,
  locale?: string,
): string {
  if (!startsAt) return m.session_time_tba();
  const start = Date.parse(startsAt);
  const end = endsAt ? Date.parse(endsAt) : null;
  return `${formatDay(start, zone, locale)}, ${formatTimeRange(start, end, zone, locale)}`;
}
