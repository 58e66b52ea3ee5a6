// How a summit's dates, place and distance in time are written on cards and on its page.
// A summit's dates are calendar dates in its own zone; a viewer elsewhere lives it from its first
// session's start to its last session's end in their own zone, which may fall on other dates: both are
// written whenever they differ, each with its zone named.
import type { SummitSummary } from '@apoc/shared';
import type { SummitFormat } from '@apoc/shared/domain';
import {
  formatCalendarDate,
  formatMoment,
  localDate,
  summitSpan,
  viewerTimeZone,
  type SpannedSummit,
} from '@apoc/shared/time';
import { calendarDaysBetween } from '../../lib/calendar-days';
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

const rangeFormatters = new Map<string, Intl.DateTimeFormat>();

function rangeFormatter(locale: string = formatLocale): Intl.DateTimeFormat {
  const key = locale;
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
  const text = rangeFormatter(locale).formatRange(noon(first), noon(last));
  // English drops the commas, as formatCalendarDate does ("Tue 9 Mar"); other languages keep theirs.
  // ICU puts thin spaces around the dash; plain spaces keep the text predictable for search and copy.
  return ((locale ?? formatLocale).toLowerCase().startsWith('en') ? text.replaceAll(',', '') : text).replace(
    /[\u2009\u202f]/g,
    ' ',
  );
}

export interface DateSpan {
  first: string;
  last: string;
}

/** What the dates of a summit are written from. */
type DatedSummit = Pick<SummitSummary, 'startDate' | 'endDate' | 'startsAt' | 'endsAt' | 'timeZone'> &
  Partial<Pick<SummitSummary, 'firstSessionStartsAt' | 'lastSessionEndsAt'>>;

/**
 * The calendar dates on which the summit happens, as lived in `zone`: from its first session's start to
 * its last session's end (its own first and last day while nothing is scheduled).
 */
export function summitSpanIn(summit: SpannedSummit, zone: string): DateSpan {
  const { start, end } = summitSpan(summit);
  // An end is exclusive: a session (or day) ending at midnight does not reach into the next date.
  return { first: localDate(start, zone), last: localDate(Math.max(start, end - 1), zone) };
}

export interface SummitDates {
  /** In the summit's own zone: "Tue 9 Mar – Wed 10 Mar 2027". */
  summitText: string;
  summitZone: string;
  /** In the viewer's zone, only when the viewer's zone is another one and the dates differ. */
  viewerText: string | null;
  viewerZone: string;
  /**
   * "Tue 9 Mar 2027, 21:00 (Seoul)": the first session's start in the viewer's zone, with the zone
   * named; null while no session is scheduled.
   */
  startText: string | null;
}

/** The one way a summit's dates are written: on cards, its page, registrations and organiser pages. */
export function summitDates(summit: DatedSummit, viewerZone: string, locale?: string): SummitDates {
  const summitText = formatDateRange(summit.startDate, summit.endDate, locale);
  let viewerText: string | null = null;
  if (viewerZone !== summit.timeZone) {
    const span = summitSpanIn(summit, viewerZone);
    // Inside its own days, a summit's sessions are on its dates: other dates come only from another zone.
    const inSummitZone = summitSpanIn(summit, summit.timeZone);
    if (span.first !== inSummitZone.first || span.last !== inSummitZone.last) {
      viewerText = formatDateRange(span.first, span.last, locale);
    }
  }
  const span = summitSpan(summit);
  const startText = span.scheduled ? formatMoment(span.start, viewerZone, locale) : null;
  return { summitText, summitZone: summit.timeZone, viewerText, viewerZone, startText };
}

/** Where the summit happens, in words: the venue and city, or "Online". */
export function summitPlace(summit: Pick<SummitSummary, 'format' | 'venue'>): string {
  const venue = summit.venue;
  const where = venue ? [venue.name, venue.city].filter(Boolean).join(', ') : null;
  switch (summit.format) {
    case 'virtual':
      return m.summit_place_online();
    case 'hybrid':
      return where ? m.summit_place_hybrid({ where }) : m.summit_place_hybrid_no_venue();
    case 'in_person':
      return where ?? m.summit_place_venue_tba();
  }
}

/** "In person", "Virtual", "Hybrid", in the page's language. */
export function summitFormatLabel(format: SummitFormat): string {
  switch (format) {
    case 'in_person':
      return m.summit_format_in_person();
    case 'virtual':
      return m.summit_format_virtual();
    case 'hybrid':
      return m.summit_format_hybrid();
  }
}

export const formatLabel = (summit: Pick<SummitSummary, 'format'>): string => summitFormatLabel(summit.format);

export type SummitTiming = 'upcoming' | 'live' | 'past';

