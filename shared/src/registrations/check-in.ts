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
