import { formatCalendarDate } from '@apoc/shared/time';
import { describe, expect, it } from 'vitest';
import { summit } from '../../testing/fixtures';
import {
  countdown,
  countdownSentence,
  formatDateRange,
  offersNowAndNext,
  summitDates,
  summitPlace,
  summitSpanIn,
} from './summit-dates';

// A Los Angeles summit on 9–10 March 2027: from midnight PST on the 9th to midnight PST on the 11th.
const losAngeles = summit({
  timeZone: 'America/Los_Angeles',
  startDate: '2027-03-09',
  endDate: '2027-03-10',
  startsAt: '2027-03-09T08:00:00.000Z',
  endsAt: '2027-03-11T08:00:00.000Z',
});

describe('summit dates', () => {
  it('write a range with the year once and never as digits only', () => {
    expect(formatDateRange('2027-03-09', '2027-03-10', 'en-GB')).toBe('Tue 9 Mar – Wed 10 Mar 2027');
    expect(formatDateRange('2027-03-09', '2027-03-09', 'en-GB')).toBe('Tue 9 Mar 2027');
  });

  it('are the calendar dates the summit covers in another zone', () => {
    expect(summitSpanIn(losAngeles, 'Asia/Seoul')).toEqual({ first: '2027-03-09', last: '2027-03-11' });
    expect(summitSpanIn(losAngeles, 'America/Los_Angeles')).toEqual({ first: '2027-03-09', last: '2027-03-10' });
  });

  it('add the viewer’s dates only when they differ from the summit’s', () => {
    const fromSeoul = summitDates(losAngeles, 'Asia/Seoul', 'en-GB');
    expect(fromSeoul.summitText).toBe('Tue 9 Mar – Wed 10 Mar 2027');
    expect(fromSeoul.viewerText).toBe('Tue 9 Mar – Thu 11 Mar 2027');
    expect(summitDates(losAngeles, 'America/Los_Angeles').viewerText).toBeNull();
    expect(summitDates(losAngeles, 'America/Vancouver').viewerText).toBeNull();
    expect(formatCalendarDate('2027-03-09', 'en-GB')).toBe('Tue 9 Mar 2027');
  });
});

describe('summit place', () => {
  it('is "Online" for a virtual summit and the venue for the others', () => {
    expect(summitPlace({ format: 'virtual', venue: null })).toBe('Online');
    const venue = { name: 'Universitätsklinikum Essen', address: null, city: 'Essen' };
    expect(summitPlace({ format: 'in_person', venue })).toBe('Universitätsklinikum Essen, Essen');
    expect(summitPlace({ format: 'hybrid', venue })).toBe('Universitätsklinikum Essen, Essen and online');
    expect(summitPlace({ format: 'in_person', venue: null })).toBe('Venue to be announced');
  });
});

describe('countdown', () => {
  const start = Date.parse(losAngeles.startsAt);
  const zone = 'America/Los_Angeles';

  it('counts calendar days, then hours, then minutes to the start', () => {
    // From 23:00 on 26 January to midnight on 9 March: 41 days and an hour, 42 dates on.
    expect(countdown(losAngeles, start - 41 * 86_400_000 - 3_600_000, zone)).toBe('in 42 days');
    expect(countdown(losAngeles, start - 5 * 3_600_000, zone)).toBe('in 5 hours');
    expect(countdown(losAngeles, start - 90_000, zone)).toBe('in 2 minutes');
  });

  it('counts in the viewer’s language', () => {
    const threeDays = start - 2 * 86_400_000 - 3_600_000;
    expect(countdown(losAngeles, threeDays, zone, 'fr')).toBe('dans 3 jours');
    expect(countdown(losAngeles, threeDays, zone, 'de')).toBe('in 3 Tagen');
    expect(countdown(losAngeles, threeDays, zone, 'es')).toBe('dentro de 3 días');
    expect(countdown(losAngeles, threeDays, zone, 'ko')).toBe('3일 후');
  });

  it('says when the summit is on or over', () => {
    expect(countdown(losAngeles, start + 3_600_000, zone)).toBe('happening now');
    // Its last day was 10 March; at midnight on the 14th that is 4 days ago, as for a summit whose sessions ended.
    expect(countdown(losAngeles, Date.parse(losAngeles.endsAt) + 3 * 86_400_000, zone)).toBe('ended 4 days ago');
  });

  it('says the month a summit ended in once it is more than a fortnight past, not a count of days', () => {
    const end = Date.parse(losAngeles.endsAt);
    // A minute short of 14 × 24 hours after midnight on 11 March is 00:59 on the 25th (the clocks went forward),
    // 15 dates after the last day.
    expect(countdown(losAngeles, end + 14 * 86_400_000 - 60_000, zone, 'en-GB')).toBe('ended 15 days ago');
    expect(countdown(losAngeles, end + 1268 * 86_400_000, zone, 'en-GB')).toBe('ended in March 2027');
    expect(countdownSentence(losAngeles, end + 400 * 86_400_000, zone, 'en-GB')).toBe('Ended in March 2027');
  });

  it('counts to the first session and from the last one, not to the summit’s midnights', () => {
    const scheduled = {
      ...losAngeles,
      firstSessionStartsAt: '2027-03-09T16:00:00.000Z',
      lastSessionEndsAt: '2027-03-11T01:00:00.000Z',
    };
    expect(countdown(scheduled, Date.parse('2027-03-09T12:00:00Z'))).toBe('in 4 hours');
    expect(countdown(scheduled, Date.parse('2027-03-11T04:00:00Z'))).toBe('ended 3 hours ago');
  });
});