/** Before its first session, during its sessions, or after its last one (its days while nothing is scheduled). */
export function summitTiming(summit: SpannedSummit, now: number): SummitTiming {
  const { start, end } = summitSpan(summit);
  if (now < start) return 'upcoming';
  if (now < end) return 'live';
  return 'past';
}

/** How long before its first session a summit's page already offers "Now & next" (what comes first, and when). */
export const NOW_AND_NEXT_LEAD_MS = 12 * 3_600_000;

/** Whether "Now & next" has something to say: from twelve hours before the first session until the last one ends. */
export function offersNowAndNext(summit: SpannedSummit, now: number): boolean {
  const { start, end } = summitSpan(summit);
  return now >= start - NOW_AND_NEXT_LEAD_MS && now < end;
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();
const monthFormatters = new Map<string, Intl.DateTimeFormat>();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How long after its end a summit is still said to have ended "3 days ago"; later, "in June 2023". */
export const PAST_RELATIVE_MS = 14 * DAY;

/** "June 2023": the month of an instant, in the summit's zone. */
function monthOf(instant: number, zone: string, locale: string = formatLocale): string {
  const key = `${locale}|${zone}`;
  let formatter = monthFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: zone });
    monthFormatters.set(key, formatter);
  }
  return formatter.format(instant);
}

type Countdown =
  | { kind: 'upcoming'; text: string }
  | { kind: 'live' }
  | { kind: 'ended-ago'; text: string }
  | { kind: 'ended-in'; month: string };

function countdownParts(
  summit: SpannedSummit & Pick<SummitSummary, 'timeZone'>,
  now: number,
  viewerZone: string,
  locale: string = formatLocale,
): Countdown {
  let relativeFormatter = relativeFormatters.get(locale);
  if (!relativeFormatter) {
    relativeFormatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormatters.set(locale, relativeFormatter);
  }
  const timing = summitTiming(summit, now);
  if (timing === 'live') return { kind: 'live' };
  const { start, end } = summitSpan(summit);
  const target = timing === 'upcoming' ? start : end;
  const delta = target - now;
  const sign = Math.sign(delta);
  const abs = Math.abs(delta);
  // Counting down to a summit helps at any distance (its dates stand beside it); counting the days since
  // one ended stops helping after a fortnight.
  if (timing === 'past' && abs > PAST_RELATIVE_MS) {
    return { kind: 'ended-in', month: monthOf(end - 1, summit.timeZone, locale) };
  }
  const text =
    abs >= 2 * DAY
      ? // Counted from the last moment of the summit, not the midnight after its last day.
        relativeFormatter.format(calendarDaysBetween(now, timing === 'past' ? target - 1 : target, viewerZone), 'day')
      : abs >= 2 * HOUR
        ? relativeFormatter.format(sign * Math.floor(abs / HOUR), 'hour')
        : relativeFormatter.format(sign * Math.max(1, Math.ceil(abs / 60_000)), 'minute');
  return timing === 'past' ? { kind: 'ended-ago', text } : { kind: 'upcoming', text };
}

/**
 * "in 41 days", "tomorrow", "in 5 hours", "happening now", "ended 3 days ago"; "ended in June 2023"
 * once it is more than a fortnight past (nobody counts 1,268 days). Days are dates on the calendar of
 * `viewerZone`: from Monday evening, a summit on Thursday morning is "in 3 days".
 */
export function countdown(
  summit: SpannedSummit & Pick<SummitSummary, 'timeZone'>,
  now: number,
  viewerZone: string = viewerTimeZone(),
  locale?: string,
): string {
  const parts = countdownParts(summit, now, viewerZone, locale);
  switch (parts.kind) {
    case 'upcoming':
      return parts.text;
    case 'live':
      return m.summit_countdown_live();
    case 'ended-ago':
      return m.summit_countdown_ended_ago({ when: parts.text });
    case 'ended-in':
      return m.summit_countdown_ended_in({ month: parts.month });
  }
}

/** "Starts in 41 days", "Happening now", "Ended in June 2023": as a sentence. */
export function countdownSentence(
  summit: SpannedSummit & Pick<SummitSummary, 'timeZone'>,
  now: number,
  viewerZone: string = viewerTimeZone(),
  locale?: string,
): string {
  const parts = countdownParts(summit, now, viewerZone, locale);
  switch (parts.kind) {
    case 'upcoming':
      return m.summit_countdown_starts_sentence({ when: parts.text });
    case 'live':
      return m.summit_countdown_live_sentence();
    case 'ended-ago':
      return m.summit_countdown_ended_ago_sentence({ when: parts.text });
    case 'ended-in':
      return m.summit_countdown_ended_in_sentence({ month: parts.month });
  }
}
