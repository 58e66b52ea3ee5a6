import { describe, expect, it } from 'vitest';
import { sessionSpan, summitSpan } from './span';

const session = (startsAt: string | null, endsAt: string | null, status = 'scheduled') => ({
  status,
  startsAt,
  endsAt,
});

describe('when a summit actually happens', () => {
  it('runs from its first scheduled session’s start to its last one’s end, in any order', () => {
    const sessions = [
      session('2027-01-20T14:00:00.000Z', '2027-01-20T22:00:00.000Z'),
      session('2027-01-19T14:00:00.000Z', '2027-01-19T15:30:00.000Z'),
      session('2027-01-19T20:00:00.000Z', '2027-01-19T22:00:00.000Z'),
    ];
    expect(sessionSpan(sessions)).toEqual({ startsAt: '2027-01-19T14:00:00.000Z', endsAt: '2027-01-20T22:00:00.000Z' });
  });

  it('leaves out cancelled and unscheduled sessions', () => {
    const sessions = [
      session('2027-01-19T08:00:00.000Z', '2027-01-19T09:00:00.000Z', 'cancelled'),
      session(null, null),
      session('2027-01-19T14:00:00.000Z', '2027-01-19T15:00:00.000Z'),
      session('2027-01-21T14:00:00.000Z', '2027-01-21T15:00:00.000Z', 'cancelled'),
    ];
    expect(sessionSpan(sessions)).toEqual({ startsAt: '2027-01-19T14:00:00.000Z', endsAt: '2027-01-19T15:00:00.000Z' });
    expect(sessionSpan([session(null, null)])).toBeNull();
  });

  it('falls back to the summit’s own days while nothing is scheduled', () => {
    const days = { startsAt: '2027-01-19T05:00:00.000Z', endsAt: '2027-01-21T05:00:00.000Z' };
    expect(summitSpan({ ...days, firstSessionStartsAt: null, lastSessionEndsAt: null })).toEqual({
      start: Date.parse(days.startsAt),
      end: Date.parse(days.endsAt),
      scheduled: false,
    });
    expect(
      summitSpan({
        ...days,
        firstSessionStartsAt: '2027-01-19T14:00:00.000Z',
        lastSessionEndsAt: '2027-01-20T22:00:00Z',
      }),
    ).toEqual({ start: Date.parse('2027-01-19T14:00:00Z'), end: Date.parse('2027-01-20T22:00:00Z'), scheduled: true });
  });
});
