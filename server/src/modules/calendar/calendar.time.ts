// ical-generator formats Temporal.ZonedDateTime values natively (with their TZID). Node 20 has no
// Temporal, and luxon's zone arithmetic cost ~0.1 ms a date here (a 300-session feed took hundreds of
// milliseconds), so this is the small part of Temporal.ZonedDateTime that ical-generator reads,
// computed with the platform's cached zone maths.
import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { zoneOffsetMinutes } from '@apoc/shared';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// Offsets change only on quarter hours: cache them per zone and quarter hour.
const offsets = new Map<string, number>();
function offsetAt(epochMilliseconds: number, zone: string): number {
  const key = `${zone}|${Math.floor(epochMilliseconds / 900_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = zoneOffsetMinutes(epochMilliseconds, zone);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
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

  toInstant(): ICalTemporalInstantStub {
    const { epochMilliseconds } = this;
    return {
      epochMilliseconds,
      toJSON: () => new Date(epochMilliseconds).toISOString(),
      toZonedDateTimeISO: (zone: string) => new ZonedTime(epochMilliseconds, zone),
    };
  }

  /** "2027-03-09T14:00:00[Europe/Paris]", as Temporal writes it (without the offset). */
  toString(): string {
    return `${this.toPlainDateTime().toString()}[${this.timeZoneId}]`;
  }

  toJSON(): string {
    return this.toString();
  }

  toPlainDateTime(): ICalTemporalPlainDateTimeStub {
    const { year, month, day, hour, minute, second, epochMilliseconds } = this;
    const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
    return {
      year,
      month,
      day,
      hour,
      minute,
      second,
      toZonedDateTime: (zone: string) => new ZonedTime(epochMilliseconds, zone),
      toPlainDate: () => ({ year, month, day, toString: () => text.slice(0, 10), toJSON: () => text.slice(0, 10) }),
      toString: () => text,
      toJSON: () => text,
    };
  }
}
