import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Comfort } from './comfort';
import { nightBurden, rotationWeights } from './rotation';
import { scoreSlot, type AudienceGroup } from './score';
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
 * W working, A early/late/weekend, N night.
 */
type Row = [utc: string, seoul: string, melbourne: string, europe: string, eastCoast: string, thousandOaks: string];

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
    const comfort: Comfort = letter === 'W' ? 'working' : letter === 'A' ? 'acceptable' : 'night';
    expect({ institution: entry.group.key, start: entry.localStart.slice(5), comfort: entry.comfort }).toEqual({
      institution: entry.group.key,
      start: time,
      comfort,
    });
  }
  return slot;
}

describe('a 90-minute session on Tuesday 9 March 2027, before any clock change', () => {
  // Seoul UTC+9, Melbourne UTC+11 (summer), Europe UTC+1, East coast UTC−5, Thousand Oaks UTC−8.
  const table: Row[] = [
    ['00:00', '03-09T09:00 W', '03-09T11:00 W', '03-09T01:00 N', '03-08T19:00 A', '03-08T16:00 W'],
    ['07:00', '03-09T16:00 W', '03-09T18:00 A', '03-09T08:00 A', '03-09T02:00 N', '03-08T23:00 N'],
    ['14:00', '03-09T23:00 N', '03-10T01:00 N', '03-09T15:00 W', '03-09T09:00 W', '03-09T06:00 N'],
    ['15:00', '03-10T00:00 N', '03-10T02:00 N', '03-09T16:00 W', '03-09T10:00 W', '03-09T07:00 A'],
    ['17:00', '03-10T02:00 N', '03-10T04:00 N', '03-09T18:00 A', '03-09T12:00 W', '03-09T09:00 W'],
    ['22:00', '03-10T07:00 A', '03-10T09:00 W', '03-09T23:00 N', '03-09T17:00 A', '03-09T14:00 W'],
  ];
  // By hand: penalties 00:00 → 3 nights + 3 early/late = 33; 07:00 → 4 + 4 = 44; 14:00 → 3 nights = 30;
  // 15:00 → 2 nights + 1 = 21; 17:00 → 2 nights + 3 = 23; 22:00 → 3 nights + 4 = 34.
  const byHand = { '00:00': 33, '07:00': 44, '14:00': 30, '15:00': 21, '17:00': 23, '22:00': 34 };

  it('gives each city the local time and class of the hand-made table', () => {
    for (const row of table) expect(checkRow('2027-03-09', row).penalty).toBe(byHand[row[0] as keyof typeof byHand]);
  });

  it('picks 15:00 UTC: Europe and the East coast at work, Amgen at 07:00, Seoul and Melbourne at night', () => {
    // No start spares everyone a night: Seoul and Melbourne share their nights with nobody else's day,
    // so two nights is the least, and among those 15:00–15:30 also keeps Europe in working hours.
    const [best, ...rest] = rankSlots({
      dates: ['2027-03-09'],
      durationMinutes: 90,
      audience: NETWORK,
      dayZone: 'UTC',
    });
    expect(iso(best!.startsAt)).toBe('2027-03-09T15:00:00.000Z');
    expect(rest.slice(0, 2).map((slot) => iso(slot.startsAt))).toEqual([
      '2027-03-09T15:15:00.000Z',
      '2027-03-09T15:30:00.000Z',
    ]);
    expect(best!.penalty).toBe(21);
    expect(rest[2]!.penalty).toBe(23);
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

  it('keeps a speaker from Seoul out of the night: the best slot becomes Seoul’s morning, 00:00 UTC', () => {
    const slots = rankSlots({
      dates: ['2027-03-09'],
      durationMinutes: 90,
      audience: NETWORK,
      dayZone: 'UTC',
      mustAttend: [{ timeZone: 'Asia/Seoul' }],
    });
    expect(iso(slots[0]!.startsAt)).toBe('2027-03-09T00:00:00.000Z');
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

describe('a 90-minute session on Tuesday 16 March 2027, when North America has changed its clocks and Europe not', () => {
  // Seoul UTC+9, Melbourne UTC+11, Europe UTC+1, East coast UTC−4 (summer), Thousand Oaks UTC−7 (summer).
  const table: Row[] = [
    ['00:00', '03-16T09:00 W', '03-16T11:00 W', '03-16T01:00 N', '03-15T20:00 A', '03-15T17:00 A'],
    ['13:00', '03-16T22:00 N', '03-17T00:00 N', '03-16T14:00 W', '03-16T09:00 W', '03-16T06:00 N'],
    ['14:00', '03-16T23:00 N', '03-17T01:00 N', '03-16T15:00 W', '03-16T10:00 W', '03-16T07:00 A'],
    ['15:00', '03-17T00:00 N', '03-17T02:00 N', '03-16T16:00 W', '03-16T11:00 W', '03-16T08:00 A'],
    ['16:00', '03-17T01:00 N', '03-17T03:00 N', '03-16T17:00 A', '03-16T12:00 W', '03-16T09:00 W'],
    ['23:30', '03-17T08:30 A', '03-17T10:30 W', '03-17T00:30 N', '03-16T19:30 A', '03-16T16:30 W'],
  ];
  const byHand = { '00:00': 34, '13:00': 30, '14:00': 21, '15:00': 21, '16:00': 23, '23:30': 34 };

  it('gives each city the local time and class of the hand-made table', () => {
    for (const row of table) expect(checkRow('2027-03-16', row).penalty).toBe(byHand[row[0] as keyof typeof byHand]);
  });

  it('picks 14:00 UTC, an hour earlier than the week before, because Thousand Oaks is now at 07:00 then', () => {
    const [best] = rankSlots({ dates: ['2027-03-16'], durationMinutes: 90, audience: NETWORK, dayZone: 'UTC' });
    expect(iso(best!.startsAt)).toBe('2027-03-16T14:00:00.000Z');
    expect(best!.penalty).toBe(21);
  });

  it('cannot give everyone a working-hours run that day: the best pair leaves Amgen early or late in both', () => {
    // Seoul works until 07:30 UTC and Europe from 08:00 UTC; Thousand Oaks works from 16:00 UTC, and
    // at 00:00 UTC its day has just ended (17:00–18:30). The pair a person would pick:
    const slots = rankSlots({ dates: ['2027-03-16'], durationMinutes: 90, audience: NETWORK, dayZone: 'UTC' });
    const [best] = rankRepeatPairs(slots, 3);
    expect([iso(best!.first.startsAt), iso(best!.second.startsAt)]).toEqual([
      '2027-03-16T00:00:00.000Z',
      '2027-03-16T14:00:00.000Z',
    ]);
    expect(best!.everyoneHasWorkingOption).toBe(false);
    expect(best!.coveragePenalty).toBe(1);
    expect(best!.choices.filter((choice) => choice.comfort !== 'working').map((choice) => choice.group.key)).toEqual([
      'amgen',
    ]);
  });

  it('prefers the 9 March slot over the tied one on 16 March when both dates are offered (earlier start)', () => {
    const [best] = rankSlots({
      dates: ['2027-03-16', '2027-03-09'],
      durationMinutes: 90,
      audience: NETWORK,
      dayZone: 'UTC',
    });
    expect(iso(best!.startsAt)).toBe('2027-03-09T15:00:00.000Z');
  });
});

describe('rotation moves the night elsewhere', () => {
  // Asan, Gustave Roussy and MSK: on 9 March 2027 every start puts one of them at night.
  const three = NETWORK.filter((group) => ['asan', 'gustave-roussy', 'msk'].includes(group.key));
  const search = { dates: ['2027-03-09'], durationMinutes: 90, audience: three, dayZone: 'UTC' };
  const nightFor = (slot: ReturnType<typeof rankSlots>[number]) =>
    slot.local.filter((entry) => entry.comfort === 'night').map((entry) => entry.group.key);

  it('puts Asan at night without rotation (Paris and New York both at work at 14:00 UTC)', () => {
    const [best] = rankSlots(search);
    expect(iso(best!.startsAt)).toBe('2027-03-09T14:00:00.000Z');
    expect(nightFor(best!)).toEqual(['asan']);
  });

  it('spares Asan once it has carried the nights of the last editions', () => {
    const burden = nightBurden([new Map([['asan', 2]]), new Map([['asan', 2]])]);
    const weights = rotationWeights(burden, ['asan', 'gustave-roussy', 'msk']);
    const [best] = rankSlots({ ...search, rotation: weights });
    expect(nightFor(best!)).not.toContain('asan');
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
              expect(next.penalty >= slot.penalty - 1e-9).toBe(true);
              if (Math.abs(next.penalty - slot.penalty) < 1e-9) expect(next.startsAt).toBeGreaterThan(slot.startsAt);
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
          let best = { coverage: Infinity, total: Infinity };
          for (const a of slots) {
            for (const b of slots) {
              if (b.startsAt < a.endsAt) continue;
              const coverage = a.local.reduce((sum, entry, g) => sum + Math.min(entry.penalty, b.local[g]!.penalty), 0);
              const total = a.penalty + b.penalty;
              if (
                coverage < best.coverage - 1e-9 ||
                (Math.abs(coverage - best.coverage) < 1e-9 && total < best.total)
              ) {
                best = { coverage, total };
              }
            }
          }
          expect(found!.coveragePenalty).toBeCloseTo(best.coverage, 9);
          expect(found!.first.penalty + found!.second.penalty).toBeCloseTo(best.total, 9);
          expect(found!.second.startsAt).toBeGreaterThanOrEqual(found!.first.endsAt);
          // A pair is never worse for anyone than the best single slot.
          expect(found!.coveragePenalty).toBeLessThanOrEqual(slots[0]!.penalty + 1e-9);
        },
      ),
      { numRuns: 25 },
    );
  });
});
