import { describe, expect, it } from 'vitest';
import { attendanceOf, joinedInWindow, presentMs } from './presence';

const MIN = 60_000;
const t = (iso: string) => Date.parse(iso);
// A session from 14:00 to 15:00 UTC on 9 March 2027, Join open from 13:45.
const session = {
  opensAt: t('2027-03-09T13:45:00Z'),
  startsAt: t('2027-03-09T14:00:00Z'),
  endsAt: t('2027-03-09T15:00:00Z'),
};
const now = t('2027-03-20T00:00:00Z');
const interval = (from: string, to: string | null) => ({ from: t(from), to: to === null ? null : t(to) });

describe('time present in a session’s live room', () => {
  it('clips each interval to the session’s start and end', () => {
    expect(presentMs([interval('2027-03-09T13:30:00Z', '2027-03-09T14:20:00Z')], session, now)).toBe(20 * MIN);
    expect(presentMs([interval('2027-03-09T14:50:00Z', '2027-03-09T16:00:00Z')], session, now)).toBe(10 * MIN);
  });

  it('counts overlapping intervals (several tabs) once', () => {
    const tabs = [
      interval('2027-03-09T14:00:00Z', '2027-03-09T14:30:00Z'),
      interval('2027-03-09T14:10:00Z', '2027-03-09T14:20:00Z'),
      interval('2027-03-09T14:25:00Z', '2027-03-09T14:40:00Z'),
      interval('2027-03-09T14:50:00Z', '2027-03-09T14:55:00Z'),
    ];
    expect(presentMs(tabs, session, now)).toBe(45 * MIN);
  });

  it('counts an interval still open up to now, and not beyond the end', () => {
    const open = [interval('2027-03-09T14:40:00Z', null)];
    expect(presentMs(open, session, t('2027-03-09T14:45:00Z'))).toBe(5 * MIN);
    expect(presentMs(open, session, now)).toBe(20 * MIN);
  });

  it('counts nothing for presence weeks before, or after the end', () => {
    expect(presentMs([interval('2027-02-15T09:00:00Z', '2027-02-15T09:05:00Z')], session, now)).toBe(0);
    expect(presentMs([interval('2027-03-09T15:00:00Z', '2027-03-09T15:30:00Z')], session, now)).toBe(0);
  });
});

describe('who attended', () => {
  it('counts a Join click only inside the join window', () => {
    expect(joinedInWindow([t('2027-03-09T13:44:59Z')], session)).toBe(false);
    expect(joinedInWindow([t('2027-03-09T13:45:00Z')], session)).toBe(true);
    expect(joinedInWindow([t('2027-03-09T14:59:59Z')], session)).toBe(true);
    expect(joinedInWindow([t('2027-03-09T15:00:00Z')], session)).toBe(false);
  });

  it('does not count opening the live room weeks before, even to ask a question ahead', () => {
    expect(attendanceOf([], [interval('2027-02-15T09:00:00Z', '2027-02-15T09:05:00Z')], session, now)).toBeNull();
    expect(attendanceOf([], [interval('2027-03-09T13:50:00Z', '2027-03-09T13:59:00Z')], session, now)).toBeNull();
  });

  it('counts presence while the session runs, in whole minutes', () => {
    expect(attendanceOf([], [interval('2027-03-09T13:50:00Z', '2027-03-09T14:12:40Z')], session, now)).toEqual({
      joinedInWindow: false,
      minutesPresent: 13,
    });
  });

  it('counts a Join click in the window, with no time known when the member never was in the live room', () => {
    expect(attendanceOf([t('2027-03-09T13:50:00Z')], [], session, now)).toEqual({
      joinedInWindow: true,
      minutesPresent: null,
    });
    expect(
      attendanceOf(
        [t('2027-03-09T13:50:00Z')],
        [interval('2027-03-09T13:50:00Z', '2027-03-09T13:55:00Z')],
        session,
        now,
      ),
    ).toEqual({ joinedInWindow: true, minutesPresent: 0 });
  });
});
