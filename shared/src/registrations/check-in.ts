// When the registration desk checks people in: on the summit's days in its own zone, and from the evening
// before, when people pick up their badges. Outside that window a code is more likely read at the wrong
// summit (or scanned by mistake) than a real arrival, so the server asks the organiser to confirm.
import { addDays, dayBounds, zonedInstant } from '../time/zones';

/** Badge pick-up starts at this local time on the day before the summit. */
export const CHECK_IN_OPENS_DAY_BEFORE_AT = '16:00';

export interface CheckInSummit {
  /** YYYY-MM-DD, in the summit's zone. */
  startDate: string;
  endDate: string;
  timeZone: string;
}

export interface CheckInWindow {
  /** 16:00 in the summit's zone on the day before its first day. */
  opensAt: Date;
  /** Midnight in the summit's zone at the end of its last day. */
  closesAt: Date;
}

export function checkInWindow(summit: CheckInSummit): CheckInWindow {
  return {
    opensAt: zonedInstant(addDays(summit.startDate, -1), CHECK_IN_OPENS_DAY_BEFORE_AT, summit.timeZone),
    closesAt: dayBounds(summit.endDate, summit.timeZone).end,
  };
}

/** Whether `now` falls in the desk's window: `early` before it opens, `late` once it has closed. */
export type CheckInTiming = 'early' | 'open' | 'late';

export function checkInTiming(summit: CheckInSummit, now: Date | number): CheckInTiming {
  const { opensAt, closesAt } = checkInWindow(summit);
  const at = typeof now === 'number' ? now : now.getTime();
  if (at < opensAt.getTime()) return 'early';
  if (at >= closesAt.getTime()) return 'late';
  return 'open';
}

/**
 * A session's room door scans badges from this long before the session starts: people queue at the door during the
 * break before it, and a scan that early is still that session's.
 */
export const DOOR_OPENS_BEFORE_MS = 30 * 60_000;

/** The scheduled times of the session at a room door (instants). */
export interface DoorSession {
  startsAt: Date | number | string;
  endsAt: Date | number | string;
}

/**
 * When a room door scans badges for its session: from 30 minutes before the session starts until it ends. Outside it a
 * scan is more likely the wrong session chosen on the door's tablet than an arrival, so the server asks to confirm.
 */
export function doorWindow(session: DoorSession): CheckInWindow {
  const instant = (value: Date | number | string) =>
    value instanceof Date ? value.getTime() : new Date(value).getTime();
  return {
    opensAt: new Date(instant(session.startsAt) - DOOR_OPENS_BEFORE_MS),
    closesAt: new Date(instant(session.endsAt)),
  };
}

/** Whether `now` falls in the door's window: `early` before it opens, `late` once the session has ended. */
export function doorTiming(session: DoorSession, now: Date | number): CheckInTiming {
  const { opensAt, closesAt } = doorWindow(session);
  const at = typeof now === 'number' ? now : now.getTime();
  if (at < opensAt.getTime()) return 'early';
  if (at >= closesAt.getTime()) return 'late';
  return 'open';
}
