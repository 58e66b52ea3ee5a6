import { describe, expect, it } from 'vitest';
import { sessionCountdown, sessionPhase, STARTING_SOON_MS } from './session-status';

const start = Date.parse('2027-01-15T23:30:00Z');
const end = Date.parse('2027-01-16T00:30:00Z');
const session = {
  status: 'scheduled' as const,
  startsAt: new Date(start).toISOString(),
  endsAt: new Date(end).toISOString(),
};
const MINUTE = 60_000;

describe('sessionPhase', () => {
  it('is upcoming until a quarter of an hour before the start, then starting soon', () => {
    expect(sessionPhase(session, start - 3 * 24 * 60 * MINUTE)).toBe('upcoming');
    expect(sessionPhase(session, start - STARTING_SOON_MS - 1)).toBe('upcoming');
    expect(sessionPhase(session, start - STARTING_SOON_MS)).toBe('starting-soon');
    expect(sessionPhase(session, start - 1)).toBe('starting-soon');
  });

  it('is live from the start until the end, then ended', () => {
    expect(sessionPhase(session, start)).toBe('live');
    expect(sessionPhase(session, end - 1)).toBe('live');
    expect(sessionPhase(session, end)).toBe('ended');
  });

  it('says cancelled whatever the time, and has no phase in time without a time', () => {
    expect(sessionPhase({ ...session, status: 'cancelled' }, start + MINUTE)).toBe('cancelled');
    expect(sessionPhase({ status: 'scheduled', startsAt: null, endsAt: null }, start)).toBe('unscheduled');
  });
});

describe('sessionCountdown', () => {
  it('counts down in days, then hours, then minutes', () => {
    expect(sessionCountdown(session, start - 3 * 24 * 60 * MINUTE - 5 * MINUTE)).toBe('Starts in 3 days');
    expect(sessionCountdown(session, start - 5 * 60 * MINUTE)).toBe('Starts in 5 hours');
    expect(sessionCountdown(session, start - 12 * MINUTE)).toBe('Starts in 12 minutes');
    expect(sessionCountdown(session, start - 10_000)).toBe('Starts in 1 minute');
  });

  it('says how long a live session has left, and how long ago one ended', () => {
    expect(sessionCountdown(session, start + 40 * MINUTE)).toBe('Live now, ends in 20 minutes');
    expect(sessionCountdown(session, end + 2 * 60 * MINUTE)).toBe('Ended 2 hours ago');
    expect(sessionCountdown({ ...session, status: 'cancelled' }, start)).toBe('This session was cancelled');
  });
});
