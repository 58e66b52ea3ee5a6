// The live panel's badge: "Live" only while the session runs. Before, the panel is already open for asking
// ahead (members in Seoul or Melbourne may be asleep when it runs), so the badge says when it starts, in the
// viewer's time, and whether questions are taken now; after, "Ended".
import type { SessionDetail } from '@apoc/shared';
import { formatDay, formatTime, localDate, zoneLabel } from '@apoc/shared/time';
import { m } from '../../paraglide/messages.js';
import { sessionPhase } from '../sessions/session-status';

type Timed = Pick<SessionDetail, 'status' | 'startsAt' | 'endsAt'>;

export interface LiveBadge {
  phase: 'before' | 'live' | 'ended';
  text: string;
}

/** The badge at `now`, or null for a session without one (cancelled, or without a time). */
export function liveBadge(
  session: Timed,
  qaOpen: boolean | null,
  now: number,
  zone: string,
  locale?: string,
): LiveBadge | null {
  const phase = sessionPhase(session, now);
  switch (phase) {
    case 'cancelled':
    case 'unscheduled':
      return null;
    case 'live':
      return { phase: 'live', text: m.live_badge_live() };
    case 'ended':
      return { phase: 'ended', text: m.live_badge_ended() };
    case 'upcoming':
    case 'starting-soon': {
      const start = Date.parse(session.startsAt ?? '');
      const time = formatTime(start, zone, locale);
      const starts =
        localDate(start, zone) === localDate(now, zone)
          ? m.live_badge_starts_today({ time, zone: zoneLabel(zone) })
          : m.live_badge_starts({ day: formatDay(start, zone, locale), time, zone: zoneLabel(zone) });
      if (qaOpen === null) return { phase: 'before', text: starts };
      return {
        phase: 'before',
        text: qaOpen ? m.live_badge_before_open({ starts }) : m.live_badge_before_closed({ starts }),
      };
    }
  }
}

/** When the badge changes next (the start, then the end), or null once it no longer will. */
export function nextBadgeChange(session: Timed, now: number): number | null {
  if (session.status === 'cancelled' || !session.startsAt) return null;
  const start = Date.parse(session.startsAt);
  const end = session.endsAt ? Date.parse(session.endsAt) : start;
  if (now < start) return start;
  if (now < end) return end;
  return null;
}
