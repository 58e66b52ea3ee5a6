import { describe, expect, it } from 'vitest';
import { summit } from '../../testing/fixtures';
import { arrangeSummits } from './home';
import { comfortAt } from './network';

const at = (iso: string): number => Date.parse(iso);

describe('the home page’s summits', () => {
  const past = summit({ id: 'past', startsAt: '2024-03-12T00:00:00Z', endsAt: '2024-03-14T00:00:00Z' });
  const older = summit({ id: 'older', startsAt: '2023-06-13T00:00:00Z', endsAt: '2023-06-15T00:00:00Z' });
  const next = summit({ id: 'next', startsAt: '2027-03-09T00:00:00Z', endsAt: '2027-03-11T00:00:00Z' });
  const later = summit({ id: 'later', startsAt: '2027-06-08T00:00:00Z', endsAt: '2027-06-10T00:00:00Z' });

  it('feature the next summit, then the other upcoming ones soonest first, then past ones latest first', () => {
    const arranged = arrangeSummits([later, older, next, past], at('2026-11-29T12:00:00Z'));
    expect(arranged.featured?.id).toBe('next');
    expect(arranged.upcoming.map((s) => s.id)).toEqual(['later']);
    expect(arranged.past.map((s) => s.id)).toEqual(['past', 'older']);
  });

  it('feature a summit while it is happening', () => {
    expect(arrangeSummits([next, later], at('2027-03-10T12:00:00Z')).featured?.id).toBe('next');
  });

  it('feature nothing when every summit is over', () => {
    expect(arrangeSummits([past], at('2026-11-29T12:00:00Z')).featured).toBeNull();
  });
});

describe('comfort in a member city', () => {
  it('is working time from 09:00 to 18:00 on weekdays', () => {
    // Tuesday 9 March 2027, 10:00 in Seoul.
    expect(comfortAt(at('2027-03-09T01:00:00Z'), 'Asia/Seoul')).toBe('working');
  });

  it('is night from 22:00 to 07:00, any day', () => {
    expect(comfortAt(at('2027-03-09T08:00:00Z'), 'America/Los_Angeles')).toBe('night'); // 00:00 in Thousand Oaks
    expect(comfortAt(at('2027-03-09T13:30:00Z'), 'Asia/Seoul')).toBe('night'); // 22:30
  });

  it('is acceptable in the evening and at weekends', () => {
    expect(comfortAt(at('2027-03-09T10:00:00Z'), 'Asia/Seoul')).toBe('acceptable'); // 19:00 Tuesday
    expect(comfortAt(at('2027-03-13T02:00:00Z'), 'Asia/Seoul')).toBe('acceptable'); // 11:00 Saturday
  });
});
