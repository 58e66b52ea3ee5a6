// Who attended a virtual session, and for how long, from what the platform can know: Join clicks (the video
// itself runs elsewhere, so a click says nothing of how long someone stayed) and presence in the session's
// live room (joined and left, from the live connection). Opening a session's page weeks before is neither.

import { LIVE_LIMITS } from '../live';

/**
 * A server refreshes its open intervals at each heartbeat; one not refreshed for two heartbeats was left
 * open by a server that stopped, and ends where its member was last seen.
 */
export const PRESENCE_STALE_MS = 2 * LIVE_LIMITS.heartbeatMs;

/** A stretch of presence in a live room; `to` is null while the member is still there. */
export interface PresenceInterval {
  from: number;
  to: number | null;
}

/** An interval of presence as stored: `to` null while open, `seenAt` its last heartbeat. */
export interface RecordedInterval {
  from: number;
  to: number | null;
  seenAt: number;
}

/**
 * Intervals as attendance counts them: one left open by a server that stopped (not refreshed for two heartbeats)
 * ends where its member was last seen; one still refreshed counts up to now.
 */
export function settledIntervals(recorded: readonly RecordedInterval[], now: number): PresenceInterval[] {
  return recorded.map(({ from, to, seenAt }) => ({
    from,
    to: to ?? (now - seenAt > PRESENCE_STALE_MS ? seenAt : null),
  }));
}

export interface AttendedSession {
  /** When the Join button opens: the summit's join window before the start. */
  opensAt: number;
  startsAt: number;
  endsAt: number;
}

/**
 * Milliseconds a member was present while the session ran: the union of their intervals (several tabs, or
 * several servers, overlap and count once) clipped to the session's start and end. An interval still open
 * counts up to `now`.
 */
export function presentMs(intervals: readonly PresenceInterval[], session: AttendedSession, now: number): number {
  const clipped = intervals
    .map(({ from, to }) => ({ from: Math.max(from, session.startsAt), to: Math.min(to ?? now, session.endsAt) }))
    .filter(({ from, to }) => to > from)
    .sort((a, b) => a.from - b.from);
  let total = 0;
  let end = -Infinity;
  for (const { from, to } of clipped) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

/** A Join click counts when it was made inside the join window: from `opensAt` until the session ends. */
export function joinedInWindow(joins: readonly number[], session: AttendedSession): boolean {
  return joins.some((at) => at >= session.opensAt && at < session.endsAt);
}

export interface Attendance {
  /** Clicked Join inside the join window. */
  joinedInWindow: boolean;
  /** Whole minutes in the live room while the session ran; null when the member never was in it. */
  minutesPresent: number | null;
}

/**
 * How a member attended a session, or null when they did not: a Join click in the window, or any time in
 * the live room while the session ran. Being in the room only before the start (asking ahead) is not attending.
 */
export function attendanceOf(
  joins: readonly number[],
  intervals: readonly PresenceInterval[],
  session: AttendedSession,
  now: number,
): Attendance | null {
  const present = presentMs(intervals, session, now);
  const joined = joinedInWindow(joins, session);
  if (!joined && present === 0) return null;
  return {
    joinedInWindow: joined,
    minutesPresent: intervals.length === 0 ? null : Math.round(present / 60_000),
  };
}
