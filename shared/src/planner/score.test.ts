import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMFORT_CLASSES, COMFORT_RANK, type Comfort } from './comfort';
import {
  COMFORT_PENALTY,
  comfortCounts,
  explainSlot,
  scoreOutOf100,
  scoreSlot,
  slotPenalty,
  type AudienceGroup,
} from './score';

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

const comfortArb = fc.constantFrom(...COMFORT_CLASSES);
const entryArb = fc.record({ comfort: comfortArb, factor: fc.double({ min: 0.5, max: 500, noNaN: true }) });

describe('the penalty of a slot', () => {
  it('weighs one night for one institution above early or late hours for all eight others', () => {
    const oneNight = slotPenalty([
      { comfort: 'night', factor: 1 },
      ...Array.from({ length: 8 }, () => ({ comfort: 'working' as const, factor: 1 })),
    ]);
    const eightEarly = slotPenalty([
      { comfort: 'working', factor: 1 },
      ...Array.from({ length: 8 }, () => ({ comfort: 'acceptable' as const, factor: 1 })),
    ]);
    expect(oneNight).toBeGreaterThan(eightEarly);
    expect(COMFORT_PENALTY).toEqual({ working: 0, acceptable: 1, night: 10 });
  });

  it('never improves when one group’s class gets worse (property)', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        comfortArb,
        (entries, which, worse) => {
          const index = which % entries.length;
          const before = entries[index]!;
          fc.pre(COMFORT_RANK[worse] > COMFORT_RANK[before.comfort]);
          const worsened = entries.map((entry, i) => (i === index ? { ...entry, comfort: worse } : entry));
          const total = entries.reduce((sum, entry) => sum + entry.factor, 0);
          expect(slotPenalty(worsened)).toBeGreaterThan(slotPenalty(entries));
          expect(scoreOutOf100(slotPenalty(worsened), total)).toBeLessThanOrEqual(
            scoreOutOf100(slotPenalty(entries), total),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('ranks two real slots in the order of their classes when one is no worse for anyone (property)', () => {
    const quarterHours = fc.integer({ min: Date.UTC(2026, 0, 1) / 900_000, max: Date.UTC(2029, 0, 1) / 900_000 });
    fc.assert(
      fc.property(quarterHours, quarterHours, fc.integer({ min: 3, max: 96 }), (a, b, fives) => {
        const first = scoreSlot(a * 900_000, fives * 5, NETWORK);
        const second = scoreSlot(b * 900_000, fives * 5, NETWORK);
        const noWorse = first.local.every(
          (entry, i) => COMFORT_RANK[entry.comfort] <= COMFORT_RANK[second.local[i]!.comfort],
        );
        if (noWorse) {
          expect(first.penalty).toBeLessThanOrEqual(second.penalty);
          expect(first.score).toBeGreaterThanOrEqual(second.score);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('counts people, not places, when groups carry headcounts', () => {
    const few = { key: 'zone:Asia/Seoul', institutionId: null, label: 'Seoul', timeZone: 'Asia/Seoul', weight: 2 };
    const many = {
      key: 'zone:Europe/Paris',
      institutionId: null,
      label: 'Paris',
      timeZone: 'Europe/Paris',
      weight: 30,
    };
    // 17:00 UTC on a Tuesday: 02:00 in Seoul (night), 18:00–19:30 in Paris (late).
    const slot = scoreSlot(Date.parse('2027-03-09T17:00:00Z'), 90, [few, many]);
    expect(slot.local.map((entry) => [entry.comfort, entry.penalty])).toEqual([
      ['night', 20],
      ['acceptable', 30],
    ]);
    expect(slot.penalty).toBe(50);
  });

  it('multiplies an institution’s penalty by its rotation weight, and only an institution’s', () => {
    const start = Date.parse('2027-03-09T15:00:00Z');
    const plain = scoreSlot(start, 90, NETWORK);
    const rotated = scoreSlot(start, 90, NETWORK, new Map([['asan', 1.5]]));
    expect(rotated.penalty - plain.penalty).toBeCloseTo(5);
    expect(rotated.local.find((entry) => entry.group.key === 'asan')?.penalty).toBe(15);
  });
});

describe('the 0–100 score', () => {
  it('is 100 when everyone is in working hours, 0 when everyone is at night, linear in between', () => {
    expect(scoreOutOf100(0, 9)).toBe(100);
    expect(scoreOutOf100(90, 9)).toBe(0);
    expect(scoreOutOf100(21, 9)).toBe(76.7);
    expect(scoreOutOf100(0, 0)).toBe(100);
  });

  it('reads a slot in the hand-checked example as 76.7: two nights and one early start out of nine', () => {
    // Tuesday 9 March 2027, 15:00 UTC: 00:00 Seoul, 02:00 Melbourne, 07:00 Thousand Oaks.
    const slot = scoreSlot(Date.parse('2027-03-09T15:00:00Z'), 90, NETWORK);
    expect(slot).toMatchObject({ penalty: 21, score: 76.7 });
    expect(comfortCounts(slot.local)).toEqual({ working: 6, acceptable: 1, night: 2 });
    expect(explainSlot(slot.local)).toBe(
      'At night for Asan and Peter Mac; early, late or on a weekend for Amgen; in working hours for the 6 others.',
    );
  });

  it('says so when a slot suits everyone', () => {
    const europe = NETWORK.filter((group) => group.timeZone.startsWith('Europe/'));
    const slot = scoreSlot(Date.parse('2027-03-09T10:00:00Z'), 90, europe);
    expect(slot.score).toBe(100);
    expect(explainSlot(slot.local)).toBe('In working hours for everyone.');
  });
});

it('keeps every class in the penalty table', () => {
  const classes: Comfort[] = [...COMFORT_CLASSES];
  expect(Object.keys(COMFORT_PENALTY).sort()).toEqual(classes.sort());
});
