import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  datesBetween,
  dayBounds,
  inRepeatedHour,
  isIsoDate,
  isValidTimeZone,
  localDate,
  localTime,
  occurrenceOf,
  offsetChanges,
  wallClock,
  zoneCity,
  zonedInstantKeeping,
  zonedInstant,
  zoneOffsetMinutes,
} from './zones';

const NETWORK_ZONES = [
  'Asia/Seoul',
  'America/New_York',
  'Europe/Berlin',
  'Europe/Paris',
  'Australia/Melbourne',
  'America/Toronto',
  'Europe/Madrid',
  'America/Los_Angeles',
];

describe('zonedInstant: a wall-clock time in a zone to a UTC instant', () => {
  it('reads a time in Seoul, which has no daylight saving, as UTC+9 all year', () => {
    expect(zonedInstant('2027-01-15', '09:00', 'Asia/Seoul').toISOString()).toBe('2027-01-15T00:00:00.000Z');
    expect(zonedInstant('2027-07-15', '09:00', 'Asia/Seoul').toISOString()).toBe('2027-07-15T00:00:00.000Z');
  });

  it('follows New York across its spring change (14 March 2027)', () => {
    expect(zonedInstant('2027-03-13', '09:00', 'America/New_York').toISOString()).toBe('2027-03-13T14:00:00.000Z');
    expect(zonedInstant('2027-03-15', '09:00', 'America/New_York').toISOString()).toBe('2027-03-15T13:00:00.000Z');
  });

  it('moves a time inside the spring-forward gap forward by the gap, as calendars do', () => {
    // 02:30 does not exist in New York on 14 March 2027; it is read with the offset before the change.
    expect(zonedInstant('2027-03-14', '02:30', 'America/New_York').toISOString()).toBe('2027-03-14T07:30:00.000Z');
    expect(localTime(zonedInstant('2027-03-14', '02:30', 'America/New_York'), 'America/New_York')).toBe('03:30');
  });

  it('chooses the first of the two 02:30s when Berlin falls back (31 October 2027)', () => {
    expect(zonedInstant('2027-10-31', '02:30', 'Europe/Berlin').toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('chooses the second 02:30 when asked, and knows which pass an instant is', () => {
    const second = zonedInstant('2027-10-31', '02:30', 'Europe/Berlin', 'later');
    expect(second.toISOString()).toBe('2027-10-31T01:30:00.000Z');
    expect(occurrenceOf(second, 'Europe/Berlin')).toBe('later');
    expect(occurrenceOf(Date.parse('2027-10-31T00:30:59Z'), 'Europe/Berlin')).toBe('earlier');
    expect(occurrenceOf(Date.parse('2027-10-31T02:30:00Z'), 'Europe/Berlin')).toBe('earlier');
    // Lord Howe falls back by half an hour.
    expect(
      occurrenceOf(zonedInstant('2027-04-04', '01:45', 'Australia/Lord_Howe', 'later'), 'Australia/Lord_Howe'),
    ).toBe('later');
    // Outside an overlap there is one pass, whatever is asked.
    expect(zonedInstant('2027-10-30', '02:30', 'Europe/Berlin', 'later').toISOString()).toBe(
      '2027-10-30T00:30:00.000Z',
    );
  });

  it('keeps the pass of the instant a form field showed while the field still shows its wall time', () => {
    const second = Date.parse('2027-10-31T01:30:00Z');
    expect(zonedInstantKeeping('2027-10-31', '02:30', 'Europe/Berlin', second).getTime()).toBe(second);
    expect(zonedInstantKeeping('2027-10-31', '02:30', 'Europe/Berlin', new Date(second).toISOString()).getTime()).toBe(
      second,
    );
    // Another time typed in: read as usual.
    expect(zonedInstantKeeping('2027-10-31', '02:45', 'Europe/Berlin', second).toISOString()).toBe(
      '2027-10-31T00:45:00.000Z',
    );
    expect(zonedInstantKeeping('2027-10-31', '02:30', 'Europe/Berlin', null).toISOString()).toBe(
      '2027-10-31T00:30:00.000Z',
    );
  });

  it('finds every change of offset to the minute, in every zone the runtime knows, 2026 to 2028', () => {
    // Each day's offset (read at midnight UTC) is the one the changes found say, and each change is where the
    // offset changes: found a week at a time, none is missed.
    const wrong: string[] = [];
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      for (const year of [2026, 2027, 2028]) {
        const found = offsetChanges(zone, year);
        for (const [at, before, after] of found) {
          if (zoneOffsetMinutes(at - 60_000, zone) !== before || zoneOffsetMinutes(at, zone) !== after) {
            wrong.push(`${zone} ${new Date(at).toISOString()}: not ${before} → ${after}`);
          }
        }
        let offset = zoneOffsetMinutes(Date.UTC(year, 0, 0), zone);
        let next = 0;
        for (let day = Date.UTC(year, 0, 0); day <= Date.UTC(year + 1, 0, 2); day += 86_400_000) {
          for (; next < found.length && (found[next]?.[0] ?? Infinity) <= day; next++)
            offset = found[next]?.[2] ?? offset;
          if (zoneOffsetMinutes(day, zone) !== offset) wrong.push(`${zone} ${new Date(day).toISOString()}: missed`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('knows both passes of the hour the clocks repeat, in Berlin and on Lord Howe (half an hour)', () => {
    // Berlin, 31 October 2027: 02:30 CEST is 00:30Z, 02:30 CET is 01:30Z.
    expect(inRepeatedHour(Date.parse('2027-10-30T23:59:00Z'), 'Europe/Berlin')).toBe(false);
    expect(inRepeatedHour(Date.parse('2027-10-31T00:30:00Z'), 'Europe/Berlin')).toBe(true);
    expect(inRepeatedHour(Date.parse('2027-10-31T01:30:00Z'), 'Europe/Berlin')).toBe(true);
    expect(inRepeatedHour(Date.parse('2027-10-31T02:00:00Z'), 'Europe/Berlin')).toBe(false);
    expect(inRepeatedHour(Date.parse('2027-03-28T01:30:00Z'), 'Europe/Berlin')).toBe(false);
    expect(inRepeatedHour(Date.parse('2027-04-03T15:15:00Z'), 'Australia/Lord_Howe')).toBe(true);
    expect(inRepeatedHour(Date.parse('2027-04-03T14:45:00Z'), 'Australia/Lord_Howe')).toBe(true);
    expect(inRepeatedHour(Date.parse('2027-04-03T14:15:00Z'), 'Australia/Lord_Howe')).toBe(false);
    expect(inRepeatedHour(Date.parse('2027-10-31T01:30:00Z'), 'Asia/Seoul')).toBe(false);
  });

  it('finds a repeated hour exactly where a wall time names two instants, in every zone of the network', () => {
    fc.assert(
      fc.property(
        // Half the draws within three hours of a change that puts clocks back (Europe, North America, Australia).
        fc.oneof(
          fc.integer({ min: Date.UTC(2026, 0, 1) / 60_000, max: Date.UTC(2029, 0, 1) / 60_000 }),
          fc
            .tuple(
              fc.constantFrom(
                '2027-10-31T01:00:00Z',
                '2027-11-07T06:00:00Z',
                '2027-04-03T16:00:00Z',
                '2028-11-05T06:00:00Z',
              ),
              fc.integer({ min: -180, max: 180 }),
            )
            .map(([change, minutes]) => Date.parse(change) / 60_000 + minutes),
        ),
        fc.constantFrom(...NETWORK_ZONES),
        (minutes, zone) => {
          const instant = minutes * 60_000;
          const [date, time] = [localDate(instant, zone), localTime(instant, zone)];
          const twice =
            zonedInstant(date, time, zone, 'earlier').getTime() !== zonedInstant(date, time, zone, 'later').getTime();
          expect(inRepeatedHour(instant, zone)).toBe(twice);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('follows Melbourne, whose summer is the northern winter (change on 4 April 2027)', () => {
    expect(zonedInstant('2027-04-03', '10:00', 'Australia/Melbourne').toISOString()).toBe('2027-04-02T23:00:00.000Z');
    expect(zonedInstant('2027-04-05', '10:00', 'Australia/Melbourne').toISOString()).toBe('2027-04-05T00:00:00.000Z');
  });

  it('rejects dates that do not exist', () => {
    expect(() => zonedInstant('2027-02-29', '10:00', 'Europe/Paris')).toThrow(RangeError);
    expect(() => zonedInstant('2027-03-09', '25:00', 'Europe/Paris')).toThrow(RangeError);
  });

  it('round-trips every instant through its wall clock in every zone of the network', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2023, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }),
        fc.constantFrom(...NETWORK_ZONES),
        (minutes, zone) => {
          const instant = minutes * 60_000;
          const back = zonedInstant(localDate(instant, zone), localTime(instant, zone), zone).getTime();
          // Exact, except in a fall-back hour where the same wall time also names an earlier instant.
          expect(back === instant || (back < instant && instant - back <= 3_600_000)).toBe(true);
          expect(localTime(back, zone)).toBe(localTime(instant, zone));
          // With its pass, exact.
          const pass = occurrenceOf(instant, zone);
          expect(zonedInstant(localDate(instant, zone), localTime(instant, zone), zone, pass).getTime()).toBe(instant);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('zone facts', () => {
  it('knows the offsets of the network across the year', () => {
    const january = Date.UTC(2027, 0, 15, 12);
    const july = Date.UTC(2027, 6, 15, 12);
    expect(zoneOffsetMinutes(january, 'Australia/Melbourne')).toBe(660);
    expect(zoneOffsetMinutes(july, 'Australia/Melbourne')).toBe(600);
    expect(zoneOffsetMinutes(january, 'America/Los_Angeles')).toBe(-480);
    expect(zoneOffsetMinutes(july, 'America/Los_Angeles')).toBe(-420);
    expect(zoneOffsetMinutes(july, 'Asia/Seoul')).toBe(540);
  });

  it('puts a Friday evening in Boston on Saturday morning in Seoul', () => {
    const fridayEvening = zonedInstant('2027-03-05', '19:00', 'America/New_York');
    expect(wallClock(fridayEvening, 'America/New_York').weekday).toBe(5);
    expect(wallClock(fridayEvening, 'Asia/Seoul')).toMatchObject({ weekday: 6, hour: 9, day: 6 });
  });

  it('gives a day on which the clocks change its true length', () => {
    const spring = dayBounds('2027-03-28', 'Europe/Berlin');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const autumn = dayBounds('2027-10-31', 'Europe/Berlin');
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
  });

  it('validates zone names and dates', () => {
    expect(isValidTimeZone('Asia/Seoul')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('9 March 2027')).toBe(false);
  });

  it('does calendar arithmetic on dates without any zone', () => {
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(datesBetween('2027-03-30', '2027-04-01')).toEqual(['2027-03-30', '2027-03-31', '2027-04-01']);
    expect(zoneCity('America/Los_Angeles')).toBe('Los Angeles');
  });
});
