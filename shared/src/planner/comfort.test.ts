import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../time/zones';
import {
  BURDEN_GRADES,
  burdenGrade,
  comfortClass,
  comfortOfLocalSpan,
  GRADE_COMFORT,
  GRADE_RANK,
  gradeOfLocalSpan,
  localSlot,
  type BurdenGrade,
  type Comfort,
} from './comfort';

// The reference below reads Intl.DateTimeFormat directly, minute by minute, and shares no code with
// the planner: if both agree across every change of the clocks, the planner's arithmetic is right.

const MEMBER_ZONES = [
  'Asia/Seoul',
  'America/New_York',
  'Europe/Berlin',
  'Europe/Paris',
  'Australia/Melbourne',
  'America/Toronto',
  'Europe/Madrid',
  'America/Los_Angeles',
] as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const referenceFormatters = new Map<string, Intl.DateTimeFormat>();
function reference(instant: number, zone: string) {
  let formatter = referenceFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    referenceFormatters.set(zone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    hour: Number(parts.hour),
    weekend: parts.weekday === 'Sat' || parts.weekday === 'Sun',
    text: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`,
    offsetMinutes:
      (Date.UTC(
        Number(parts.year),
        Number(parts.month) - 1,
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
      ) -
        instant) /
      MINUTE,
  };
}

/** The class by the words, checked on every `stepMinutes` of the session. */
function referenceComfort(start: number, durationMinutes: number, zone: string, stepMinutes = 1): Comfort {
  let comfort: Comfort = 'working';
  for (let minute = 0; minute < durationMinutes; minute += stepMinutes) {
    const { hour, weekend } = reference(start + minute * MINUTE, zone);
    if (hour < 7 || hour >= 22) return 'night';
    if (weekend || hour < 9 || hour >= 18) comfort = 'acceptable';
  }
  return comfort;
}

/** Every change of the clocks in `zone` during 2026–2028, found by reading offsets hour by hour. */
function transitions(zone: string): number[] {
  const found: number[] = [];
  let previous = reference(Date.UTC(2026, 0, 1), zone).offsetMinutes;
  for (let hour = Date.UTC(2026, 0, 1) + HOUR; hour < Date.UTC(2029, 0, 1); hour += HOUR) {
    const offset = reference(hour, zone).offsetMinutes;
    if (offset !== previous) found.push(hour);
    previous = offset;
  }
  return found;
}

const TRANSITIONS = new Map(MEMBER_ZONES.map((zone) => [zone, transitions(zone)]));
const day = (instant: number) => new Date(instant).toISOString().slice(0, 10);

describe('comfort classes of a local wall-clock time', () => {
  const clock = (date: string, time: string) => {
    const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    const weekday = ((new Date(Date.UTC(year, month - 1, dayOfMonth)).getUTCDay() + 6) % 7) + 1;
    return { year, month, day: dayOfMonth, hour, minute, second: 0, weekday };
  };
  // Tuesday 9 March 2027, Saturday 13 March 2027.
  const tuesday = (time: string, minutes: number) => comfortClass(clock('2027-03-09', time), minutes);
  const saturday = (time: string, minutes: number) => comfortClass(clock('2027-03-13', time), minutes);

  it('is working when the whole session lies between 09:00 and 18:00 on a weekday', () => {
    expect(tuesday('09:00', 90)).toBe('working');
    expect(tuesday('16:30', 90)).toBe('working');
    expect(tuesday('09:00', 540)).toBe('working');
  });

  it('is acceptable early, late, or when part of the session leaves working hours', () => {
    expect(tuesday('07:00', 90)).toBe('acceptable');
    expect(tuesday('08:45', 90)).toBe('acceptable');
    expect(tuesday('17:00', 90)).toBe('acceptable');
    expect(tuesday('20:30', 90)).toBe('acceptable');
  });

  it('is night when any minute falls between 22:00 and 07:00, whatever the rest', () => {
    expect(tuesday('06:45', 90)).toBe('night');
    expect(tuesday('21:00', 90)).toBe('night');
    expect(tuesday('02:00', 60)).toBe('night');
    expect(tuesday('07:00', 15 * 60)).toBe('acceptable');
    expect(tuesday('07:00', 15 * 60 + 1)).toBe('night');
  });

  it('makes weekend daytime acceptable, never working', () => {
    expect(saturday('10:00', 90)).toBe('acceptable');
    expect(saturday('21:00', 90)).toBe('night');
  });

  it('reads the local weekday: Friday afternoon is working time, Saturday morning is not', () => {
    expect(comfortClass(clock('2027-03-12', '16:00'), 120)).toBe('working');
    expect(comfortClass(clock('2027-03-13', '09:00'), 120)).toBe('acceptable');
    expect(comfortClass(clock('2027-03-15', '09:00'), 120)).toBe('working');
  });

  it('classes a stretch of local time by its worst minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 * 24 * 60 }), fc.integer({ min: 1, max: 600 }), (from, length) => {
        const whole = comfortOfLocalSpan(from, from + length);
        const cut = from + Math.floor(length / 2);
        const halves = [
          comfortOfLocalSpan(from, cut === from ? from + 1 : cut),
          comfortOfLocalSpan(cut, from + length),
        ];
        const rank = { working: 0, acceptable: 1, night: 2 } as const;
        expect(rank[whole]).toBe(Math.max(...halves.map((half) => rank[half])));
      }),
    );
  });
});

describe('the burden of each local hour, graded', () => {
  const clock = (date: string, time: string) => {
    const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    return { year, month, day: dayOfMonth, hour, minute, second: 0, weekday: 0 };
  };
  /** Tuesday 9 March 2027 (Saturday 13 March with `weekend`), one hour from `time`. */
  const hour = (time: string, weekend = false) => burdenGrade(clock(weekend ? '2027-03-13' : '2027-03-09', time), 60);

  it('grades a weekday hour by hour: working, early or late, late evening or early morning, deep night', () => {
    const grades = Array.from({ length: 24 }, (_, h) => hour(`${String(h).padStart(2, '0')}:00`).grade);
    const expected: BurdenGrade[] = [
      ...Array<BurdenGrade>(6).fill('deep-night'), // 00–06
      'unsocial', // 06–07
      'fringe', // 07–08
      'fringe', // 08–09
      ...Array<BurdenGrade>(9).fill('working'), // 09–18
      ...Array<BurdenGrade>(4).fill('fringe'), // 18–22
      'unsocial', // 22–23
      'unsocial', // 23–24
    ];
    expect(grades).toEqual(expected);
  });

  it('says which: "early morning" at 06:00, "late evening" at 23:00, "deep night" at 02:00', () => {
    expect(hour('06:00')).toMatchObject({ grade: 'unsocial', words: 'early morning' });
    expect(hour('23:00')).toMatchObject({ grade: 'unsocial', words: 'late evening' });
    expect(hour('02:00')).toMatchObject({ grade: 'deep-night', words: 'deep night' });
    expect(hour('07:00')).toMatchObject({ grade: 'fringe', words: 'early' });
    expect(hour('20:00')).toMatchObject({ grade: 'fringe', words: 'late' });
    expect(hour('11:00', true)).toMatchObject({ grade: 'fringe', words: 'weekend' });
    expect(hour('02:00', true)).toMatchObject({ grade: 'deep-night' });
    expect(hour('23:00', true)).toMatchObject({ grade: 'unsocial' });
  });

  it('grades a session by its worst minute, and says where it first gets there', () => {
    const tuesday = (time: string, minutes: number) => burdenGrade(clock('2027-03-09', time), minutes);
    // 23:00–00:30 reaches the deep night at midnight; 22:30–24:00 does not.
    expect(tuesday('23:00', 90)).toMatchObject({ grade: 'deep-night', words: 'deep night' });
    expect(tuesday('22:30', 90).grade).toBe('unsocial');
    // 06:00–07:30 is early morning, 05:45–07:15 is deep night.
    expect(tuesday('06:00', 90)).toMatchObject({ grade: 'unsocial', words: 'early morning' });
    expect(tuesday('05:45', 90).grade).toBe('deep-night');
    // 17:00–18:30 is late from 18:00.
    const late = tuesday('17:00', 90);
    expect(late).toMatchObject({ grade: 'fringe', words: 'late' });
    expect(late.at % (24 * 60)).toBe(18 * 60);
  });

  it('refines the three classes: each grade lies inside one class, in the same order', () => {
    expect(BURDEN_GRADES.map((grade) => GRADE_COMFORT[grade])).toEqual(['working', 'acceptable', 'night', 'night']);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14 * 24 * 60 }), fc.integer({ min: 1, max: 600 }), (from, length) => {
        expect(GRADE_COMFORT[gradeOfLocalSpan(from, from + length).grade]).toBe(
          comfortOfLocalSpan(from, from + length),
        );
      }),
    );
  });

  it('grades a stretch like the worst of its minutes, read one by one (property)', () => {
    // The reference: the table of the grades, minute by minute; 1 January 1970 was a Thursday.
    const gradeOfMinute = (minute: number): BurdenGrade => {
      const ofDay = ((minute % 1440) + 1440) % 1440;
      const weekday = ((Math.floor(minute / 1440) + 3) % 7) + 1;
      if (ofDay < 6 * 60) return 'deep-night';
      if (ofDay < 7 * 60 || ofDay >= 22 * 60) return 'unsocial';
      if (weekday > 5 || ofDay < 9 * 60 || ofDay >= 18 * 60) return 'fringe';
      return 'working';
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14 * 24 * 60 }), fc.integer({ min: 1, max: 900 }), (from, length) => {
        let worst = from;
        for (let minute = from; minute < from + length; minute++) {
          if (GRADE_RANK[gradeOfMinute(minute)] > GRADE_RANK[gradeOfMinute(worst)]) worst = minute;
        }
        expect(gradeOfLocalSpan(from, from + length)).toMatchObject({ grade: gradeOfMinute(worst), at: worst });
      }),
      { numRuns: 500 },
    );
  });
});

describe('comfort classes across the changes of the clocks, 2026–2028', () => {
  it('finds the changes where the rules put them', () => {
    // US and Canada: second Sunday of March, first of November. EU: last Sundays of March and October.
    // Melbourne: first Sunday of April (summer ends) and of October (summer starts).
    const northAmerica = ['2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07', '2028-03-12', '2028-11-05'];
    const europe = ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', '2028-03-26', '2028-10-29'];
    expect(TRANSITIONS.get('America/New_York')?.map(day)).toEqual(northAmerica);
    expect(TRANSITIONS.get('America/Toronto')?.map(day)).toEqual(northAmerica);
    // 02:00 in Los Angeles is 10:00 or 09:00 UTC, the same day.
    expect(TRANSITIONS.get('America/Los_Angeles')?.map(day)).toEqual(northAmerica);
    for (const zone of ['Europe/Berlin', 'Europe/Paris', 'Europe/Madrid']) {
      expect(TRANSITIONS.get(zone as (typeof MEMBER_ZONES)[number])?.map(day)).toEqual(europe);
    }
    // Melbourne changes at 03:00 or 02:00 local, the previous day in UTC.
    expect(TRANSITIONS.get('Australia/Melbourne')?.map(day)).toEqual([
      '2026-04-04',
      '2026-10-03',
      '2027-04-03',
      '2027-10-02',
      '2028-04-01',
      '2028-09-30',
    ]);
    expect(TRANSITIONS.get('Asia/Seoul')).toEqual([]);
  });

  it('classes every quarter-hour start within six hours of each change like the reference', () => {
    let checked = 0;
    for (const [zone, changes] of TRANSITIONS) {
      for (const change of changes) {
        for (let start = change - 6 * HOUR; start <= change + 6 * HOUR; start += 15 * MINUTE) {
          for (const minutes of [15, 90, 240]) {
            // Every boundary of a class is on a whole local hour, which is a whole quarter hour in UTC
            // in these zones: sampling every five minutes of a session that starts on one sees them all.
            expect({
              zone,
              start: new Date(start).toISOString(),
              minutes,
              comfort: localSlot(start, minutes, zone).comfort,
            }).toEqual({
              zone,
              start: new Date(start).toISOString(),
              minutes,
              comfort: referenceComfort(start, minutes, zone, 5),
            });
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(42 * 49 * 3);
  });

  it('agrees with the reference for any minute and duration around any change, local times included', () => {
    const changes = [...TRANSITIONS].flatMap(([zone, list]) => list.map((change) => ({ zone, change })));
    fc.assert(
      fc.property(
        fc.constantFrom(...changes),
        fc.constantFrom(...MEMBER_ZONES),
        fc.integer({ min: -36 * 60, max: 36 * 60 }),
        fc.integer({ min: 3, max: 96 }),
        ({ change }, zone, minutesFromChange, fives) => {
          const start = change + minutesFromChange * MINUTE;
          const minutes = fives * 5;
          const slot = localSlot(start, minutes, zone);
          expect(slot.comfort).toBe(referenceComfort(start, minutes, zone));
          expect(slot.localStart).toBe(reference(start, zone).text);
          expect(slot.localEnd).toBe(reference(start + minutes * MINUTE, zone).text);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('is right throughout the weeks when North America has changed and Europe has not', () => {
    const gaps = [
      // Spring: North America first; autumn: Europe first.
      ['2026-03-08', '2026-03-29'],
      ['2026-10-25', '2026-11-01'],
      ['2027-03-14', '2027-03-28'],
      ['2027-10-31', '2027-11-07'],
      ['2028-03-12', '2028-03-26'],
      ['2028-10-29', '2028-11-05'],
    ].map(([from, to]) => [Date.parse(`${from}T12:00:00Z`), Date.parse(`${to}T00:00:00Z`)] as const);
    fc.assert(
      fc.property(
        fc.constantFrom(...gaps),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...MEMBER_ZONES),
        fc.integer({ min: 3, max: 96 }),
        ([from, to], at, zone, fives) => {
          const start = Math.floor((from + at * (to - from)) / (15 * MINUTE)) * 15 * MINUTE;
          const slot = localSlot(start, fives * 5, zone);
          expect(slot.comfort).toBe(referenceComfort(start, fives * 5, zone, 5));
          expect(slot.localStart).toBe(reference(start, zone).text);
        },
      ),
      { numRuns: 1000 },
    );
    // In those weeks New York is five hours behind Paris instead of six.
    const gapWeek = Date.parse('2027-03-16T14:00:00Z');
    expect(localSlot(gapWeek, 90, 'America/New_York').localStart).toBe('2027-03-16T10:00');
    expect(localSlot(gapWeek, 90, 'Europe/Paris').localStart).toBe('2027-03-16T15:00');
    const autumnGap = Date.parse('2027-11-02T14:00:00Z');
    expect(localSlot(autumnGap, 90, 'America/New_York').localStart).toBe('2027-11-02T10:00');
    expect(localSlot(autumnGap, 90, 'Europe/Paris').localStart).toBe('2027-11-02T15:00');
  });

  it('follows Melbourne’s opposite season: its summer time is the northern winter', () => {
    // 23:00 UTC: 10:00 in Melbourne in January (UTC+11), 09:00 in July (UTC+10).
    expect(localSlot(Date.parse('2027-01-12T23:00:00Z'), 90, 'Australia/Melbourne')).toMatchObject({
      localStart: '2027-01-13T10:00',
      comfort: 'working',
    });
    expect(localSlot(Date.parse('2027-07-13T23:00:00Z'), 90, 'Australia/Melbourne')).toMatchObject({
      localStart: '2027-07-14T09:00',
      comfort: 'working',
    });
    // 21:00 UTC on a Tuesday in late March: 08:00 Wednesday in Melbourne, early.
    expect(localSlot(Date.parse('2027-03-30T21:00:00Z'), 60, 'Australia/Melbourne').comfort).toBe('acceptable');
    // …and 09:00 after its clocks went back on 4 April (07:00 is still early, 06:00 would be night).
    expect(localSlot(Date.parse('2027-04-06T23:00:00Z'), 60, 'Australia/Melbourne')).toMatchObject({
      localStart: '2027-04-07T09:00',
      comfort: 'working',
    });
  });

  it('lives the repeated hour twice and skips the missing one', () => {
    // Berlin, 31 October 2027: 03:00 back to 02:00. 00:30–01:30 UTC is 02:30 (summer) to 02:30 (winter).
    expect(localSlot(Date.parse('2027-10-31T00:30:00Z'), 60, 'Europe/Berlin')).toMatchObject({
      localStart: '2027-10-31T02:30',
      localEnd: '2027-10-31T02:30',
      comfort: 'night',
    });
    // New York, 14 March 2027: 02:00 jumps to 03:00. A session from 01:30 lasting an hour ends at 03:30.
    expect(localSlot(zonedInstant('2027-03-14', '01:30', 'America/New_York'), 60, 'America/New_York')).toMatchObject({
      localStart: '2027-03-14T01:30',
      localEnd: '2027-03-14T03:30',
    });
  });
});

describe('local weekdays and dates', () => {
  it('puts a Friday evening in Boston on a Saturday morning in Seoul, which is not working time there', () => {
    const fridayEvening = zonedInstant('2027-03-12', '19:00', 'America/New_York');
    expect(localSlot(fridayEvening, 90, 'America/New_York')).toEqual({
      localStart: '2027-03-12T19:00',
      localEnd: '2027-03-12T20:30',
      weekday: 5,
      comfort: 'acceptable',
      grade: 'fringe',
      gradeAt: '19:00',
      gradeWords: 'late',
    });
    expect(localSlot(fridayEvening, 90, 'Asia/Seoul')).toEqual({
      localStart: '2027-03-13T09:00',
      localEnd: '2027-03-13T10:30',
      weekday: 6,
      comfort: 'acceptable',
      grade: 'fringe',
      gradeAt: '09:00',
      gradeWords: 'weekend',
    });
  });

  it('puts a Sunday afternoon in Thousand Oaks on a Monday morning in Seoul, which is', () => {
    const sunday = zonedInstant('2027-03-14', '17:00', 'America/Los_Angeles');
    expect(localSlot(sunday, 60, 'America/Los_Angeles')).toMatchObject({ weekday: 7, comfort: 'acceptable' });
    expect(localSlot(sunday, 60, 'Asia/Seoul')).toMatchObject({
      localStart: '2027-03-15T09:00',
      weekday: 1,
      comfort: 'working',
    });
  });
});
