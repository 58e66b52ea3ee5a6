// ical-generator formats Temporal.ZonedDateTime values natively (with their TZID). Node 20 has no
// Temporal, and luxon's zone arithmetic cost ~0.1 ms a date here (a 300-session feed took hundreds of
// milliseconds), so this is the small part of Temporal.ZonedDateTime that ical-generator reads,
// computed with the platform's cached zone maths. Classes rather than object literals of closures:
// ical-generator asks each date for its plain date-time and instant several times, and a closure made
// per call (named by tsx at run time) cost more than the rest of the date's formatting.
import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { inRepeatedHour, zoneOffsetMinutes } from '@apoc/shared';
import { vtimezone } from './calendar.vtimezone';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// Offsets change only on quarter hours: cache them per zone and quarter hour.
const offsets = new Map<string, Map<number, number>>();
function offsetAt(epochMilliseconds: number, zone: string): number {
  let ofZone = offsets.get(zone);
  if (!ofZone) {
    ofZone = new Map();
    offsets.set(zone, ofZone);
  }
  const quarter = Math.floor(epochMilliseconds / 900_000);
  let offset = ofZone.get(quarter);
  if (offset === undefined) {
    offset = zoneOffsetMinutes(epochMilliseconds, zone);
    if (ofZone.size > 50_000) ofZone.clear();
    ofZone.set(quarter, offset);
  }
  return offset;
}

class PlainDate implements ICalTemporalPlainDateStub {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}

  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The wall clock of a zoned time, without its zone. */
class PlainDateTime implements ICalTemporalPlainDateTimeStub {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;

  constructor(private readonly zoned: ZonedTime) {
    this.year = zoned.year;
    this.month = zoned.month;
    this.day = zoned.day;
    this.hour = zoned.hour;
    this.minute = zoned.minute;
    this.second = zoned.second;
  }

  /** The instant this wall clock was read from, in `zone` (ical-generator never asks for another). */
  toZonedDateTime(zone: string): ZonedTime {
    return this.zoned.withTimeZone(zone);
  }

  toPlainDate(): PlainDate {
    return new PlainDate(this.year, this.month, this.day);
  }

  toString(): string {
    return `${this.toPlainDate().toString()}T${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

class Instant implements ICalTemporalInstantStub {
  constructor(readonly epochMilliseconds: number) {}

  toZonedDateTimeISO(zone: string): ZonedTime {
    return new ZonedTime(this.epochMilliseconds, zone);
  }

  toString(): string {
    return new Date(this.epochMilliseconds).toISOString();
  }

  toJSON(): string {
    return this.toString();
  }
}

export class ZonedTime implements ICalTemporalZonedDateTimeStub {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;

  constructor(
    readonly epochMilliseconds: number,
    readonly timeZoneId: string,
  ) {
    const wall = new Date(epochMilliseconds + offsetAt(epochMilliseconds, timeZoneId) * 60_000);
    this.year = wall.getUTCFullYear();
    this.month = wall.getUTCMonth() + 1;
    this.day = wall.getUTCDate();
    this.hour = wall.getUTCHours();
    this.minute = wall.getUTCMinutes();
    this.second = wall.getUTCSeconds();
  }

  static of(instant: Date | string, zone: string): ZonedTime {
    return new ZonedTime(typeof instant === 'string' ? Date.parse(instant) : instant.getTime(), zone);
  }

  withTimeZone(zone: string): ZonedTime {
    return zone === this.timeZoneId ? this : new ZonedTime(this.epochMilliseconds, zone);
  }

  toInstant(): Instant {
    return new Instant(this.epochMilliseconds);
  }

  toPlainDateTime(): PlainDateTime {
    return new PlainDateTime(this);
  }

  /** "2027-03-09T14:00:00[Europe/Paris]", as Temporal writes it (without the offset). */
  toString(): string {
    return `${this.toPlainDateTime().toString()}[${this.timeZoneId}]`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/**
 * An event's start and end for ical-generator: local times with the zone's TZID, so that calendars follow the
 * summit's zone; or both in UTC when either falls in an hour the clocks repeat, which a local time cannot name
 * unambiguously (RFC 5545 reads it as the first pass; ical.js, for one, as the second), or when no trusted
 * VTIMEZONE defines the zone.
 */
export function eventTimes(
  start: Date | string,
  end: Date | string,
  zone: string,
): { start: ZonedTime; end: ZonedTime; timezone: string | null } {
  const first = ZonedTime.of(start, zone);
  const last = ZonedTime.of(end, zone);
  const nameable =
    vtimezone(zone) !== null &&
    !inRepeatedHour(first.epochMilliseconds, zone) &&
    !inRepeatedHour(last.epochMilliseconds, zone);
  return { start: first, end: last, timezone: nameable ? zone : null };
}
