// What the Join box on a session page shows, decided from the session as the server sent it and the
// viewer's clock alone, so that every case is a plain function with a test beside it.
import type { SessionDetail } from '@apoc/shared';
import { viewerTimeZone } from '@apoc/shared/time';
import { calendarDaysBetween } from '../../lib/calendar-days';
import { formatLocale } from '../../lib/language';

export type JoinState =
  /** In-person summit, or a session without a time: no Join box at all. */
  | { kind: 'none' }
  | { kind: 'cancelled' }
  /** Nobody signed in: joining starts with signing in. */
  | { kind: 'signed-out' }
  /** Signed in, but not registered online (registered in person only, or not registered). */
  | { kind: 'not-entitled' }
  /** Entitled, before the window: count down to `opensAt`. */
  | { kind: 'before'; opensAt: number; startsAt: number }
  /** Entitled and inside the window: the Join button. */
  | { kind: 'open'; closesAt: number }
  /** Entitled and inside the window, but the organisers have not set a join link yet. */
  | { kind: 'no-link' }
  /** After the end: the recording, when there is one (and the viewer may see it). */
  | { kind: 'ended'; recordingUrl: string | null; hasRecording: boolean };

type JoinView = Pick<SessionDetail, 'status' | 'startsAt' | 'join' | 'recordingUrl'>;

export function joinState(session: JoinView, signedIn: boolean, now: number): JoinState {
  const join = session.join;
  if (!join || !session.startsAt) return { kind: 'none' };
  if (session.status === 'cancelled') return { kind: 'cancelled' };
  const opensAt = Date.parse(join.opensAt);
  const closesAt = Date.parse(join.closesAt);
  if (now >= closesAt) {
    return {
      kind: 'ended',
      recordingUrl: join.entitled ? (session.recordingUrl ?? null) : null,
      hasRecording: join.hasRecording,
    };
  }
  if (!signedIn) return { kind: 'signed-out' };
  if (!join.entitled) return { kind: 'not-entitled' };
  // The server's word wins inside the window: it knows whether a link is set.
  if (join.open) return { kind: 'open', closesAt };
  if (now < opensAt) return { kind: 'before', opensAt, startsAt: Date.parse(session.startsAt) };
  return { kind: 'no-link' };
}

/** Never wait longer than a day in one timer (setTimeout overflows near 25 days); check again then. */
const LONGEST_WAIT_MS = 24 * 60 * 60_000;
/** Inside the window without a Join button (a clock ahead of the server's, or no link yet): ask again soon. */
export const RETRY_MS = 30_000;

/**
 * When the page should read the session again so that the box changes without a reload: when the window
 * opens (the button appears), when it closes (the recording), or soon when the server has not opened it yet.
 * Null when nothing will change by itself.
 */
export function nextRefresh(session: JoinView, signedIn: boolean, now: number): number | null {
  const state = joinState(session, signedIn, now);
  const cap = (at: number): number => Math.min(at, now + LONGEST_WAIT_MS);
  switch (state.kind) {
    case 'none':
    case 'cancelled':
    case 'ended':
    case 'signed-out':
      return null;
    case 'not-entitled':
      // Registering online (on the summit page) and coming back reloads the page anyway.
      return null;
    case 'before':
      // A second after the opening, so that the server's clock agrees that it has passed.
      return cap(state.opensAt + 1_000);
    case 'open':
      return cap(state.closesAt + 1_000);
    case 'no-link':
      return now + RETRY_MS;
  }
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

/**
 * How long until `at`: "in 12 minutes", "in 3 hours", "in 2 days"; whole units, never "in 0 minutes".
 * Days are dates on the calendar of `zone`, so Thursday morning is "in 3 days" from Monday evening.
 */
export function inWords(
  at: number,
  now: number,
  zone: string = viewerTimeZone(),
  locale: string = formatLocale,
): string {
  let relativeFormatter = relativeFormatters.get(locale);
  if (!relativeFormatter) {
    relativeFormatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormatters.set(locale, relativeFormatter);
  }
  const minutes = Math.max(1, Math.ceil((at - now) / 60_000));
  if (minutes < 120) return relativeFormatter.format(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return relativeFormatter.format(hours, 'hour');
  return relativeFormatter.format(calendarDaysBetween(now, at, zone), 'day');
}
