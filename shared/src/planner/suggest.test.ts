import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallClock } from '../time/zones';
import { GRADE_COMFORT, type BurdenGrade } from './comfort';
import { nightBurden, rotationWeights } from './rotation';
import { compareBurden, scoreSlot, slotBurden, type AudienceGroup } from './score';
import { candidateStarts, explainPair, rankRepeatPairs, rankSlots, utcWindowMinutes, withinUtcWindow } from './suggest';

const NETWORK: AudienceGroup[] = [
  ['asan', 'Asan', 'Asia/Seoul'],
  ['dana-farber', 'Dana-Farber', 'America/New_York'],
  ['essen', 'UK Essen', 'Europe/Berlin'],
  ['gustave-roussy', 'Gustave Roussy', 'Europe/Paris'],
  ['msk', 'MSK', 'America/New_York'],
  ['peter-mac', 'Peter Mac', 'Australia/Melbourne'],
  ['princess-margaret', 'Princess Margaret', 'America/Toronto'],
  ['vhio', 'VHIO', 'Europe/Madrid'],
  ['amgen', 'Amgen', 'America/Los_Angeles'],
].map(([id, label, timeZone]) => ({ key: id!, institutionId: id!, label: label!, timeZone: timeZone!, weight: 1 }));

const iso = (instant: number) => new Date(instant).toISOString();

/**
 * A 90-minute session, checked by hand. Columns: Seoul (Asan), Melbourne (Peter Mac), Essen, Paris
 * and Barcelona (one column: the same time), Boston, New York and Toronto (idem), Thousand Oaks (Amgen).
 * W working, E early or late (07:00–09:00, 18:00–22:00), L late evening or early morning (22:00–24:00,
 * 06:00–07:00), D deep night (00:00–06:00), each by the session's worst minute.
 */
type Row = [utc: string, seoul: string, melbourne: string, europe: string, eastCoast: string, thousandOaks: string];

const GRADES: Record<string, BurdenGrade> = { W: 'working', E: 'fringe', L: 'unsocial', D: 'deep-night' };

const columns = (row: Row): Record<string, string> => {
  const [, seoul, melbourne, europe, eastCoast, thousandOaks] = row;
  return {
    asan: seoul,
    'peter-mac': melbourne,
    essen: europe,
    'gustave-roussy': europe,
    vhio: europe,
    'dana-farber': eastCoast,
    msk: eastCoast,
    'princess-margaret': eastCoast,
    amgen: thousandOaks,
  };
};

function checkRow(date: string, row: Row) {
  const slot = scoreSlot(Date.parse(`${date}T${row[0]}:00Z`), 90, NETWORK);
  const byHand = columns(row);
  for (const entry of slot.local) {
    const [time, letter] = (byHand[entry.group.key] as string).split(' ') as [string, string];
    const grade = GRADES[letter] as BurdenGrade;
    expect({
      institution: entry.group.key,
      start: entry.localStart.slice(5),
      grade: entry.grade,
      comfort: entry.comfort,
    }).toEqual({ institution: entry.group.key, start: time, grade, comfort: GRADE_COMFORT[grade] });
  }
  return slot;
}

