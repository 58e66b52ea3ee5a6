// "My agenda": the starred sessions of every summit, by day in the member's zone. Sessions still to
// come first (soonest first), then the ones already over (most recent first), then those without a time.
import type { SessionDetail } from '@apoc/shared';
import { formatCalendarDate, localDate } from '@apoc/shared/time';
import { m } from '../../paraglide/messages.js';
import { formatTimeRange } from '../sessions/session-time';

export interface MyAgendaItem {
  session: SessionDetail;
  /** The title as listed here: a break names its summit ("Break — APoC Virtual Summit 2027"). */
  title: string;
  /** "14:00–15:30 (Paris)" in the zone shown; "Time to be announced" without a time. */
  timeRange: string;
  cancelled: boolean;
}

export interface MyAgendaDay {
  /** YYYY-MM-DD in the zone shown. */
  date: string;
  /** "Tue 12 Jan 2027". */
  label: string;
  items: MyAgendaItem[];
}

export interface MyAgenda {
  upcoming: MyAgendaDay[];
  past: MyAgendaDay[];
  unscheduled: MyAgendaItem[];
  count: number;
}

/**
 * A break's title ("Break", "Lunch") says nothing once it leaves its summit's page, and this page mixes
 * summits: it is listed with the summit's name. Other sessions have titles of their own.
 */
export function listedTitle(session: Pick<SessionDetail, 'title' | 'kind' | 'summit'>): string {
  return session.kind === 'break' ? `${session.title} — ${session.summit.title}` : session.title;
}

function byDay(items: MyAgendaItem[], zone: string): MyAgendaDay[] {
  const days = new Map<string, MyAgendaDay>();
  for (const item of items) {
    const date = localDate(Date.parse(item.session.startsAt ?? ''), zone);
    let day = days.get(date);
    if (!day) {
      day = { date, label: formatCalendarDate(date), items: [] };
      days.set(date, day);
    }
    day.items.push(item);
  }
  return [...days.values()];
}

export function arrangeMyAgenda(sessions: readonly SessionDetail[], zone: string, now: number): MyAgenda {
  const item = (session: SessionDetail): MyAgendaItem => ({
    session,
    title: listedTitle(session),
    timeRange: session.startsAt
      ? formatTimeRange(Date.parse(session.startsAt), session.endsAt ? Date.parse(session.endsAt) : null, zone)
      : m.session_time_tba(),
    cancelled: session.status === 'cancelled',
  });
  const start = (session: SessionDetail): number => Date.parse(session.startsAt ?? '');
  const end = (session: SessionDetail): number => Date.parse(session.endsAt ?? session.startsAt ?? '');
  const timed = sessions
    .filter((session) => session.startsAt !== null)
    .sort((a, b) => start(a) - start(b) || a.title.localeCompare(b.title));
  const upcoming = timed.filter((session) => end(session) > now).map(item);
  const past = timed
    .filter((session) => end(session) <= now)
    .reverse()
    .map(item);
  const unscheduled = sessions
    .filter((session) => session.startsAt === null)
    .sort((a, b) => a.title.localeCompare(b.title))
    .map(item);
  return { upcoming: byDay(upcoming, zone), past: byDay(past, zone), unscheduled, count: sessions.length };
}
