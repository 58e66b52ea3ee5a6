// "Now & next" for a summit, as the viewer's clock and zone see it: what is live, what starts next, and
// what follows later on the viewer's own calendar day. A pure function of the agenda and the instant, so
// that a session crossing midnight in the viewer's zone is a test, not a surprise.
import type { AgendaSession, SummitSummary } from '@apoc/shared';
import { dayBounds, localDate } from '@apoc/shared/time';

export interface TimedSession {
  session: AgendaSession;
  start: number;
  end: number;
}

export interface NowNext {
  /** Before the first session starts, after the last one ends, or in between. */
  phase: 'before' | 'during' | 'after';
  /** The viewer's calendar date now (YYYY-MM-DD in their zone): the day the page is about. */
  day: string;
  /** The first session's start, for "the summit starts in 3 days". */
  firstStart: number | null;
  /** Live now, whenever they started (yesterday evening included), ending soonest first. */
  live: TimedSession[];
  /** The sessions that start next, all at the same moment (parallel tracks), possibly on a later day. */
  next: TimedSession[];
  /** What starts after those, still on the viewer's calendar day. */
  laterToday: TimedSession[];
}

type Agenda = Pick<SummitSummary, 'startsAt' | 'endsAt'> & { sessions: AgendaSession[] };

/** The scheduled sessions that have a time, in start order; cancelled ones have nothing to be live for. */
export function timedSessions(sessions: AgendaSession[]): TimedSession[] {
  const timed: TimedSession[] = [];
  for (const session of sessions) {
    if (session.status === 'cancelled' || !session.startsAt) continue;
    const start = Date.parse(session.startsAt);
    const end = session.endsAt ? Date.parse(session.endsAt) : start;
    timed.push({ session, start, end });
  }
  return timed.sort((a, b) => a.start - b.start || a.session.title.localeCompare(b.session.title));
}

export function nowAndNext(summit: Agenda, now: number, zone: string): NowNext {
  const timed = timedSessions(summit.sessions);
  const day = localDate(now, zone);
  const endOfDay = dayBounds(day, zone).end.getTime();

  const live = timed.filter((t) => t.start <= now && now < t.end).sort((a, b) => a.end - b.end);
  const upcoming = timed.filter((t) => t.start > now);
  const nextStart = upcoming[0]?.start;
  const next = upcoming.filter((t) => t.start === nextStart);
  const laterToday = upcoming.filter((t) => t.start !== nextStart && t.start < endOfDay);

  const firstStart = timed[0]?.start ?? null;
  const lastEnd = timed.reduce((last, t) => Math.max(last, t.end), Number.NEGATIVE_INFINITY);
  let phase: NowNext['phase'] = 'during';
  if (live.length === 0) {
    if (now < (firstStart ?? Date.parse(summit.startsAt))) phase = 'before';
    else if (now >= (timed.length > 0 ? lastEnd : Date.parse(summit.endsAt))) phase = 'after';
  }
  return { phase, day, firstStart, live, next, laterToday };
}
