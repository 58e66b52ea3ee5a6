import { formatTime } from '@apoc/shared/time';
import { describe, expect, it } from 'vitest';
import { institution, session, summit } from '../../../testing/fixtures';
import { agendaDays, agendaEntries, agendaRows, groupByStart, matchesFilters, NO_FILTERS, UNSCHEDULED } from './agenda';

const institutions = new Map([['asan', institution()]]);

describe('agenda rows', () => {
  it('put a session on the day of its start in the zone shown', () => {
    const late = session({ startsAt: '2027-03-09T23:30:00.000Z', endsAt: '2027-03-10T00:30:00.000Z' });
    const entries = agendaEntries(summit({ sessions: [late] }), institutions);
    expect(agendaRows(entries, 'Europe/London')[0]?.day).toBe('2027-03-09');
    expect(agendaRows(entries, 'Asia/Seoul')[0]?.day).toBe('2027-03-10');
    expect(agendaRows(entries, 'America/Los_Angeles')[0]?.day).toBe('2027-03-09');
  });

  it('write the time range in the zone shown, starting with the start time and ending with the zone', () => {
    const plenary = session({ startsAt: '2027-03-09T05:00:00.000Z', endsAt: '2027-03-09T06:30:00.000Z' });
    const [row] = agendaRows(agendaEntries(summit({ sessions: [plenary] }), institutions), 'Asia/Seoul');
    const start = formatTime(Date.parse('2027-03-09T05:00:00.000Z'), 'Asia/Seoul');
    const end = formatTime(Date.parse('2027-03-09T06:30:00.000Z'), 'Asia/Seoul');
    expect(row?.timeRange).toBe(`${start}–${end} (Seoul)`);
  });

  it('say when a session ends on the next day, but not when it ends at midnight', () => {
    const late = session({ startsAt: '2027-03-09T14:00:00.000Z', endsAt: '2027-03-09T15:30:00.000Z' });
    const toMidnight = session({ startsAt: '2027-03-09T14:00:00.000Z', endsAt: '2027-03-09T15:00:00.000Z' });
    const [lateRow, midnightRow] = agendaRows(
      agendaEntries(summit({ sessions: [late, toMidnight] }), institutions),
      'Asia/Seoul',
    );
    expect(lateRow?.timeRange).toMatch(/ next day \(Seoul\)$/);
    expect(midnightRow?.timeRange).toMatch(/\(Seoul\)$/);
    expect(midnightRow?.timeRange).not.toContain('next day');
  });

  it('name speakers and chairs with their institution’s short name when it is known', () => {
    const panel = session({
      people: [
        { memberId: 'm1', name: 'Hana Kim', role: 'speaker', institutionId: 'asan' },
        { memberId: 'm2', name: 'Guest Speaker', role: 'speaker', institutionId: null },
        { memberId: 'm3', name: 'Tom Fraser', role: 'chair', institutionId: 'unknown' },
      ],
    });
    const [entry] = agendaEntries(summit({ sessions: [panel] }), institutions);
    expect(entry?.speakers).toEqual([
      { name: 'Hana Kim', institution: 'Asan' },
      { name: 'Guest Speaker', institution: null },
    ]);
    expect(entry?.chairs).toEqual([{ name: 'Tom Fraser', institution: null }]);
  });
});

describe('agenda days', () => {
  const sessions = [
    session({ startsAt: '2027-03-09T10:00:00.000Z' }),
    session({ startsAt: '2027-03-09T23:30:00.000Z', endsAt: '2027-03-10T00:30:00.000Z' }),
  ];

  it('are the summit’s own days in summit time, even a day without sessions', () => {
    const rows = agendaRows(agendaEntries(summit({ sessions }), institutions), 'Europe/London');
    expect(agendaDays(rows, summit(), 'summit')).toEqual(['2027-03-09', '2027-03-10']);
  });

  it('are the local dates on which sessions start in the viewer’s time', () => {
    const rows = agendaRows(agendaEntries(summit({ sessions }), institutions), 'Asia/Seoul');
    expect(agendaDays(rows, summit(), 'mine')).toEqual(['2027-03-09', '2027-03-10']);
    const onlyFirst = agendaRows(agendaEntries(summit({ sessions: sessions.slice(0, 1) }), institutions), 'Asia/Seoul');
    expect(agendaDays(onlyFirst, summit(), 'mine')).toEqual(['2027-03-09']);
  });

  it('end with a tab for sessions that have no time yet', () => {
    const rows = agendaRows(
      agendaEntries(summit({ sessions: [session({ startsAt: null, endsAt: null }), ...sessions] }), institutions),
      'Europe/London',
    );
    expect(agendaDays(rows, summit(), 'summit')).toEqual(['2027-03-09', '2027-03-10', UNSCHEDULED]);
  });
});

describe('agenda filters', () => {
  const [thoracic, gi] = agendaEntries(
    summit({
      sessions: [
        session({ title: 'KRAS inhibitors', trackId: 'thoracic', kind: 'keynote' }),
        session({
          title: 'ctDNA-guided therapy',
          trackId: 'gi',
          kind: 'panel',
          people: [{ memberId: 'm1', name: 'Zoë Müller', role: 'chair', institutionId: 'asan' }],
        }),
      ],
    }),
    institutions,
  );

  it('keep everything when empty', () => {
    expect([thoracic, gi].every((entry) => entry && matchesFilters(entry, NO_FILTERS))).toBe(true);
  });

  it('match track and kind exactly', () => {
    expect(matchesFilters(thoracic!, { ...NO_FILTERS, trackId: 'thoracic' })).toBe(true);
    expect(matchesFilters(gi!, { ...NO_FILTERS, trackId: 'thoracic' })).toBe(false);
    expect(matchesFilters(gi!, { ...NO_FILTERS, kind: 'panel' })).toBe(true);
    expect(matchesFilters(thoracic!, { ...NO_FILTERS, kind: 'panel' })).toBe(false);
  });

  it('search every word in titles, people and institutions, ignoring case and accents', () => {
    expect(matchesFilters(gi!, { ...NO_FILTERS, query: 'zoe muller' })).toBe(true);
    expect(matchesFilters(gi!, { ...NO_FILTERS, query: 'asan ctdna' })).toBe(true);
    expect(matchesFilters(gi!, { ...NO_FILTERS, query: 'asan kras' })).toBe(false);
  });
});

describe('time slots', () => {
  it('group sessions starting at the same instant, in start order', () => {
    const rows = agendaRows(
      agendaEntries(
        summit({
          sessions: [
            session({ id: 'b', startsAt: '2027-03-09T11:00:00.000Z', endsAt: '2027-03-09T12:00:00.000Z' }),
            session({ id: 'a1', startsAt: '2027-03-09T10:00:00.000Z' }),
            session({ id: 'a2', startsAt: '2027-03-09T10:00:00.000Z' }),
          ],
        }),
        institutions,
      ),
      'Europe/London',
    );
    const slots = groupByStart(rows);
    expect(slots.map((slot) => slot.rows.map((row) => row.id))).toEqual([['a1', 'a2'], ['b']]);
  });
});
