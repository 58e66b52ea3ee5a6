import { formatCalendarDate } from '@apoc/shared/time';
import { describe, expect, it } from 'vitest';
import { summit } from '../../testing/fixtures';
import { countdown, formatDateRange, summitDates, summitPlace, summitSpanIn } from './summit-dates';

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

  it('counts whole days, then hours, then minutes to the start', () => {
    expect(countdown(losAngeles, start - 41 * 86_400_000 - 3_600_000)).toBe('in 41 days');
    expect(countdown(losAngeles, start - 5 * 3_600_000)).toBe('in 5 hours');
    expect(countdown(losAngeles, start - 90_000)).toBe('in 2 minutes');
  });

  it('says when the summit is on or over', () => {
    expect(countdown(losAngeles, start + 3_600_000)).toBe('happening now');
    expect(countdown(losAngeles, Date.parse(losAngeles.endsAt) + 3 * 86_400_000)).toBe('ended 3 days ago');
  });
});
