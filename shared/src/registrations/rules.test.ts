import { describe, expect, it } from 'vitest';
import {
  allocateSeat,
  offerDeadline,
  quotasApply,
  registrationState,
  registrationWindow,
  seatPoolKey,
  summitModes,
  type SeatCount,
} from './rules';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('the ways of attending', () => {
  it('follow the summit’s format', () => {
    expect(summitModes('in_person')).toEqual(['in_person']);
    expect(summitModes('virtual')).toEqual(['virtual']);
    expect(summitModes('hybrid')).toEqual(['in_person', 'virtual']);
  });
});

describe('the registration window', () => {
  const summit = {
    registrationOpensAt: null,
    registrationClosesAt: null,
    publishedAt: at('2027-01-10T09:00:00Z'),
    endDate: '2027-03-12',
    timeZone: 'Asia/Seoul',
  };

  it('runs from publication to the end of the last day in the summit’s zone, unless set', () => {
    expect(registrationWindow(summit)).toEqual({
      opensAt: at('2027-01-10T09:00:00Z'),
      closesAt: at('2027-03-12T15:00:00Z'),
    });
    const set = {
      ...summit,
      registrationOpensAt: at('2027-02-01T00:00:00Z'),
      registrationClosesAt: at('2027-03-01T00:00:00Z'),
    };
    expect(registrationWindow(set)).toEqual({
      opensAt: at('2027-02-01T00:00:00Z'),
      closesAt: at('2027-03-01T00:00:00Z'),
    });
  });

  it('says whether it is open, not yet open, unscheduled or closed', () => {
    const window = { opensAt: 1000, closesAt: 2000 };
    expect(registrationState(window, 999)).toEqual({ state: 'not-yet', opensAt: 1000, closesAt: 2000 });
    expect(registrationState(window, 1000)).toEqual({ state: 'open', closesAt: 2000 });
    expect(registrationState(window, 2000)).toEqual({ state: 'closed', closedAt: 2000 });
    expect(registrationState({ opensAt: null, closesAt: 2000 }, 1500)).toEqual({ state: 'unscheduled' });
    expect(registrationState(window, 1500, true)).toEqual({ state: 'closed', closedAt: null });
  });
});

describe('seat allocation', () => {
  const seats = (overrides: Partial<SeatCount> = {}): SeatCount => ({
    capacity: 10,
    held: 0,
    quotas: new Map(),
    quotasApply: true,
    heldByPool: new Map(),
    ...overrides,
  });

  it('takes from the common pool without quotas, and from nowhere once the capacity is held', () => {
    expect(allocateSeat(seats(), 'vhio')).toEqual({ kind: 'common' });
    expect(allocateSeat(seats({ held: 10 }), 'vhio')).toBeNull();
    expect(allocateSeat(seats({ capacity: null, held: 5000 }), null)).toEqual({ kind: 'common' });
  });

  it('gives an institution its reserved seats first, then the common pool, never another’s quota', () => {
    const quotas = new Map([
      ['vhio', 3],
      ['asan', 5],
    ]);
    expect(allocateSeat(seats({ quotas }), 'vhio')).toEqual({ kind: 'quota', institutionId: 'vhio' });
    const vhioFull = seats({ quotas, held: 3, heldByPool: new Map([['vhio', 3]]) });
    expect(allocateSeat(vhioFull, 'vhio')).toEqual({ kind: 'common' });
    const poolFull = seats({
      quotas,
      held: 5,
      heldByPool: new Map([
        ['vhio', 3],
        ['pool', 2],
      ]),
    });
    expect(allocateSeat(poolFull, 'vhio')).toBeNull();
    // Asan's five seats are still free, but they are Asan's.
    expect(allocateSeat(poolFull, null)).toBeNull();
    expect(allocateSeat(poolFull, 'asan')).toEqual({ kind: 'quota', institutionId: 'asan' });
  });

  it('makes all seats one pool once the quotas are released', () => {
    const quotas = new Map([['asan', 8]]);
    const released = seats({ quotas, quotasApply: false, held: 2, heldByPool: new Map([['pool', 2]]) });
    expect(allocateSeat(released, 'vhio')).toEqual({ kind: 'common' });
    expect(quotasApply(null, at('2027-01-01T00:00:00Z'))).toBe(true);
    expect(quotasApply(at('2027-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(false);
  });

  it('stores the common pool as "pool" and a quota by its institution', () => {
    expect(seatPoolKey({ kind: 'common' })).toBe('pool');
    expect(seatPoolKey({ kind: 'quota', institutionId: 'asan' })).toBe('asan');
  });
});

describe('the deadline of an offered seat', () => {
  const now = at('2027-03-01T10:00:00Z');

  it('is the summit’s window while the summit is far', () => {
    expect(offerDeadline(now, at('2027-03-20T00:00:00Z'), 48)).toEqual(new Date(now.getTime() + 48 * HOUR));
  });

  it('shrinks to half the time left as the summit approaches, at least an hour, never past its start', () => {
    expect(offerDeadline(now, new Date(now.getTime() + 10 * HOUR), 48)).toEqual(new Date(now.getTime() + 5 * HOUR));
    expect(offerDeadline(now, new Date(now.getTime() + HOUR), 48)).toEqual(new Date(now.getTime() + HOUR));
    expect(offerDeadline(now, new Date(now.getTime() + 30 * 60_000), 48)).toEqual(
      new Date(now.getTime() + 30 * 60_000),
    );
  });

  it('does not exist once the summit has begun', () => {
    expect(offerDeadline(now, now, 48)).toBeNull();
  });
});
