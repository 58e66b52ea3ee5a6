// Time-zone maths on top of the platform's Intl time-zone database, so that server and browser agree
// without shipping a zone library to the browser. Instants are UTC; wall-clock values never travel
// without the zone they belong to.

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone || !/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `zone` at `instant`. */
export function wallClock(instant: Date | number, zone: string): WallClock {
  const parts = partsFormatter(zone).formatToParts(instant);
  const value = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(value('year')),
    month: Number(value('month')),
    day: Number(value('day')),
    hour: Number(value('hour')),
    minute: Number(value('minute')),
    second: Number(value('second')),
    weekday: WEEKDAYS[value('weekday')] ?? 0,
  };
}

/** Minutes to add to UTC to get the wall clock in `zone` at `instant` (Seoul: +540). */
export function zoneOffsetMinutes(instant: Date | number, zone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const c = wallClock(ms, zone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The calendar date (YYYY-MM-DD) in `zone` at `instant`. */
export function localDate(instant: Date | number, zone: string): string {
  const c = wallClock(instant, zone);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
}

/** The wall-clock time (HH:mm) in `zone` at `instant`. */
export function localTime(instant: Date | number, zone: string): string {
  const c = wallClock(instant, zone);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The instant at which the wall clock in `zone` shows `date` `time`.
 * In a spring-forward gap (02:30 that never happens) the clock is read as if the change had not
 * happened yet, which moves the time forward by the gap (02:30 → 03:30), as calendar applications do.
 * In a fall-back overlap (01:30 that happens twice) the first occurrence is chosen, or the second when asked:
 * a time read back from an instant in the second pass keeps it with `occurrenceOf`.
 */
export function zonedInstant(date: string, time: string, zone: string, occurrence: Occurrence = 'earlier'): Date {
  const d = DATE_PATTERN.exec(date);
  const t = TIME_PATTERN.exec(time);
  if (!d || !t || !isIsoDate(date) || Number(t[1]) > 23 || Number(t[2]) > 59) {
    throw new RangeError(`Not a date and time: ${date} ${time}`);
  }
  const wallAsUtc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // The offsets half a day before and after the wall time bracket any transition near it.
  const before = zoneOffsetMinutes(wallAsUtc - 86_400_000 / 2, zone);
  const after = zoneOffsetMinutes(wallAsUtc + 86_400_000 / 2, zone);
  const candidates = [before, after].map((offset) => wallAsUtc - offset * 60_000);
  const exact = candidates.filter((instant) => zoneOffsetMinutes(instant, zone) * 60_000 === wallAsUtc - instant);
  if (exact.length > 0) return new Date(occurrence === 'later' ? Math.max(...exact) : Math.min(...exact));
  // A gap: keep the offset in force before the change.
  return new Date(wallAsUtc - before * 60_000);
}

/** Which pass of a wall time an instant is: 'later' only in the second pass of an hour the clocks repeat. */
export type Occurrence = 'earlier' | 'later';

export function occurrenceOf(instant: Date | number, zone: string): Occurrence {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const first = zonedInstant(localDate(ms, zone), localTime(ms, zone), zone).getTime();
  // `first` is the first pass of the same wall minute: a whole minute or more after it is the second pass.
  return ms - first >= 60_000 ? 'later' : 'earlier';
}

/**
 * `zonedInstant` for a form field that showed `was`: while the field still shows its wall time, the instant stays
 * `was`'s pass of it, so saving a form unchanged in a repeated hour does not move the time an hour earlier.
 */
export function zonedInstantKeeping(
  date: string,
  time: string,
  zone: string,
  was: Date | number | string | null | undefined,
): Date {
  const ms = typeof was === 'string' ? Date.parse(was) : was instanceof Date ? was.getTime() : was;
  const kept = ms !== null && ms !== undefined && Number.isFinite(ms);
  const same = kept && localDate(ms, zone) === date && localTime(ms, zone) === time;
  return zonedInstant(date, time, zone, same ? occurrenceOf(ms, zone) : 'earlier');
}

// The changes of a zone's offset per zone and year: found once (a week's steps, then to the minute), since a time
// is checked against them each time it is written. A week's steps find every change: in the tz database a zone's
// offset changes at most once in any week (the closest two, a pause of summer time for Ramadan, are weeks apart),
// and a year is then 53 readings of the offset rather than 366, which a page's first agenda waited for.
const changes = new Map<string, [number, number, number][]>();
const DAY_MS = 86_400_000;
const STEP_MS = 7 * DAY_MS;

/**
 * The changes of `zone`'s UTC offset from the day before `year` starts to the day after it ends:
 * [instant of the change, minutes east of UTC before, after].
 */
export function offsetChanges(zone: string, year: number): [number, number, number][] {
  const key = `${zone}|${year}`;
  let found = changes.get(key);
  if (!found) {
    found = [];
    const last = Date.UTC(year + 1, 0, 2);
    let at = Date.UTC(year, 0, 1) - DAY_MS;
    let offset = zoneOffsetMinutes(at, zone);
    for (let next = at + STEP_MS; at < last; at = next, next = Math.min(next + STEP_MS, last)) {
      const nextOffset = zoneOffsetMinutes(next, zone);
      if (nextOffset !== offset) {
        let [before, after] = [at, next];
        while (after - before > 60_000) {
          const middle = before + Math.floor((after - before) / 120_000) * 60_000;
          if (zoneOffsetMinutes(middle, zone) === offset) before = middle;
          else after = middle;
        }
        found.push([after, offset, nextOffset]);
      }
      offset = nextOffset;
    }
    if (changes.size > 1_000) changes.clear();
    changes.set(key, found);
  }
  return found;
}

/**
 * Whether the wall time of `instant` in `zone` happens twice, in the hour (half hour on Lord Howe) the clocks go
 * back over: such a time needs its UTC offset beside it to say which of the two it is.
 */
export function inRepeatedHour(instant: Date | number, zone: string): boolean {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return offsetChanges(zone, new Date(ms).getUTCFullYear()).some(([change, before, after]) => {
    const back = (before - after) * 60_000;
    return back > 0 && ms >= change - back && ms < change + back;
  });
}

/** `date` plus `days` calendar days (YYYY-MM-DD arithmetic, independent of any zone). */
export function addDays(date: string, days: number): string {
  const d = DATE_PATTERN.exec(date);
  if (!d) throw new RangeError(`Not a date: ${date}`);
  const next = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]) + days));
  return next.toISOString().slice(0, 10);
}

/** The calendar dates from `first` to `last`, both included. */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last && dates.length < 366; date = addDays(date, 1)) dates.push(date);
  return dates;
}

// Summits' days are read on every listing; the bounds of a (date, zone) pair never change.
const dayBoundsCache = new Map<string, { start: number; end: number }>();

/** The instants at which `date` starts and ends in `zone` (a day may last 23 or 25 hours). */
export function dayBounds(date: string, zone: string): { start: Date; end: Date } {
  const key = `${date}|${zone}`;
  let bounds = dayBoundsCache.get(key);
  if (!bounds) {
    bounds = {
      start: zonedInstant(date, '00:00', zone).getTime(),
      end: zonedInstant(addDays(date, 1), '00:00', zone).getTime(),
    };
    if (dayBoundsCache.size > 10_000) dayBoundsCache.clear();
    dayBoundsCache.set(key, bounds);
  }
  return { start: new Date(bounds.start), end: new Date(bounds.end) };
}

/** "Seoul", "New York", "Los Angeles": the city part of an IANA zone name, for people. */
export function zoneCity(zone: string): string {
  const last = zone.split('/').pop() ?? zone;
  return last.replaceAll('_', ' ');
}
