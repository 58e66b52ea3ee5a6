// When a summit actually happens. Its dates are calendar days in its own zone, but nobody is busy from
// the first midnight to the last: a two-day summit in New York runs, for a member in Seoul, from the
// first session's start on one evening to the last session's end two mornings later.

/** What the span needs of a session: whether it takes place, and when. */
export interface TimedSession {
  status: string;
  startsAt: string | null;
  endsAt: string | null;
}

/** From the first scheduled (not cancelled) session's start to the last one's end; null when none has a time. */
export function sessionSpan(sessions: readonly TimedSession[]): { startsAt: string; endsAt: string } | null {
  let first: number | null = null;
  let last: number | null = null;
  for (const session of sessions) {
    if (session.status !== 'scheduled' || session.startsAt === null || session.endsAt === null) continue;
    const start = Date.parse(session.startsAt);
    const end = Date.parse(session.endsAt);
    if (first === null || start < first) first = start;
    if (last === null || end > last) last = end;
  }
  if (first === null || last === null) return null;
  return { startsAt: new Date(first).toISOString(), endsAt: new Date(last).toISOString() };
}

/** What `summitSpan` needs of a summit: its day bounds, and its sessions' span when it has one. */
export interface SpannedSummit {
  startsAt: string;
  endsAt: string;
  firstSessionStartsAt?: string | null;
  lastSessionEndsAt?: string | null;
}

/**
 * The instants between which the summit happens: its sessions' span, or, before any session is
 * scheduled, the summit's own first and last day (in its zone).
 */
export function summitSpan(summit: SpannedSummit): { start: number; end: number; scheduled: boolean } {
  if (summit.firstSessionStartsAt && summit.lastSessionEndsAt) {
    return {
      start: Date.parse(summit.firstSessionStartsAt),
      end: Date.parse(summit.lastSessionEndsAt),
      scheduled: true,
    };
  }
  return { start: Date.parse(summit.startsAt), end: Date.parse(summit.endsAt), scheduled: false };
}
