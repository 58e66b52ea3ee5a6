import { describe, expect, it } from 'vitest';
import { dayBefore, whichDay } from './reminders.messages';

const at = (iso: string) => new Date(iso);
/** The Welcome of a summit in Melbourne: 09:00 on Tuesday 9 March 2027 there, 07:00 in Seoul, 14:00 on Monday in Los Angeles. */
const welcome = at('2027-03-08T22:00:00Z');

describe('which day the summit starts on, by the member’s own calendar', () => {
  it.each([
    // 09:00 on Monday 8 March in Seoul, as planned.
    ['2027-03-08T00:00:00Z', 'Asia/Seoul', 'tomorrow'],
    // 23:59 that Monday in Seoul: still the day before.
    ['2027-03-08T14:59:00Z', 'Asia/Seoul', 'tomorrow'],
    // A minute later it is Tuesday in Seoul, the day of the Welcome (though still Monday in UTC).
    ['2027-03-08T15:00:00Z', 'Asia/Seoul', 'today'],
    // 09:00 on Sunday 7 March in Los Angeles, as planned.
    ['2027-03-07T17:00:00Z', 'America/Los_Angeles', 'tomorrow'],
    // 08:00 on Monday in Los Angeles (Tuesday 01:00 in Seoul): the Welcome is at 14:00 that day.
    ['2027-03-08T16:00:00Z', 'America/Los_Angeles', 'today'],
    // A day before its time, at 09:00 on Sunday 7 March in Seoul: the Welcome is two dates ahead there.
    ['2027-03-07T00:00:00Z', 'Asia/Seoul', 'on Tue 9 Mar 2027'],
  ])('at %s in %s: %s', (now, zone, words) => {
    expect(whichDay(welcome, at(now), zone)).toBe(words);
  });

  it('has nothing to say once it has started', () => {
    expect(whichDay(welcome, welcome, 'Asia/Seoul')).toBeNull();
    expect(whichDay(welcome, at('2027-03-08T23:00:00Z'), 'Asia/Seoul')).toBeNull();
  });
});

describe('the reminder of the day before', () => {
  const seoul = {
    memberId: 'm-seoul',
    name: 'Member in Seoul',
    email: 'seoul@test.apoc.test',
    timeZone: 'Asia/Seoul',
    mode: 'virtual' as const,
    reminders: 'starred' as const,
  };
  const summit = { title: 'APoC Summit Melbourne 2027', timeZone: 'Australia/Melbourne', startDate: '2027-03-09' };
  const remind = (now: string, first: Date | null = welcome) =>
    dayBefore(seoul, summit, first, [], 'https://x/', at(now));

  it('says “Tomorrow” on the day before and “Today” on the day itself, in the member’s zone', () => {
    expect(remind('2027-03-08T00:00:00Z')?.subject).toBe('Tomorrow: APoC Summit Melbourne 2027');
    expect(remind('2027-03-08T20:00:00Z')?.subject).toBe('Today: APoC Summit Melbourne 2027');
  });

  it('is not sent once the first session has started', () => {
    expect(remind('2027-03-08T22:00:00Z')).toBeNull();
  });

  it('before any session is scheduled, counts from the summit’s first day in its own zone', () => {
    // Midnight on 9 March in Melbourne is 22:00 on 8 March in Seoul.
    const early = remind('2027-03-08T00:00:00Z', null);
    expect(early?.subject).toBe('Today: APoC Summit Melbourne 2027');
    expect(early?.text).toContain('APoC Summit Melbourne 2027 begins today.');
  });
});
