// Where a session stands for someone looking at it now: the badge on its page and the countdown.
// Computed from the times alone (and the cancellation), so that it is right in any zone.
import type { SessionDetail } from '@apoc/shared';
import { viewerTimeZone } from '@apoc/shared/time';
import { calendarDaysBetween } from '../../lib/calendar-days';
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

export type SessionPhase = 'cancelled' | 'unscheduled' | 'upcoming' | 'starting-soon' | 'live' | 'ended';

/** How long before its start a session counts as "starting soon": time to open the page and settle in. */
export const STARTING_SOON_MS = 15 * 60_000;

/** The badge on the session's page: "Upcoming", "Live now", … */
export function phaseLabel(phase: SessionPhase): string {
  switch (phase) {
    case 'cancelled':
      return m.session_cancelled_badge();
    case 'unscheduled':
      return m.session_time_tba();
    case 'upcoming':
      return m.session_phase_upcoming();
    case 'starting-soon':
      return m.session_phase_starting_soon();
    case 'live':
      return m.session_phase_live();
    case 'ended':
      return m.session_phase_ended();
  }
}

type Timed = Pick<SessionDetail, 'status' | 'startsAt' | 'endsAt'>;

export function sessionPhase(session: Timed, now: number): SessionPhase {
  if (session.status === 'cancelled') return 'cancelled';
  if (!session.startsAt) return 'unscheduled';
  const start = Date.parse(session.startsAt);
  const end = session.endsAt ? Date.parse(session.endsAt) : start;
  if (now >= end && now >= start) return 'ended';
  if (now >= start) return 'live';
  return start - now <= STARTING_SOON_MS ? 'starting-soon' : 'upcoming';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let relativeFormatter: Intl.RelativeTimeFormat | undefined;

/**
 * "in 3 days", "in 5 hours", "in 12 minutes", "2 hours ago": whole units, rounded towards now; days are
 * dates on the calendar of `zone`, so Thursday morning is "in 3 days" from Monday evening.
 */
function relative(at: number, now: number, zone: string): string {
  relativeFormatter ??= new Intl.RelativeTimeFormat(formatLocale, { numeric: 'auto' });
  const delta = at - now;
  const sign = delta < 0 ? -1 : 1;
  const abs = Math.abs(delta);
  if (abs >= 2 * DAY) return relativeFormatter.format(calendarDaysBetween(now, at, zone), 'day');
  if (abs >= 2 * HOUR) return relativeFormatter.format(sign * Math.floor(abs / HOUR), 'hour');
  // Never "in 0 minutes": the last minute before the start still says "in 1 minute".
  return relativeFormatter.format(sign * Math.max(1, Math.ceil(abs / MINUTE)), 'minute');
}

/**
 * The countdown as a sentence: "Starts in 3 days", "Live now, ends in 20 minutes", "Ended 2 hours ago".
 * Days are counted in `zone`, the one the session's time is shown in beside it.
 */
export function sessionCountdown(session: Timed, now: number, zone: string = viewerTimeZone()): string {
  const phase = sessionPhase(session, now);
  switch (phase) {
    case 'cancelled':
      return m.session_countdown_cancelled();
    case 'unscheduled':
      return m.session_time_tba();
    case 'upcoming':
    case 'starting-soon':
      return m.session_countdown_starts({ when: relative(Date.parse(session.startsAt ?? ''), now, zone) });
    case 'live':
      return session.endsAt
        ? m.session_countdown_live_ends({ when: relative(Date.parse(session.endsAt), now, zone) })
        : m.session_phase_live();
    case 'ended':
      return m.session_countdown_ended({
        when: relative(Date.parse(session.endsAt ?? session.startsAt ?? ''), now, zone),
      });
  }
}
