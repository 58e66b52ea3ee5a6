// How a session's time feels where someone follows it, read from the local wall clock. Kept free of
// TypeBox so that the web app can shade its heat map with the same rules.
//
// The burden of an hour, graded (the grade is what the planner ranks by; the three comfort classes of
// the public contract are a coarser reading of it, and every grade lies inside one class):
//
//   grade        local hours (weekdays)                     class        penalty (GRADE_PENALTY, score.ts)
//   working      09:00–18:00                                working      0
//   fringe       07:00–09:00 and 18:00–22:00, weekend days  acceptable   1
//   unsocial     22:00–24:00 (late evening), 06:00–07:00    night        3
//                (early morning)
//   deep-night   00:00–06:00, any day                       night        10, and ranked apart
//
// A session takes the grade of its worst minute. Deep night is ranked apart, not just weighed: a slot
// is first judged by how much of its audience it wakes between midnight and 06:00, and only then by the
// penalties of everyone else (score.ts), so that no number of people in the late evening ever outweighs
// one centre woken at 2 a.m. Boundaries belong to the better side: a session until 24:00 or from 06:00
// is not in the deep night.

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

/** The grades of burden, from best to worst: the order is the grade's rank. */
export const BURDEN_GRADES = ['working', 'fringe', 'unsocial', 'deep-night'] as const;
export type BurdenGrade = (typeof BURDEN_GRADES)[number];

export const GRADE_RANK: Record<BurdenGrade, number> = { working: 0, fringe: 1, unsocial: 2, 'deep-night': 3 };

/** The class of the public contract that each grade refines. */
export const GRADE_COMFORT: Record<BurdenGrade, Comfort> = {
  working: 'working',
  fringe: 'acceptable',
  unsocial: 'night',
  'deep-night': 'night',
};

export const GRADE_LABELS: Record<BurdenGrade, string> = {
  working: 'Working hours',
  fringe: 'Early, late or weekend',
  unsocial: 'Late evening or early morning',
  'deep-night': 'Deep night',
};

/** Local times of day, in minutes after midnight. */
export const DEEP_NIGHT_ENDS = 6 * 60;
export const NIGHT_ENDS = 7 * 60;
export const WORKING_STARTS = 9 * 60;
export const WORKING_ENDS = 18 * 60;
export const NIGHT_STARTS = 22 * 60;

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;

/** ISO weekday (1 = Monday … 7 = Sunday) of day number `day` counted from 1970-01-01, a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export const worseGrade = (a: GradeReading, b: GradeReading): GradeReading =>
  GRADE_RANK[b.grade] > GRADE_RANK[a.grade] ? b : a;

/** A stretch of local time's grade, where it first reaches that grade, and in which words. */
export interface GradeReading {
  grade: BurdenGrade;
  /** The first minute of the worst grade, in minutes of the local epoch. */
  at: number;
  /** "deep night", "late evening", "early morning", "early", "late", "weekend", "working hours". */
  words: string;
}

function wordsFor(grade: BurdenGrade, minuteOfDay: number, weekend: boolean): string {
  switch (grade) {
    case 'deep-night':
      return 'deep night';
    case 'unsocial':
      return minuteOfDay < NIGHT_ENDS ? 'early morning' : 'late evening';
    case 'fringe':
      return weekend ? 'weekend' : minuteOfDay < WORKING_STARTS ? 'early' : 'late';
    case 'working':
      return 'working hours';
  }
}

/** The grade of the minutes [start, end) of one local day (minutes after its midnight), and its first minute. */
function gradeOfDay(start: number, end: number, weekend: boolean): { grade: BurdenGrade; minute: number } {
  if (start < DEEP_NIGHT_ENDS) return { grade: 'deep-night', minute: start };
  if (start < NIGHT_ENDS || end > NIGHT_STARTS) {
    return { grade: 'unsocial', minute: start < NIGHT_ENDS ? start : Math.max(start, NIGHT_STARTS) };
  }
  if (weekend || start < WORKING_STARTS || end > WORKING_ENDS) {
    return { grade: 'fringe', minute: weekend || start < WORKING_STARTS ? start : Math.max(start, WORKING_ENDS) };
  }
  return { grade: 'working', minute: start };
}

