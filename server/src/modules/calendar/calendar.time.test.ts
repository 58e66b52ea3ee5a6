import { describe, expect, it } from 'vitest';
import { eventTimes, ZonedTime } from './calendar.time';

describe('ZonedTime, the zoned date-times given to ical-generator', () => {
  it('reads the wall clock of an instant in its zone, across the spring change in Paris', () => {
    const before = ZonedTime.of('2027-03-28T00:30:00Z', 'Europe/Paris');
    const after = ZonedTime.of('2027-03-28T01:30:00Z', 'Europe/Paris');
    expect([before.hour, before.minute]).toEqual([1, 30]);
    expect([after.hour, after.minute]).toEqual([3, 30]);
  });

  it('moves to another zone without changing the instant', () => {
    const paris = ZonedTime.of('2027-03-09T13:00:00Z', 'Europe/Paris');
    const seoul = paris.withTimeZone('Asia/Seoul');
    expect([seoul.day, seoul.hour]).toEqual([9, 22]);
    expect(seoul.toInstant().epochMilliseconds).toBe(paris.toInstant().epochMilliseconds);
    expect(paris.toString()).toBe('2027-03-09T14:00:00[Europe/Paris]');
  });

  it('names an event in its zone unless it touches a repeated hour, then in UTC', () => {
    expect(eventTimes('2027-10-30T22:30:00Z', '2027-10-30T23:50:00Z', 'Europe/Berlin').timezone).toBe('Europe/Berlin');
    expect(eventTimes('2027-10-30T22:30:00Z', '2027-10-31T00:10:00Z', 'Europe/Berlin').timezone).toBeNull();
  });
});