// Two two-day summits in 2027, with their sessions' real hours (the issue's New York and Melbourne).
// New York, Tue 19 – Wed 20 Jan (EST, UTC−5): sessions 09:00 on the 19th to 17:00 on the 20th.
const newYork = summit({
  timeZone: 'America/New_York',
  startDate: '2027-01-19',
  endDate: '2027-01-20',
  startsAt: '2027-01-19T05:00:00.000Z',
  endsAt: '2027-01-21T05:00:00.000Z',
  firstSessionStartsAt: '2027-01-19T14:00:00.000Z',
  lastSessionEndsAt: '2027-01-20T22:00:00.000Z',
});
// Melbourne, Tue 9 – Wed 10 Mar (AEDT, UTC+11): sessions 09:00 on the 9th to 17:30 on the 10th.
const melbourne = summit({
  timeZone: 'Australia/Melbourne',
  startDate: '2027-03-09',
  endDate: '2027-03-10',
  startsAt: '2027-03-08T13:00:00.000Z',
  endsAt: '2027-03-10T13:00:00.000Z',
  firstSessionStartsAt: '2027-03-08T22:00:00.000Z',
  lastSessionEndsAt: '2027-03-10T06:30:00.000Z',
});

describe('when a summit happens in the viewer’s time', () => {
  it('runs from the first session’s start to the last one’s end, not from midnight to midnight', () => {
    // The summit's midnights would make it Tue 19 – Thu 21 Jan in Paris; its sessions end 23:00 on the 20th.
    expect(summitDates(newYork, 'Europe/Paris', 'en-GB').viewerText).toBeNull();
    expect(summitDates(newYork, 'Europe/Paris', 'en-GB').startText).toBe('Tue 19 Jan 2027, 15:00 (Paris)');
  });

  it('for a member in Seoul: New York’s sessions run from Tuesday night to Thursday morning', () => {
    const dates = summitDates(newYork, 'Asia/Seoul', 'en-GB');
    expect(dates.summitText).toBe('Tue 19 Jan – Wed 20 Jan 2027');
    expect(dates.viewerText).toBe('Tue 19 Jan – Thu 21 Jan 2027');
    expect(dates.startText).toBe('Tue 19 Jan 2027, 23:00 (Seoul)');
  });

  it('for a member in Los Angeles: New York’s days are the same dates, six in the morning', () => {
    const dates = summitDates(newYork, 'America/Los_Angeles', 'en-GB');
    expect(dates.viewerText).toBeNull();
    expect(dates.startText).toBe('Tue 19 Jan 2027, 06:00 (Los Angeles)');
  });

  it('for a member in Seoul: Melbourne’s sessions are on the same dates, two hours earlier', () => {
    const dates = summitDates(melbourne, 'Asia/Seoul', 'en-GB');
    expect(dates.viewerText).toBeNull();
    expect(dates.startText).toBe('Tue 9 Mar 2027, 07:00 (Seoul)');
  });

  it('for a member in Los Angeles: Melbourne’s summit starts on Monday afternoon', () => {
    const dates = summitDates(melbourne, 'America/Los_Angeles', 'en-GB');
    expect(dates.summitText).toBe('Tue 9 Mar – Wed 10 Mar 2027');
    expect(dates.viewerText).toBe('Mon 8 Mar – Tue 9 Mar 2027');
    expect(dates.startText).toBe('Mon 8 Mar 2027, 14:00 (Los Angeles)');
  });

  it('gives no start before any session is scheduled, and the summit’s days in the viewer’s zone', () => {
    const dates = summitDates(
      { ...newYork, firstSessionStartsAt: null, lastSessionEndsAt: null },
      'Asia/Seoul',
      'en-GB',
    );
    expect(dates.startText).toBeNull();
    expect(dates.viewerText).toBe('Tue 19 Jan – Thu 21 Jan 2027');
  });
});