/**
 * The grade of a stretch of local wall-clock time [from, to), in minutes of a "local epoch" (the wall
 * clock read as if it were UTC): the grade of its worst minute (see the table at the top), with the
 * first minute at that grade and the words for it there.
 */
export function gradeOfLocalSpan(from: number, to: number): GradeReading {
  let reading: GradeReading | undefined;
  for (let day = Math.floor(from / MINUTES_PER_DAY); day * MINUTES_PER_DAY < to; day++) {
    const dayStart = day * MINUTES_PER_DAY;
    const weekend = isoWeekday(day) > 5;
    const { grade, minute } = gradeOfDay(
      Math.max(from, dayStart) - dayStart,
      Math.min(to, dayStart + MINUTES_PER_DAY) - dayStart,
      weekend,
    );
    const here = { grade, at: dayStart + minute, words: wordsFor(grade, minute, weekend) };
    reading = reading ? worseGrade(reading, here) : here;
    if (grade === 'deep-night') break;
  }
  return reading ?? { grade: 'working', at: from, words: wordsFor('working', 0, false) };
}

/**
 * The class of a stretch of local wall-clock time [from, to), as `gradeOfLocalSpan` reads it:
 * - night if any minute falls between 22:00 and 07:00, whatever the day;
 * - working if every minute falls between 09:00 and 18:00 on a Monday to Friday;
 * - acceptable otherwise (07:00–09:00, 18:00–22:00, or daytime on a Saturday or Sunday).
 */
export function comfortOfLocalSpan(from: number, to: number): Comfort {
  return GRADE_COMFORT[gradeOfLocalSpan(from, to).grade];
}

const localEpochMinutes = (clock: WallClock): number =>
  Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) / MS_PER_MINUTE;

/**
 * The class of a session that starts at `start` (a local wall clock) and lasts `durationMinutes`
 * of that clock. For a session that crosses a daylight-saving change, use `localSlot`, which
 * follows the clock through the change.
 */
export function comfortClass(start: WallClock, durationMinutes: number): Comfort {
  return GRADE_COMFORT[burdenGrade(start, durationMinutes).grade];
}

/** The grade of a session that starts at `start` (a local wall clock) and lasts `durationMinutes` of it. */
export function burdenGrade(start: WallClock, durationMinutes: number): GradeReading {
  const from = localEpochMinutes(start);
  return gradeOfLocalSpan(from, from + durationMinutes);
}

export interface LocalSlot {
  /** Wall-clock start and end in the zone, `YYYY-MM-DDTHH:mm`. */
  localStart: string;
  localEnd: string;
  /** ISO weekday of the local start (1 = Monday … 7 = Sunday). */
  weekday: number;
  comfort: Comfort;
  grade: BurdenGrade;
  /** Where the session first reaches its grade, `HH:mm` on the local wall clock. */
  gradeAt: string;
  /** The grade in words there: "deep night", "late evening", "early morning", "early", "late"… */
  gradeWords: string;
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
  let reading: GradeReading;
  if (offsetAtStart === offsetAtEnd) {
    // A session of a few hours sees at most one change of the clocks.
    reading = gradeOfLocalSpan(fromMinute + offsetAtStart, toMinute + offsetAtStart);
  } else {
    // Find the first minute with the new offset, then class each side with its own.
    let before = Math.floor(fromMinute);
    let after = Math.ceil(toMinute) - 1;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (offsetMinutes(middle * MS_PER_MINUTE, zone) === offsetAtStart) before = middle;
      else after = middle;
    }
    reading = worseGrade(
      gradeOfLocalSpan(fromMinute + offsetAtStart, after + offsetAtStart),
      gradeOfLocalSpan(after + offsetAtEnd, toMinute + offsetAtEnd),
    );
  }
  const localStart = startMs + offsetAtStart * MS_PER_MINUTE;
  return {
    localStart: formatLocal(localStart),
    localEnd: formatLocal(endMs + offsetMinutes(endMs, zone) * MS_PER_MINUTE),
    weekday: isoWeekday(Math.floor(localStart / (MINUTES_PER_DAY * MS_PER_MINUTE))),
    comfort: GRADE_COMFORT[reading.grade],
    grade: reading.grade,
    gradeAt: formatLocal(reading.at * MS_PER_MINUTE).slice(11),
    gradeWords: reading.words,
  };
}