describe('a 90-minute session on Tuesday 9 March 2027, before any clock change', () => {
  // Seoul UTC+9, Melbourne UTC+11 (summer), Europe UTC+1, East coast UTC−5, Thousand Oaks UTC−8.
  const table: Row[] = [
    ['00:00', '03-09T09:00 W', '03-09T11:00 W', '03-09T01:00 D', '03-08T19:00 E', '03-08T16:00 W'],
    ['07:00', '03-09T16:00 W', '03-09T18:00 E', '03-09T08:00 E', '03-09T02:00 D', '03-08T23:00 D'],
    ['14:00', '03-09T23:00 D', '03-10T01:00 D', '03-09T15:00 W', '03-09T09:00 W', '03-09T06:00 L'],
    ['15:00', '03-10T00:00 D', '03-10T02:00 D', '03-09T16:00 W', '03-09T10:00 W', '03-09T07:00 E'],
    ['17:00', '03-10T02:00 D', '03-10T04:00 D', '03-09T18:00 E', '03-09T12:00 W', '03-09T09:00 W'],
    ['21:00', '03-10T06:00 L', '03-10T08:00 E', '03-09T22:00 L', '03-09T16:00 W', '03-09T13:00 W'],
    ['22:00', '03-10T07:00 E', '03-10T09:00 W', '03-09T23:00 D', '03-09T17:00 E', '03-09T14:00 W'],
  ];
  // By hand, [institutions in the deep night, penalty] with E 1, L 3, D 10: 00:00 → 3 deep nights and 3
  // late = [3, 33]; 07:00 → 4 deep nights, 4 early or late = [4, 44]; 14:00 → 2 deep nights and Amgen at
  // 06:00 = [2, 23]; 15:00 → [2, 21]; 17:00 → [2, 23]; 21:00 → nobody woken, 4 at 22:00 or 06:00 and
  // Melbourne at 08:00 = [0, 13]; 22:00 → Europe from 23:00 into the deep night, 4 late = [3, 34].
  const byHand = {
    '00:00': [3, 33],
    '07:00': [4, 44],
    '14:00': [2, 23],
    '15:00': [2, 21],
    '17:00': [2, 23],
    '21:00': [0, 13],
    '22:00': [3, 34],
  };

  it('gives each city the local time and grade of the hand-made table', () => {
    for (const row of table) {
      const slot = checkRow('2027-03-09', row);
      expect([slot.deepNight, slot.penalty]).toEqual(byHand[row[0] as keyof typeof byHand]);
    }
  });

  it('picks 21:00 UTC: nobody in the deep night, Europe at 22:00 and Seoul at 06:00 rather than Seoul and Melbourne asleep', () => {
    // 15:00 UTC, the top slot before the grading (00:00 in Seoul, 02:00 in Melbourne), now ranks behind
    // every slot that wakes nobody, whatever their penalties.
    const [best, ...rest] = rankSlots({
      dates: ['2027-03-09'],
      durationMinutes: 90,
      audience: NETWORK,
      dayZone: 'UTC',
    });
    expect(iso(best!.startsAt)).toBe('2027-03-09T21:00:00.000Z');
    expect(rest.slice(0, 2).map((slot) => iso(slot.startsAt))).toEqual([
      '2027-03-09T21:15:00.000Z',
      '2027-03-09T21:30:00.000Z',
    ]);
    expect(best).toMatchObject({ deepNight: 0, penalty: 13 });
    expect(rest[2]!.deepNight).toBe(1);
  });

  it('pairs 00:00 UTC (Seoul, Melbourne, Thousand Oaks) with 15:00 UTC (Europe, East coast): everyone at work once', () => {
    const slots = rankSlots({ dates: ['2027-03-09'], durationMinutes: 90, audience: NETWORK, dayZone: 'UTC' });
    const [best] = rankRepeatPairs(slots, 3);
    expect([iso(best!.first.startsAt), iso(best!.second.startsAt)]).toEqual([
      '2027-03-09T00:00:00.000Z',
      '2027-03-09T15:00:00.000Z',
    ]);
    expect(best!.everyoneHasWorkingOption).toBe(true);
    expect(best!.coveragePenalty).toBe(0);
    expect(Object.fromEntries(best!.choices.map((choice) => [choice.group.key, choice.run]))).toEqual({
      asan: 'first',
      'peter-mac': 'first',
      amgen: 'first',
      essen: 'second',
      'gustave-roussy': 'second',
      vhio: 'second',
      'dana-farber': 'second',
      msk: 'second',
      'princess-margaret': 'second',
    });
    expect(explainPair(best!)).toBe(
      'First run for Asan, Peter Mac and Amgen (in working hours); second run for Dana-Farber, UK Essen, Gustave Roussy, MSK, Princess Margaret and VHIO (in working hours).',
    );
  });

  it('keeps a speaker from Seoul out of the night (22:00–07:00 there), or in working hours when asked', () => {
    const slots = rankSlots({
      dates: ['2027-03-09'],
      durationMinutes: 90,
      audience: NETWORK,
      dayZone: 'UTC',
      mustAttend: [{ timeZone: 'Asia/Seoul' }],
    });
    // 21:00 UTC is 06:00 in Seoul: not allowed.
    expect(slots.map((slot) => iso(slot.startsAt))).not.toContain('2027-03-09T21:00:00.000Z');
    expect(slots.every((slot) => slot.local[0]!.comfort !== 'night')).toBe(true);
    const working = rankSlots({
      dates: ['2027-03-09'],
      durationMinutes: 90,
      audience: NETWORK,
      dayZone: 'UTC',
      mustAttend: [{ timeZone: 'Asia/Seoul' }],
      mustAttendComfort: 'working',
    });
    expect(working.every((slot) => slot.local[0]!.comfort === 'working')).toBe(true);
    expect(working.length).toBeLessThan(slots.length);
  });
});

