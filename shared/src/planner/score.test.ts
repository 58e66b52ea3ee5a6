import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BURDEN_GRADES, GRADE_RANK, type BurdenGrade } from './comfort';
import {
  compareBurden,
  comfortCounts,
  explainSlot,
  GRADE_PENALTY,
  gradeCounts,
  scoreOutOf100,
  scoreSlot,
  slotBurden,
  type AudienceGroup,
} from './score';

const NETWORK: AudienceGroup[] = [
  ['asan', 'Asan', 'Asia/Seoul', 'Seoul'],
  ['dana-farber', 'Dana-Farber', 'America/New_York', 'Boston'],
  ['essen', 'UK Essen', 'Europe/Berlin', 'Essen'],
  ['gustave-roussy', 'Gustave Roussy', 'Europe/Paris', 'Villejuif'],
  ['msk', 'MSK', 'America/New_York', 'New York'],
  ['peter-mac', 'Peter Mac', 'Australia/Melbourne', 'Melbourne'],
  ['princess-margaret', 'Princess Margaret', 'America/Toronto', 'Toronto'],
  ['vhio', 'VHIO', 'Europe/Madrid', 'Barcelona'],
  ['amgen', 'Amgen', 'America/Los_Angeles', 'Thousand Oaks'],
].map(([id, label, timeZone, place]) => ({
  key: id!,
  institutionId: id!,
  label: label!,
  place: place!,
  timeZone: timeZone!,
  weight: 1,
}));

const gradeArb = fc.constantFrom(...BURDEN_GRADES);
// Factors as the planner makes them: a headcount (up to 100,000) times a rotation weight (0.5–1.5).
const factorArb = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0.5, max: 1.5, noNaN: true }))
  .map(([headcount, rotation]) => headcount * rotation);
const entryArb = fc.record({ grade: gradeArb, factor: factorArb });
const totalOf = (entries: readonly { factor: number }[]) => entries.reduce((sum, entry) => sum + entry.factor, 0);

