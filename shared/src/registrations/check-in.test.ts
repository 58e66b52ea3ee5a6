import { describe, expect, it } from 'vitest';
import { checkInTiming, checkInWindow, doorTiming, doorWindow } from './check-in';

const at = (iso: string) => new Date(iso);

describe('the check-in window', () => {
  const essen = { startDate: '2027-05-18', endDate: '2027-05-19', timeZone: 'Europe/Berlin' };

  it('opens at 16:00 in the summit’s zone on the evening before and closes when its last day ends', () => {
    expect(checkInWindow(essen)).toEqual({
      opensAt: at('2027-05-17T14:00:00Z'),
      closesAt: at('2027-05-19T22:00:00Z'),
    });
  });

  it('refuses a minute before the evening before, accepts from 16:00 and through every day of the summit', () => {
    expect(checkInTiming(essen, at('2027-05-17T13:59:59Z'))).toBe('early');
    expect(checkInTiming(essen, at('2027-05-17T14:00:00Z'))).toBe('open');
    expect(checkInTiming(essen, at('2027-05-18T07:30:00Z'))).toBe('open');
    expect(checkInTiming(essen, at('2027-05-19T21:59:59Z'))).toBe('open');
    expect(checkInTiming(essen, at('2027-05-19T22:00:00Z'))).toBe('late');
    expect(checkInTiming(essen, at('2027-06-01T08:00:00Z'))).toBe('late');
  });

  it('accepts every day of a multi-day summit, the middle ones included', () => {
    const week = { startDate: '2027-09-06', endDate: '2027-09-10', timeZone: 'America/Toronto' };
    for (const day of ['06', '07', '08', '09', '10']) {
      expect(checkInTiming(week, at(`2027-09-${day}T12:00:00Z`))).toBe('open');
    }
    expect(checkInTiming(week, at('2027-09-11T03:59:00Z'))).toBe('open');
    expect(checkInTiming(week, at('2027-09-11T04:00:00Z'))).toBe('late');
  });

  it('reads 16:00 on the summit’s own clock when the clocks change between the evening before and the summit', () => {
    // Europe: summer time starts on Sunday 28 March 2027 at 02:00; the evening before is already in summer time.
    expect(checkInWindow({ startDate: '2027-03-29', endDate: '2027-03-29', timeZone: 'Europe/Berlin' })).toEqual({
      opensAt: at('2027-03-28T14:00:00Z'),
      closesAt: at('2027-03-29T22:00:00Z'),
    });
    // Europe: summer time ends on 31 October 2027; the evening before is in summer time, the last day not.
    expect(checkInWindow({ startDate: '2027-10-30', endDate: '2027-10-31', timeZone: 'Europe/Paris' })).toEqual({
      opensAt: at('2027-10-29T14:00:00Z'),
      closesAt: at('2027-10-31T23:00:00Z'),
    });
    // Melbourne: daylight saving ends on Sunday 4 April 2027 at 03:00 (UTC+11 → UTC+10).
    expect(checkInWindow({ startDate: '2027-04-05', endDate: '2027-04-06', timeZone: 'Australia/Melbourne' })).toEqual({
      opensAt: at('2027-04-04T06:00:00Z'),
      closesAt: at('2027-04-06T14:00:00Z'),
    });
  });

  it('works across a year boundary', () => {
    const newYear = { startDate: '2028-01-01', endDate: '2028-01-02', timeZone: 'Asia/Seoul' };
    expect(checkInWindow(newYear).opensAt).toEqual(at('2027-12-31T07:00:00Z'));
    expect(checkInTiming(newYear, at('2027-12-31T06:59:00Z'))).toBe('early');
    expect(checkInTiming(newYear, at('2027-12-31T07:00:00Z'))).toBe('open');
  });
});

describe('the window of a session’s room door', () => {
  const keynote = { startsAt: '2027-05-18T07:00:00.000Z', endsAt: '2027-05-18T08:00:00.000Z' };

  it('opens 30 minutes before the session starts and closes when it ends', () => {
    expect(doorWindow(keynote)).toEqual({ opensAt: at('2027-05-18T06:30:00Z'), closesAt: at('2027-05-18T08:00:00Z') });
    expect(doorWindow({ startsAt: at(keynote.startsAt), endsAt: Date.parse(keynote.endsAt) })).toEqual(
      doorWindow(keynote),
    );
  });

  it('refuses a minute before it opens, accepts until the session’s last minute, and refuses once it ended', () => {
    expect(doorTiming(keynote, at('2027-05-18T06:29:59Z'))).toBe('early');
    expect(doorTiming(keynote, at('2027-05-18T06:30:00Z'))).toBe('open');
    expect(doorTiming(keynote, at('2027-05-18T07:59:59Z'))).toBe('open');
    expect(doorTiming(keynote, Date.parse('2027-05-18T08:00:00Z'))).toBe('late');
  });
});