describe('a 90-minute session on Wednesday 10 March 2027 across the network', () => {
  /** Every local minute of the session, read with Intl, outside 00:00–06:00: no code shared with the planner. */
  const wakesNobody = (startsAt: number, minutes: number, zone: string) =>
    Array.from({ length: minutes }, (_, minute) => wallClock(startsAt + minute * 60_000, zone).hour).every(
      (hour) => hour >= 6,
    );

  it('puts its top slot where no centre is between 00:00 and 06:00 local', () => {
    const [best] = rankSlots({ dates: ['2027-03-10'], durationMinutes: 90, audience: NETWORK, dayZone: 'UTC' });
    for (const group of NETWORK) {
      expect({ zone: group.timeZone, awake: wakesNobody(best!.startsAt, 90, group.timeZone) }).toEqual({
        zone: group.timeZone,
        awake: true,
      });
    }
    // Europe at 22:00, Seoul at 06:00, rather than the old 15:00 UTC: 00:00 in Seoul and 02:00 in Melbourne.
    expect(iso(best!.startsAt)).toBe('2027-03-10T21:00:00.000Z');
    expect(best!.score).toBeGreaterThanOrEqual(50);
    const old = scoreSlot(Date.parse('2027-03-10T15:00:00Z'), 90, NETWORK);
    expect(old.score).toBeLessThan(best!.score);
    expect(old.local.find((entry) => entry.group.key === 'peter-mac')).toMatchObject({
      localStart: '2027-03-11T02:00',
      grade: 'deep-night',
    });
  });
});

describe('a 90-minute session on Tuesday 16 March 2027, when North America has changed its clocks and Europe not', () => {
  // Seoul UTC+9, Melbourne UTC+11, Europe UTC+1, East coast UTC−4 (summer), Thousand Oaks UTC−7 (summer).
  const table: Row[] = [
    ['00:00', '03-16T09:00 W', '03-16T11:00 W', '03-16T01:00 D', '03-15T20:00 E', '03-15T17:00 E'],
    ['13:00', '03-16T22:00 L', '03-17T00:00 D', '03-16T14:00 W', '03-16T09:00 W', '03-16T06:00 L'],
    ['14:00', '03-16T23:00 D', '03-17T01:00 D', '03-16T15:00 W', '03-16T10:00 W', '03-16T07:00 E'],
    ['15:00', '03-17T00:00 D', '03-17T02:00 D', '03-16T16:00 W', '03-16T11:00 W', '03-16T08:00 E'],
    ['16:00', '03-17T01:00 D', '03-17T03:00 D', '03-16T17:00 E', '03-16T12:00 W', '03-16T09:00 W'],
    ['21:00', '03-17T06:00 L', '03-17T08:00 E', '03-16T22:00 L', '03-16T17:00 E', '03-16T14:00 W'],
    ['23:30', '03-17T08:30 E', '03-17T10:30 W', '03-17T00:30 D', '03-16T19:30 E', '03-16T16:30 W'],
  ];
  const byHand = {
    '00:00': [3, 34],
    '13:00': [1, 16],
    '14:00': [2, 21],
    '15:00': [2, 21],
    '16:00': [2, 23],
    '21:00': [0, 16],
    '23:30': [3, 34],
  };

  it('gives each city the local time and grade of the hand-made table', () => {
    for (const row of table) {
      const slot = checkRow('2027-03-16', row);
      expect([slot.deepNight, slot.penalty]).toEqual(byHand[row[0] as keyof typeof byHand]);
    }
  });

  it('still picks 21:00 UTC, though the East coast is now past 17:00 and into its evening', () => {
    const [best] = rankSlots({ dates: ['2027-03-16'], durationMinutes: 90, audience: NETWORK, dayZone: 'UTC' });
    expect(iso(best!.startsAt)).toBe('2027-03-16T21:00:00.000Z');
    expect(best).toMatchObject({ deepNight: 0, penalty: 16 });
  });

  it('cannot give everyone a working-hours run that day: the best pair leaves Amgen early or late', () => {
    // Seoul works until 07:30 UTC and Europe from 08:00 UTC; Thousand Oaks works from 16:00 UTC, and
    // at 00:00 UTC its day has just ended (17:00–18:30). With 13:00 UTC as the second run (06:00 in
    // Thousand Oaks, midnight in Melbourne) Amgen picks the first: the same cover as 14:00 UTC, but
    // both runs together wake fewer (Melbourne only, Seoul at 22:00).
    const slots = rankSlots({ dates: ['2027-03-16'], durationMinutes: 90, audience: NETWORK, dayZone: 'UTC' });
    const [best] = rankRepeatPairs(slots, 3);
    expect([iso(best!.first.startsAt), iso(best!.second.startsAt)]).toEqual([
      '2027-03-16T00:00:00.000Z',
      '2027-03-16T13:00:00.000Z',
    ]);
    expect(best!.everyoneHasWorkingOption).toBe(false);
    expect(best).toMatchObject({ coveragePenalty: 1, coverageDeepNight: 0 });
    expect(best!.choices.filter((choice) => choice.comfort !== 'working').map((choice) => choice.group.key)).toEqual([
      'amgen',
    ]);
  });

  it('prefers 9 March when both dates are offered: Boston and New York are still at work at 21:00 UTC then', () => {
    const [best] = rankSlots({
      dates: ['2027-03-16', '2027-03-09'],
      durationMinutes: 90,
      audience: NETWORK,
      dayZone: 'UTC',
    });
    expect(iso(best!.startsAt)).toBe('2027-03-09T21:00:00.000Z');
  });
});