describe('the burden of a slot', () => {
  it('puts one institution in the deep night behind all eight others in the late evening', () => {
    const oneDeepNight = slotBurden([
      { grade: 'deep-night', factor: 1 },
      ...Array.from({ length: 8 }, () => ({ grade: 'working' as const, factor: 1 })),
    ]);
    const eightLateEvenings = slotBurden([
      { grade: 'working', factor: 1 },
      ...Array.from({ length: 8 }, () => ({ grade: 'unsocial' as const, factor: 1 })),
    ]);
    expect(compareBurden(oneDeepNight, eightLateEvenings)).toBeGreaterThan(0);
    expect(scoreOutOf100(oneDeepNight, 9)).toBeLessThan(scoreOutOf100(eightLateEvenings, 9));
    expect(GRADE_PENALTY).toEqual({ working: 0, fringe: 1, unsocial: 3, 'deep-night': 10 });
  });

  it('never lets any number of people in the late evening outweigh one group woken in the deep night (property)', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 40 }),
        factorArb,
        (others, which, factor) => {
          // The same audience at two slots: in one, a group is woken in the deep night; in the other it is
          // spared, and everyone else who was not already there is put in the late evening instead.
          const index = which % (others.length + 1);
          const withGroup = (grade: BurdenGrade, factor: number, rest: typeof others) => [
            ...rest.slice(0, index),
            { grade, factor },
            ...rest.slice(index),
          ];
          const lateForAll = others.map((entry) =>
            GRADE_RANK[entry.grade] < GRADE_RANK.unsocial ? { ...entry, grade: 'unsocial' as const } : entry,
          );
          const woke = withGroup('deep-night', factor, others);
          const lateInstead = withGroup('unsocial', factor, lateForAll);
          expect(compareBurden(slotBurden(woke), slotBurden(lateInstead))).toBeGreaterThan(0);
          expect(scoreOutOf100(slotBurden(woke), totalOf(woke))).toBeLessThanOrEqual(
            scoreOutOf100(slotBurden(lateInstead), totalOf(lateInstead)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never improves when one group’s grade gets worse (property)', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 40 }), fc.nat(), gradeArb, (entries, which, worse) => {
        const index = which % entries.length;
        const before = entries[index]!;
        fc.pre(GRADE_RANK[worse] > GRADE_RANK[before.grade]);
        const worsened = entries.map((entry, i) => (i === index ? { ...entry, grade: worse } : entry));
        const total = totalOf(entries);
        expect(compareBurden(slotBurden(worsened), slotBurden(entries))).toBeGreaterThan(0);
        expect(scoreOutOf100(slotBurden(worsened), total)).toBeLessThanOrEqual(
          scoreOutOf100(slotBurden(entries), total),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('ranks two real slots in the order of their grades when one is no worse for anyone (property)', () => {
    const quarterHours = fc.integer({ min: Date.UTC(2026, 0, 1) / 900_000, max: Date.UTC(2029, 0, 1) / 900_000 });
    fc.assert(
      fc.property(quarterHours, quarterHours, fc.integer({ min: 3, max: 96 }), (a, b, fives) => {
        const first = scoreSlot(a * 900_000, fives * 5, NETWORK);
        const second = scoreSlot(b * 900_000, fives * 5, NETWORK);
        const noWorse = first.local.every((entry, i) => GRADE_RANK[entry.grade] <= GRADE_RANK[second.local[i]!.grade]);
        if (noWorse) {
          expect(compareBurden(first, second)).toBeLessThanOrEqual(0);
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
    // 17:00 UTC on a Tuesday: 02:00 in Seoul (deep night), 18:00–19:30 in Paris (late).
    const slot = scoreSlot(Date.parse('2027-03-09T17:00:00Z'), 90, [few, many]);
    expect(slot.local.map((entry) => [entry.grade, entry.penalty])).toEqual([
      ['deep-night', 20],
      ['fringe', 30],
    ]);
    expect(slot).toMatchObject({ deepNight: 2, penalty: 50 });
  });

  it('multiplies an institution’s penalty by its rotation weight, and only an institution’s', () => {
    const start = Date.parse('2027-03-09T15:00:00Z');
    const plain = scoreSlot(start, 90, NETWORK);
    const rotated = scoreSlot(start, 90, NETWORK, new Map([['asan', 1.5]]));
    expect(rotated.penalty - plain.penalty).toBeCloseTo(5);
    expect(rotated.deepNight - plain.deepNight).toBeCloseTo(0.5);
    expect(rotated.local.find((entry) => entry.group.key === 'asan')?.penalty).toBe(15);
  });
});

describe('moving a centre from 23:00 into 02:00', () => {
  // Fixed-offset zones put a centre at any local hour: Etc/GMT-9 is UTC+9 (the sign is POSIX's).
  const etcZone = (offsetHours: number) => {
    const offset = ((((offsetHours + 12) % 24) + 24) % 24) - 12;
    return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  };
  const memberZone = fc.constantFrom(...new Set(NETWORK.map((group) => group.timeZone)));
  const othersArb = fc.array(fc.record({ timeZone: memberZone, weight: fc.integer({ min: 1, max: 5_000 }) }), {
    maxLength: 12,
  });

  it('never improves the score or the rank of a slot, whoever the others are (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1) / 3_600_000, max: Date.UTC(2029, 0, 1) / 3_600_000 }),
        fc.integer({ min: 3, max: 48 }),
        othersArb,
        fc.integer({ min: 1, max: 5_000 }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        (hour, fives, others, weight, rotation) => {
          const startsAt = hour * 3_600_000;
          const utcHour = new Date(startsAt).getUTCHours();
          const centre = (timeZone: string): AudienceGroup => ({
            key: 'centre',
            institutionId: 'centre',
            label: 'Centre',
            timeZone,
            weight,
          });
          const audience = (timeZone: string): AudienceGroup[] => [
            centre(timeZone),
            ...others.map((other, i) => ({ ...other, key: `zone-${i}`, institutionId: null, label: `Zone ${i}` })),
          ];
          const weights = new Map([['centre', rotation]]);
          const late = scoreSlot(startsAt, fives * 5, audience(etcZone(23 - utcHour)), weights);
          const deep = scoreSlot(startsAt, fives * 5, audience(etcZone(2 - utcHour)), weights);
          expect(late.local[0]!.localStart.slice(11)).toBe('23:00');
          expect(deep.local[0]!).toMatchObject({ grade: 'deep-night', gradeWords: 'deep night' });
          expect(deep.local[0]!.localStart.slice(11)).toBe('02:00');
          expect(deep.score).toBeLessThanOrEqual(late.score);
          expect(compareBurden(deep, late)).toBeGreaterThanOrEqual(0);
          // Up to an hour, 23:00 is the late evening: then the move always ranks the slot lower (its
          // score, to one decimal, may already read 0.0 when nearly everyone else is asleep).
          if (fives * 5 <= 60) {
            expect(late.local[0]!.grade).toBe('unsocial');
            expect(compareBurden(deep, late)).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('the 0–100 score', () => {
  it('is 100 in working hours, 50 or more while nobody is in the deep night, below 50 once someone is', () => {
    expect(scoreOutOf100({ deepNight: 0, penalty: 0 }, 9)).toBe(100);
    expect(scoreOutOf100({ deepNight: 0, penalty: 27 }, 9)).toBe(50);
    expect(scoreOutOf100({ deepNight: 0, penalty: 13 }, 9)).toBe(75.9);
    expect(scoreOutOf100({ deepNight: 1, penalty: 10 }, 9)).toBe(44.4);
    expect(scoreOutOf100({ deepNight: 9, penalty: 90 }, 9)).toBe(0);
    // One person woken among a hundred thousand still reads below 50.
    expect(scoreOutOf100({ deepNight: 1, penalty: 10 }, 100_000)).toBe(49.9);
    expect(scoreOutOf100({ deepNight: 0, penalty: 0 }, 0)).toBe(100);
  });

  it('reads the old top slot of 9 March 2027 as 38.8: Seoul and Melbourne in the deep night', () => {
    // Tuesday 9 March 2027, 15:00 UTC: 00:00 Seoul, 02:00 Melbourne, 07:00 Thousand Oaks.
    const slot = scoreSlot(Date.parse('2027-03-09T15:00:00Z'), 90, NETWORK);
    expect(slot).toMatchObject({ deepNight: 2, penalty: 21, score: 38.8 });
    expect(comfortCounts(slot.local)).toEqual({ working: 6, acceptable: 1, night: 2 });
    expect(gradeCounts(slot.local)).toEqual({ working: 6, fringe: 1, unsocial: 0, 'deep-night': 2 });
    expect(explainSlot(slot.local)).toBe(
      'Seoul at 00:00: deep night; Melbourne at 02:00: deep night; Thousand Oaks at 07:00: early; working hours in the 6 other places.',
    );
  });

  it('names the worst places first, with the hour at which a session reaches its grade', () => {
    // 22:00 UTC: 23:00–00:30 in Europe, into the deep night; 07:00 in Seoul; 17:00–18:30 on the East coast.
    const slot = scoreSlot(Date.parse('2027-03-09T22:00:00Z'), 90, NETWORK);
    expect(explainSlot(slot.local)).toBe(
      'Essen at 23:00: deep night from 00:00; Villejuif at 23:00: deep night from 00:00; Barcelona at 23:00: deep night from 00:00; ' +
        'Seoul at 07:00: early; Boston at 17:00: late from 18:00; New York at 17:00: late from 18:00; Toronto at 17:00: late from 18:00; ' +
        'working hours in Melbourne and Thousand Oaks.',
    );
  });

  it('says so when a slot suits everyone', () => {
    const europe = NETWORK.filter((group) => group.timeZone.startsWith('Europe/'));
    const slot = scoreSlot(Date.parse('2027-03-09T10:00:00Z'), 90, europe);
    expect(slot.score).toBe(100);
    expect(explainSlot(slot.local)).toBe('Working hours for everyone.');
  });
});

it('keeps every grade in the penalty table, in the order of the grades', () => {
  expect(Object.keys(GRADE_PENALTY)).toEqual([...BURDEN_GRADES]);
  const penalties = BURDEN_GRADES.map((grade) => GRADE_PENALTY[grade]);
  expect(penalties).toEqual([...penalties].sort((a, b) => a - b));
});
