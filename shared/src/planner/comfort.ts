// How a session's time feels where someone follows it: one comfort class per place, read from the
// local wall clock. Kept free of TypeBox so that the web app can colour its heat map with the same rules.

import { zoneOffsetMinutes, type WallClock } from '../time/zones';

/** From best to worst: the order is the class's rank, which scores and constraints compare. */
export const COMFORT_CLASSES = ['working', 'acceptable', 'night'] as const;
export type Comfort = (typeof COMFORT_CLASSES)[number];

export const COMFORT_RANK: Record<Comfort, number> = { working: 0, acceptable: 1, night: 2 };

export const COMFORT_LABELS: Record<Comfort, string> = {
  working: 'Working hours',
  acceptable: 'Early, late or weekend',
  night: 'Night',
};

/** Local times of day, in minutes after midnight. */
export const NIGHT_ENDS = 7 * 60;
export const WORKING_STARTS = 9 * 60;
export const WORKING_ENDS = 18 * 60;
export const NIGHT_STARTS = 22 * 60;

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;

export const worseComfort = (a: Comfort, b: Comfort): Comfort => (COMFORT_RANK[a] >= COMFORT_RANK[b] ? a : b);

/** ISO weekday (1 = Monday … 7 = Sunday) of day number `day` counted from 1970-01-01, a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * The class of a stretch of local wall-clock time [from, to), in minutes of a "local epoch" (the wall
 * clock read as if it were UTC). A session is classed by its worst minute:
 * - night if any minute falls between 22:00 and 07:00, whatever the day;
 * - working if every minute falls between 09:00 and 18:00 on a Monday to Friday;
 * - acceptable otherwise (07:00–09:00, 18:00–22:00, or daytime on a Saturday or Sunday).
 * Boundaries belong to the better side: a session from 07:00 or until 22:00 is not at night, one
 * from 09:00 to 18:00 is working.
 */
export function comfortOfLocalSpan(from: number, to: number): Comfort {
  let comfort: Comfort = 'working';
  for (let day = Math.floor(from / MINUTES_PER_DAY); day * MINUTES_PER_DAY < to; day++) {
    const dayStart = day * MINUTES_PER_DAY;
    const start = Math.max(from, dayStart) - dayStart;
    const end = Math.min(to, dayStart + MINUTES_PER_DAY) - dayStart;
    if (start < NIGHT_ENDS || end > NIGHT_STARTS) return 'night';
    if (isoWeekday(day) > 5 || start < WORKING_STARTS || end > WORKING_ENDS) comfort = 'acceptable';
  }
  return comfort;
}

const localEpochMinutes = (clock: WallClock): number =>
  Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) / MS_PER_MINUTE;

/**
 * The class of a session that starts at `start` (a local wall clock) and lasts `durationMinutes`
 * of that clock. For a session that crosses a daylight-saving change, use `localSlot`, which
 * follows the clock through the change.
 */
export function comfortClass(start: WallClock, durationMinutes: number): Comfort {
  const from = localEpochMinutes(start);
  return comfortOfLocalSpan(from, from + durationMinutes);
}

export interface LocalSlot {
  /** Wall-clock start and end in the zone, `YYYY-MM-DDTHH:mm`. */
  localStart: string;
  localEnd: string;
  /** ISO weekday of the local start (1 = Monday … 7 = Sunday). */
  weekday: number;
  comfort: Comfort;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DDTHH:mm` of a local-epoch instant (the wall clock read as if it were UTC). */
function formatLocal(localMs: number): string {
  const d = new Date(localMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const MS_PER_HOUR = 3_600_000;
// A planner request classes some ten thousand sessions; asking Intl for each offset would dominate
// its time. Offsets are kept per zone and UTC hour: where the offsets at both ends of an hour agree,
// the whole hour has that offset (zones change their clocks at most a few times a year, on the hour
// or half hour, and the change at the end of an hour is seen at the start of the next).
const hourlyOffsets = new Map<string, Map<number, number>>();

function offsetAtHour(zone: string, hour: number): number {
  let offsets = hourlyOffsets.get(zone);
  if (!offsets) {
    offsets = new Map();
    hourlyOffsets.set(zone, offsets);
  }
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = zoneOffsetMinutes(hour * MS_PER_HOUR, zone);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** Minutes to add to UTC to read the wall clock in `zone` at `instant` (whole seconds). */
export function offsetMinutes(instant: number, zone: string): number {
  const hour = Math.floor(instant / MS_PER_HOUR);
  const atStart = offsetAtHour(zone, hour);
  return atStart === offsetAtHour(zone, hour + 1) ? atStart : zoneOffsetMinutes(instant, zone);
}

/**
 * A session of `durationMinutes` from `start`, as lived in `zone`. When the clocks change during the
 * session, each side of the change is classed with its own offset, so the hour that a spring change
 * skips is not lived and the hour that an autumn change repeats is lived twice.
 */
export function localSlot(start: Date | number, durationMinutes: number, zone: string): LocalSlot {
  const startMs = typeof start === 'number' ? start : start.getTime();
  const endMs = startMs + durationMinutes * MS_PER_MINUTE;
  const offsetAtStart = offsetMinutes(startMs, zone);
  const offsetAtEnd = offsetMinutes(endMs - MS_PER_MINUTE, zone);
  const fromMinute = startMs / MS_PER_MINUTE;
  const toMinute = endMs / MS_PER_MINUTE;
  let comfort: Comfort;
  if (offsetAtStart === offsetAtEnd) {
    // A session of a few hours sees at most one change of the clocks.
    comfort = comfortOfLocalSpan(fromMinute + offsetAtStart, toMinute + offsetAtStart);
  } else {
    // Find the first minute with the new offset, then class each side with its own.
    let before = Math.floor(fromMinute);
    let after = Math.ceil(toMinute) - 1;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (offsetMinutes(middle * MS_PER_MINUTE, zone) === offsetAtStart) before = middle;
      else after = middle;
    }
    comfort = worseComfort(
      comfortOfLocalSpan(fromMinute + offsetAtStart, after + offsetAtStart),
      comfortOfLocalSpan(after + offsetAtEnd, toMinute + offsetAtEnd),
    );
  }
  const localStart = startMs + offsetAtStart * MS_PER_MINUTE;
  return {
    localStart: formatLocal(localStart),
    localEnd: formatLocal(endMs + offsetMinutes(endMs, zone) * MS_PER_MINUTE),
    weekday: isoWeekday(Math.floor(localStart / (MINUTES_PER_DAY * MS_PER_MINUTE))),
    comfort,
  };
}
