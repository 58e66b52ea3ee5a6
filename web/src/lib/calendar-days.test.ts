import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, daysBetween } from './calendar-days';

describe('daysBetween', () => {
  it('counts the dates from one to the other, backwards as negative', () => {
    expect(daysBetween('2027-03-08', '2027-03-11')).toBe(3);
    expect(daysBetween('2027-03-11', '2027-03-08')).toBe(-3);
    expect(daysBetween('2027-03-08', '2027-03-08')).toBe(0);
    expect(daysBetween('2027-02-27', '2027-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});

describe('calendarDaysBetween', () => {
  it('counts dates on the wall clock, not periods of 24 hours', () => {
    // Monday 20:00 to Thursday 09:00 in Paris: 61 hours, three dates on.
    expect(
      calendarDaysBetween(Date.parse('2027-03-08T19:00:00Z'), Date.parse('2027-03-11T08:00:00Z'), 'Europe/Paris'),
    ).toBe(3);
    // 23:30 to 08:00 the next morning: the next date.
    expect(
      calendarDaysBetween(Date.parse('2027-03-08T22:30:00Z'), Date.parse('2027-03-09T07:00:00Z'), 'Europe/Paris'),
    ).toBe(1);
  });

  it('counts in the zone it is given', () => {
    const from = Date.parse('2027-03-08T19:00:00Z');
    const to = Date.parse('2027-03-09T08:00:00Z');
    expect(calendarDaysBetween(from, to, 'Europe/Paris')).toBe(1);
    // Already Tuesday 04:00 in Seoul when it is Monday evening in Paris.
    expect(calendarDaysBetween(from, to, 'Asia/Seoul')).toBe(0);
  });

  it('counts a 23- or 25-hour day once', () => {
    // Paris springs forward on Sunday 28 March 2027: Saturday 12:00 to Monday 12:00 is 47 hours.
    expect(
      calendarDaysBetween(Date.parse('2027-03-27T11:00:00Z'), Date.parse('2027-03-29T10:00:00Z'), 'Europe/Paris'),
    ).toBe(2);
    // New York falls back on Sunday 1 November 2026: Sunday 00:30 to 23:30 is 24 hours, the same date.
    expect(
      calendarDaysBetween(Date.parse('2026-11-01T04:30:00Z'), Date.parse('2026-11-02T04:30:00Z'), 'America/New_York'),
    ).toBe(0);
  });
});