describe('Now & next on the summit page', () => {
  const first = Date.parse(newYork.firstSessionStartsAt ?? '');
  const last = Date.parse(newYork.lastSessionEndsAt ?? '');
  const HOUR = 3_600_000;

  it('is offered from twelve hours before the first session until the last one ends, not before or after', () => {
    expect(offersNowAndNext(newYork, first - 13 * HOUR)).toBe(false);
    expect(offersNowAndNext(newYork, first - 10 * 60_000)).toBe(true);
    expect(offersNowAndNext(newYork, first + HOUR)).toBe(true);
    expect(offersNowAndNext(newYork, last - 1)).toBe(true);
    expect(offersNowAndNext(newYork, last)).toBe(false);
  });
});

describe('countdown in calendar days', () => {
  // A Paris summit whose sessions run from Thursday 11 March 2027, 09:00, to 17:00 the same day.
  const paris = summit({
    timeZone: 'Europe/Paris',
    startDate: '2027-03-11',
    endDate: '2027-03-11',
    startsAt: '2027-03-10T23:00:00.000Z',
    endsAt: '2027-03-11T23:00:00.000Z',
    firstSessionStartsAt: '2027-03-11T08:00:00.000Z',
    lastSessionEndsAt: '2027-03-11T16:00:00.000Z',
  });

  it('says "in 3 days" from Monday 20:00 to Thursday 09:00, though that is 61 hours', () => {
    expect(countdown(paris, Date.parse('2027-03-08T19:00:00Z'), 'Europe/Paris')).toBe('in 3 days');
  });

  it('says "ended 3 days ago" on Sunday morning for a summit that ended on Thursday afternoon', () => {
    expect(countdown(paris, Date.parse('2027-03-14T09:00:00Z'), 'Europe/Paris')).toBe('ended 3 days ago');
  });

  it('counts the days in the viewer’s zone', () => {
    // Tuesday 00:30 in Paris is still Monday 15:30 in Los Angeles; the start is Thursday there at 00:00.
    const now = Date.parse('2027-03-08T23:30:00Z');
    expect(countdown(paris, now, 'Europe/Paris')).toBe('in 2 days');
    expect(countdown(paris, now, 'America/Los_Angeles')).toBe('in 3 days');
  });

  it('counts a day with a clock change as one day', () => {
    // Paris springs forward on Sunday 28 March 2027: Friday 09:00 to Monday 09:00 is 71 hours.
    const monday = {
      ...paris,
      firstSessionStartsAt: '2027-03-29T07:00:00.000Z',
      lastSessionEndsAt: '2027-03-29T15:00:00.000Z',
    };
    expect(countdown(monday, Date.parse('2027-03-26T08:00:00Z'), 'Europe/Paris')).toBe('in 3 days');
    // New York falls back on Sunday 1 November 2026: Saturday 00:30 to Sunday 23:45 is 48¼ hours, the next date.
    const sunday = {
      ...newYork,
      firstSessionStartsAt: '2026-11-02T04:45:00.000Z',
      lastSessionEndsAt: '2026-11-02T05:45:00.000Z',
    };
    expect(countdown(sunday, Date.parse('2026-10-31T04:30:00Z'), 'America/New_York')).toBe('tomorrow');
  });
});
