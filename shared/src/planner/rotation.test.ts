import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EDITION_DECAY,
  isFollowedFromHome,
  nightBurden,
  ROTATION_STRENGTH,
  rotationWeights,
  tallySessions,
  type EditionSession,
} from './rotation';

const IDS = ['asan', 'essen', 'msk', 'peter-mac'];

describe('night burden', () => {
  it('counts the last edition in full, the one before at half, the one before that at a quarter', () => {
    const burden = nightBurden([
      new Map([['asan', 4]]),
      new Map([
        ['asan', 2],
        ['peter-mac', 6],
      ]),
      new Map([['essen', 8]]),
    ]);
    expect(EDITION_DECAY).toBe(0.5);
    expect(Object.fromEntries(burden)).toEqual({ asan: 5, 'peter-mac': 3, essen: 2 });
  });

  it('is empty without previous editions', () => {
    expect(nightBurden([]).size).toBe(0);
  });
});

describe('rotation weights', () => {
  const burdenArb = fc
    .tuple(...IDS.map(() => fc.integer({ min: 0, max: 30 })))
    .map((values) => new Map(IDS.map((id, i) => [id, values[i]!])));

  it('leave everyone at 1 when nobody, or everybody equally, carried nights', () => {
    expect([...rotationWeights(new Map(), IDS).values()]).toEqual([1, 1, 1, 1]);
    expect([...rotationWeights(new Map(IDS.map((id) => [id, 3])), IDS).values()]).toEqual([1, 1, 1, 1]);
  });

  it('weigh the institution that carried every night up by half, the others down', () => {
    const weights = rotationWeights(new Map([['peter-mac', 8]]), IDS);
    expect(ROTATION_STRENGTH).toBe(0.5);
    // mean 2, max 8: Peter Mac 1 + 0.5 × 6 / 8, the others 1 − 0.5 × 2 / 8.
    expect(weights.get('peter-mac')).toBeCloseTo(1.375);
    expect(weights.get('asan')).toBeCloseTo(0.875);
  });

  it('give more weight to whoever carried more nights, within 1 ± strength, averaging 1 (property)', () => {
    fc.assert(
      fc.property(burdenArb, (burden) => {
        const weights = rotationWeights(burden, IDS);
        const mean = [...weights.values()].reduce((sum, weight) => sum + weight, 0) / IDS.length;
        expect(mean).toBeCloseTo(1, 9);
        for (const a of IDS) {
          const weight = weights.get(a)!;
          expect(weight).toBeGreaterThan(1 - ROTATION_STRENGTH - 1e-9);
          expect(weight).toBeLessThanOrEqual(1 + ROTATION_STRENGTH + 1e-9);
          for (const b of IDS) {
            if (burden.get(a)! > burden.get(b)!) expect(weight).toBeGreaterThan(weights.get(b)!);
          }
        }
      }),
    );
  });
});

describe('tallying an edition', () => {
  const session = (startsAt: string, endsAt: string, extra: Partial<EditionSession> = {}): EditionSession => ({
    kind: 'plenary',
    status: 'scheduled',
    startsAt,
    endsAt,
    ...extra,
  });

  it('counts each followed session in its class at every place, skipping breaks and cancelled sessions', () => {
    // The 2024 virtual summit's opening, 07:00–07:30 in New York on 19 March 2024 (11:00 UTC).
    const sessions = [
      session('2024-03-19T11:00:00Z', '2024-03-19T11:30:00Z'),
      session('2024-03-19T13:00:00Z', '2024-03-19T13:15:00Z', { kind: 'break' }),
      session('2024-03-19T13:15:00Z', '2024-03-19T14:00:00Z', { status: 'cancelled' }),
      session('2024-03-19T14:00:00Z', '2024-03-19T15:00:00Z'),
    ];
    const tallies = tallySessions(sessions, [
      { id: 'asan', timeZone: 'Asia/Seoul' },
      { id: 'peter-mac', timeZone: 'Australia/Melbourne' },
      { id: 'msk', timeZone: 'America/New_York' },
      { id: 'amgen', timeZone: 'America/Los_Angeles' },
    ]);
    // Seoul 20:00 and 23:00; Melbourne 22:00 and 01:00; New York 07:00 and 10:00; Los Angeles 04:00 and 07:00.
    // Deep night (00:00–06:00): Melbourne's 01:00 and Los Angeles's 04:00; Seoul's 23:00 is a late evening.
    expect(Object.fromEntries(tallies)).toEqual({
      asan: { working: 0, acceptable: 1, night: 1, deepNight: 0 },
      'peter-mac': { working: 0, acceptable: 0, night: 2, deepNight: 1 },
      msk: { working: 1, acceptable: 1, night: 0, deepNight: 0 },
      amgen: { working: 0, acceptable: 1, night: 1, deepNight: 1 },
    });
  });

  it('puts nights on people at home only for editions followed from home', () => {
    expect(isFollowedFromHome('virtual')).toBe(true);
    expect(isFollowedFromHome('hybrid')).toBe(true);
    expect(isFollowedFromHome('in_person')).toBe(false);
  });
});