describe('rotation moves the burden elsewhere', () => {
  // Asan, Gustave Roussy and MSK on 9 March 2027: from 11:00 to 12:30 UTC Paris is at work and nobody is
  // in the deep night, but either Seoul is late (21:00 or later) or New York is early (before 07:00).
  const three = NETWORK.filter((group) => ['asan', 'gustave-roussy', 'msk'].includes(group.key));
  const search = { dates: ['2027-03-09'], durationMinutes: 90, audience: three, dayZone: 'UTC' };
  const gradeOf = (slot: ReturnType<typeof rankSlots>[number], key: string) =>
    slot.local.find((entry) => entry.group.key === key)?.gradeWords;

  it('gives MSK the early morning without rotation (the earlier of two equal slots)', () => {
    const [best] = rankSlots(search);
    expect(iso(best!.startsAt)).toBe('2027-03-09T11:00:00.000Z');
    expect([gradeOf(best!, 'msk'), gradeOf(best!, 'asan')]).toEqual(['early morning', 'late']);
  });

  it('gives Asan the late evening instead once MSK has carried the nights of the last editions', () => {
    const burden = nightBurden([new Map([['msk', 2]]), new Map([['msk', 2]])]);
    const weights = rotationWeights(burden, ['asan', 'gustave-roussy', 'msk']);
    const [best] = rankSlots({ ...search, rotation: weights });
    expect(iso(best!.startsAt)).toBe('2027-03-09T12:00:00.000Z');
    expect([gradeOf(best!, 'msk'), gradeOf(best!, 'asan')]).toEqual(['early', 'late evening']);
  });

  it('never moves anyone into the deep night to spare the late evening of others', () => {
    const burden = nightBurden([new Map([['msk', 30]])]);
    const weights = rotationWeights(burden, ['asan', 'gustave-roussy', 'msk']);
    const [best] = rankSlots({ ...search, rotation: weights });
    expect(best!.deepNight).toBe(0);
  });
});

