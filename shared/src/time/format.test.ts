import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDay, formatTime, zoneAbbreviation } from './format';

describe('writing times for people', () => {
  const instant = new Date('2027-03-09T13:00:00Z');

  it('writes the same instant at each city’s own time', () => {
    expect(formatTime(instant, 'Asia/Seoul', 'en-GB')).toBe('22:00');
    expect(formatTime(instant, 'America/New_York', 'en-GB')).toBe('08:00');
    expect(formatTime(instant, 'America/New_York', 'en-US')).toBe('8:00 AM');
  });

  it('writes dates unambiguously, with the weekday and the month in words', () => {
    expect(formatDay(instant, 'Europe/Paris', 'en-GB')).toBe('Tue 9 Mar 2027');
    expect(formatDay(instant, 'Australia/Melbourne', 'en-GB')).toBe('Wed 10 Mar 2027');
    expect(formatCalendarDate('2027-03-09', 'en-GB')).toBe('Tue 9 Mar 2027');
  });

  it('names the zone in force at that instant', () => {
    expect(zoneAbbreviation(new Date('2027-01-15T12:00:00Z'), 'America/New_York', 'en-US')).toBe('EST');
    expect(zoneAbbreviation(new Date('2027-07-15T12:00:00Z'), 'America/New_York', 'en-US')).toBe('EDT');
  });
});
