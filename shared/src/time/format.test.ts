import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDay, formatMoment, formatTime, zoneAbbreviation, zoneLabel } from './format';

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

  it('labels every zone the same way, by its city, whatever the locale or season', () => {
    expect(zoneLabel('America/Los_Angeles')).toBe('Los Angeles');
    expect(zoneLabel('Europe/Paris')).toBe('Paris');
    expect(zoneLabel('Asia/Seoul')).toBe('Seoul');
    expect(zoneLabel('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneLabel('UTC')).toBe('UTC');
    expect(zoneLabel('Etc/UTC')).toBe('UTC');
  });

  it('writes a moment with its day, its time and its zone’s city', () => {
    expect(formatMoment(instant, 'Asia/Seoul', 'en-GB')).toBe('Tue 9 Mar 2027, 22:00 (Seoul)');
    expect(formatMoment(instant, 'America/Los_Angeles', 'en-US')).toBe('Tue Mar 9 2027, 5:00 AM (Los Angeles)');
  });
});