describe('candidates and constraints', () => {
  it('offers every quarter hour of each date, in the zone the dates belong to', () => {
    expect(candidateStarts(['2027-03-09'], 'UTC')).toHaveLength(96);
    // Paris skips an hour on 28 March 2027 and repeats one on 31 October 2027.
    expect(candidateStarts(['2027-03-28'], 'Europe/Paris')).toHaveLength(92);
    expect(candidateStarts(['2027-10-31'], 'Europe/Paris')).toHaveLength(100);
    expect(iso(candidateStarts(['2027-03-09'], 'Asia/Seoul')[0]!)).toBe('2027-03-08T15:00:00.000Z');
    expect(candidateStarts(['2027-03-09', '2027-03-09'], 'UTC')).toHaveLength(96);
  });

  it('keeps the whole session inside the UTC window, which may run past midnight', () => {
    const at = (time: string) => Date.parse(`2027-03-09T${time}:00Z`);
    expect(withinUtcWindow(at('06:00'), 90, '06:00', '07:30')).toBe(true);
    expect(withinUtcWindow(at('06:15'), 90, '06:00', '07:30')).toBe(false);
    expect(withinUtcWindow(at('05:45'), 90, '06:00', '07:30')).toBe(false);
    expect(withinUtcWindow(at('23:00'), 90, '22:00', '06:00')).toBe(true);
    expect(withinUtcWindow(at('01:00'), 90, '22:00', '06:00')).toBe(true);
    expect(withinUtcWindow(at('05:00'), 90, '22:00', '06:00')).toBe(false);
    expect(withinUtcWindow(at('22:30'), 90, undefined, '24:00')).toBe(true);
    expect(withinUtcWindow(at('23:00'), 90, '12:00')).toBe(false);
    expect(withinUtcWindow(at('23:00'), 90)).toBe(true);
    expect(utcWindowMinutes('22:00', '06:00')).toBe(480);
    expect(utcWindowMinutes(undefined, '24:00')).toBe(1440);
    expect(utcWindowMinutes('06:00')).toBe(1080);
  });

  it('returns only allowed starts, best first, ties by earlier start (property)', () => {
    const time = fc
      .integer({ min: 0, max: 95 })
      .map(
        (quarter) =>
          `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 3, max: 48 }),
        fc.option(time, { nil: undefined }),
        fc.option(time, { nil: undefined }),
        fc.subarray(NETWORK, { minLength: 1 }),
        (dayOffset, fives, earliestUtc, latestUtc, audience) => {
          const date = new Date(Date.UTC(2026, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
          const slots = rankSlots({
            dates: [date],
            durationMinutes: fives * 5,
            audience,
            dayZone: 'UTC',
            earliestUtc,
            latestUtc,
          });
          for (let i = 0; i < slots.length; i++) {
            const slot = slots[i]!;
            expect(withinUtcWindow(slot.startsAt, fives * 5, earliestUtc, latestUtc)).toBe(true);
            const next = slots[i + 1];
            if (next) {
              expect(compareBurden(next, slot)).toBeGreaterThanOrEqual(0);
              if (compareBurden(next, slot) === 0) expect(next.startsAt).toBeGreaterThan(slot.startsAt);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('repeat pairs', () => {
  it('find the same best pair as trying every two non-overlapping starts (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 6, max: 36 }),
        fc.subarray(NETWORK, { minLength: 2 }),
        (dayOffset, fives, audience) => {
          const date = new Date(Date.UTC(2026, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
          const slots = rankSlots({ dates: [date], durationMinutes: fives * 5, audience, dayZone: 'UTC' });
          const [found] = rankRepeatPairs(slots, 1);
          // Each group keeps the better of its two runs: the lower grade, hence the lower penalty.
          const better = (a: (typeof slots)[number]['local'][number], b: (typeof slots)[number]['local'][number]) =>
            b.penalty < a.penalty ? b : a;
          let best: { coverage: ReturnType<typeof slotBurden>; total: ReturnType<typeof slotBurden> } | null = null;
          for (const a of slots) {
            for (const b of slots) {
              if (b.startsAt < a.endsAt) continue;
              const coverage = slotBurden(a.local.map((entry, g) => better(entry, b.local[g]!)));
              const total = { deepNight: a.deepNight + b.deepNight, penalty: a.penalty + b.penalty };
              const order = best ? compareBurden(coverage, best.coverage) || compareBurden(total, best.total) : -1;
              if (order < 0) best = { coverage, total };
            }
          }
          expect(found!.coveragePenalty).toBeCloseTo(best!.coverage.penalty, 9);
          expect(found!.coverageDeepNight).toBeCloseTo(best!.coverage.deepNight, 9);
          expect(found!.first.penalty + found!.second.penalty).toBeCloseTo(best!.total.penalty, 9);
          expect(found!.second.startsAt).toBeGreaterThanOrEqual(found!.first.endsAt);
          // A pair is never worse for anyone than the best single slot.
          expect(found!.coverageDeepNight).toBeLessThanOrEqual(slots[0]!.deepNight + 1e-9);
        },
      ),
      { numRuns: 25 },
    );
  });
});
