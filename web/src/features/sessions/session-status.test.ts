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
    expect(sessionCountdown(session, start - 3 * 24 * 60 * MINUTE - 5 * MINUTE, 'Europe/Paris')).toBe(
      'Starts in 3 days',
    );
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

describe('sessionCountdown in calendar days', () => {
  // Thursday 11 March 2027, 09:00 to 17:00 in Paris.
  const thursday = {
    status: 'scheduled' as const,
    startsAt: '2027-03-11T08:00:00.000Z',
    endsAt: '2027-03-11T16:00:00.000Z',
  };

  it('says "in 3 days" from Monday 20:00 to Thursday 09:00, though that is 61 hours', () => {
    expect(sessionCountdown(thursday, Date.parse('2027-03-08T19:00:00Z'), 'Europe/Paris')).toBe('Starts in 3 days');
  });

  it('says "3 days ago" on Sunday morning for a session that ended on Thursday afternoon', () => {
    expect(sessionCountdown(thursday, Date.parse('2027-03-14T09:00:00Z'), 'Europe/Paris')).toBe('Ended 3 days ago');
  });

  it('counts the days in the zone it is shown in', () => {
    // Tuesday 00:30 in Paris is still Monday 15:30 in Los Angeles.
    const now = Date.parse('2027-03-08T23:30:00Z');
    expect(sessionCountdown(thursday, now, 'Europe/Paris')).toBe('Starts in 2 days');
    expect(sessionCountdown(thursday, now, 'America/Los_Angeles')).toBe('Starts in 3 days');
  });

  it('counts a day with a clock change as one day', () => {
    // Paris springs forward on Sunday 28 March 2027: Friday 09:00 to Monday 09:00 is 71 hours.
    const monday = { ...thursday, startsAt: '2027-03-29T07:00:00.000Z', endsAt: '2027-03-29T08:00:00.000Z' };
    expect(sessionCountdown(monday, Date.parse('2027-03-26T08:00:00Z'), 'Europe/Paris')).toBe('Starts in 3 days');
    // New York falls back on Sunday 1 November 2026: Saturday 00:30 to Sunday 23:45 is 48¼ hours, the next date.
    const sunday = { ...thursday, startsAt: '2026-11-02T04:45:00.000Z', endsAt: '2026-11-02T05:45:00.000Z' };
    expect(sessionCountdown(sunday, Date.parse('2026-10-31T04:30:00Z'), 'America/New_York')).toBe('Starts tomorrow');
  });
});
