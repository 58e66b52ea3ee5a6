import type { SessionDetail } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { arrangeMyAgenda, listedTitle } from './my-agenda';

function detail(overrides: Partial<SessionDetail>): SessionDetail {
  return {
    id: 'x',
    summitId: 's',
    title: 'Session',
    abstract: '',
    kind: 'plenary',
    status: 'scheduled',
    startsAt: null,
    endsAt: null,
    roomId: null,
    trackId: null,
    seatLimit: null,
    people: [],
    track: null,
    room: null,
    summit: { id: 's', title: 'Summit', timeZone: 'America/New_York', format: 'virtual' },
    sequence: 0,
    ...overrides,
  };
}

describe('arrangeMyAgenda', () => {
  const now = Date.parse('2027-01-13T00:00:00Z');
  const sessions = [
    detail({ id: 'late', title: 'Late', startsAt: '2027-01-13T23:30:00Z', endsAt: '2027-01-14T00:30:00Z' }),
    detail({ id: 'early', title: 'Early', startsAt: '2027-01-13T12:00:00Z', endsAt: '2027-01-13T13:00:00Z' }),
    detail({ id: 'done', title: 'Done', startsAt: '2027-01-12T12:00:00Z', endsAt: '2027-01-12T13:00:00Z' }),
    detail({ id: 'tba', title: 'Later' }),
  ];

  it('groups sessions by their day in the zone shown, soonest first, past ones apart', () => {
    const agenda = arrangeMyAgenda(sessions, 'Asia/Seoul', now);
    // 23:30 UTC on the 13th is already the 14th in Seoul.
    expect(agenda.upcoming.map((day) => [day.date, day.items.map((i) => i.session.id)])).toEqual([
      ['2027-01-13', ['early']],
      ['2027-01-14', ['late']],
    ]);
    expect(agenda.past.map((day) => day.date)).toEqual(['2027-01-12']);
    expect(agenda.unscheduled.map((item) => item.session.id)).toEqual(['tba']);
    expect(agenda.count).toBe(4);
  });

  it('keeps both sessions on one day where the zone puts them there', () => {
    const agenda = arrangeMyAgenda(sessions, 'America/New_York', now);
    expect(agenda.upcoming.map((day) => [day.date, day.items.length])).toEqual([['2027-01-13', 2]]);
    expect(agenda.upcoming[0]?.items[1]?.timeRange).toMatch(/\(New York\)$/);
  });
});

describe('titles in my agenda, which mixes summits', () => {
  it('names the summit of a break, never a bare “Break”', () => {
    const summit = { id: 's', title: 'APoC Virtual Summit 2027', timeZone: 'UTC', format: 'virtual' };
    expect(listedTitle(detail({ title: 'Break', kind: 'break', summit }))).toBe('Break — APoC Virtual Summit 2027');
    expect(listedTitle(detail({ title: 'Welcome reception', kind: 'networking', summit }))).toBe('Welcome reception');
    const agenda = arrangeMyAgenda([detail({ title: 'Break', kind: 'break', summit })], 'UTC', 0);
    expect(agenda.unscheduled[0]?.title).toBe('Break — APoC Virtual Summit 2027');
  });
});
