// How a summit's dates, place and distance in time are written on cards and on its page.
// A summit's dates are calendar dates in its own zone; a viewer elsewhere may live them on other
// dates, so both are written whenever they differ, each with its zone named.
import type { SummitSummary } from '@apoc/shared';
import { SUMMIT_FORMAT_LABELS } from '@apoc/shared/domain';
import { formatCalendarDate, localDate } from '@apoc/shared/time';

const rangeFormatters = new Map<string, Intl.DateTimeFormat>();

function rangeFormatter(locale: string | undefined): Intl.DateTimeFormat {
  const key = locale ?? '';
  let formatter = rangeFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    rangeFormatters.set(key, formatter);
  }
  return formatter;
}

const noon = (date: string): Date => new Date(`${date}T12:00:00Z`);

/** "Tue 9 Mar – Wed 10 Mar 2027": the year once, never an all-digits date. */
export function formatDateRange(first: string, last: string, locale?: string): string {
  if (first === last) return formatCalendarDate(first, locale);
  // ICU puts thin spaces around the dash; plain spaces keep the text predictable for search and copy.
  return rangeFormatter(locale)
    .formatRange(noon(first), noon(last))
    .replaceAll(',', '')
    .replace(/[\u2009\u202f]/g, ' ');
}

export interface DateSpan {
  first: string;
  last: string;
}

/** The calendar dates on which the summit runs, as lived in `zone`. */
export function summitSpanIn(summit: Pick<SummitSummary, 'startsAt' | 'endsAt'>, zone: string): DateSpan {
  const start = Date.parse(summit.startsAt);
  // endsAt is the instant the last day ends, i.e. the first instant of the day after.
  const end = Math.max(start, Date.parse(summit.endsAt) - 1);
  return { first: localDate(start, zone), last: localDate(end, zone) };
}

export interface SummitDates {
  /** In the summit's own zone: "Tue 9 Mar – Wed 10 Mar 2027". */
  summitText: string;
  summitZone: string;
  /** In the viewer's zone, only when the viewer's zone is another one and the dates differ. */
  viewerText: string | null;
  viewerZone: string;
}

export function summitDates(
  summit: Pick<SummitSummary, 'startDate' | 'endDate' | 'startsAt' | 'endsAt' | 'timeZone'>,
  viewerZone: string,
  locale?: string,
): SummitDates {
  const summitText = formatDateRange(summit.startDate, summit.endDate, locale);
  let viewerText: string | null = null;
  if (viewerZone !== summit.timeZone) {
    const span = summitSpanIn(summit, viewerZone);
    if (span.first !== summit.startDate || span.last !== summit.endDate) {
      viewerText = formatDateRange(span.first, span.last, locale);
    }
  }
  return { summitText, summitZone: summit.timeZone, viewerText, viewerZone };
}

/** Where the summit happens, in words: the venue and city, or "Online". */
export function summitPlace(summit: Pick<SummitSummary, 'format' | 'venue'>): string {
  const venue = summit.venue;
  const where = venue ? [venue.name, venue.city].filter(Boolean).join(', ') : null;
  switch (summit.format) {
    case 'virtual':
      return 'Online';
    case 'hybrid':
      return where ? `${where} and online` : 'Online; venue to be announced';
    case 'in_person':
      return where ?? 'Venue to be announced';
  }
}

export const formatLabel = (summit: Pick<SummitSummary, 'format'>): string => SUMMIT_FORMAT_LABELS[summit.format];

export type SummitTiming = 'upcoming' | 'live' | 'past';

export function summitTiming(summit: Pick<SummitSummary, 'startsAt' | 'endsAt'>, now: number): SummitTiming {
  if (now < Date.parse(summit.startsAt)) return 'upcoming';
  if (now < Date.parse(summit.endsAt)) return 'live';
  return 'past';
}

let relativeFormatter: Intl.RelativeTimeFormat | undefined;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "in 41 days", "tomorrow", "in 5 hours", "happening now", "ended 3 days ago". */
export function countdown(summit: Pick<SummitSummary, 'startsAt' | 'endsAt'>, now: number): string {
  relativeFormatter ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const timing = summitTiming(summit, now);
  if (timing === 'live') return 'happening now';
  const target = timing === 'upcoming' ? Date.parse(summit.startsAt) : Date.parse(summit.endsAt);
  const delta = target - now;
  const sign = Math.sign(delta);
  const abs = Math.abs(delta);
  const text =
    abs >= 2 * DAY
      ? relativeFormatter.format(sign * Math.floor(abs / DAY), 'day')
      : abs >= 2 * HOUR
        ? relativeFormatter.format(sign * Math.floor(abs / HOUR), 'hour')
        : relativeFormatter.format(sign * Math.max(1, Math.ceil(abs / 60_000)), 'minute');
  return timing === 'past' ? `ended ${text}` : text;
}

/** "Starts in 41 days", "Happening now", "Ended 3 days ago": the countdown as a sentence. */
export function countdownSentence(summit: Pick<SummitSummary, 'startsAt' | 'endsAt'>, now: number): string {
  const text = countdown(summit, now);
  if (summitTiming(summit, now) === 'upcoming') return `Starts ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
