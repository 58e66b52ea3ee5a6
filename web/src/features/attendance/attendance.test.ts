import { describe, expect, it } from 'vitest';
import { institution } from '../../testing/fixtures';
import { attendanceView } from './attendance';

const institutions = [
  institution({ id: 'asan', shortName: 'Asan' }),
  institution({ id: 'vhio', name: "Vall d'Hebron Institute of Oncology", shortName: 'VHIO' }),
  institution({ id: 'essen', shortName: 'UK Essen' }),
];

describe('attendanceView', () => {
  const view = attendanceView(
    {
      summitId: 's-1',
      sessions: [
        {
          sessionId: 'b',
          title: 'Later',
          startsAt: '2027-03-09T12:00:00Z',
          endsAt: '2027-03-09T13:00:00Z',
          attendees: 2,
          byInstitution: { vhio: 2 },
          people: [],
        },
        {
          sessionId: 'a',
          title: 'Opening',
          startsAt: '2027-03-09T09:00:00Z',
          endsAt: '2027-03-09T10:00:00Z',
          attendees: 4,
          byInstitution: { asan: 1, vhio: 2, guests: 1 },
          people: [
            { memberId: 'm-1', name: 'Ji-woo Park', institutionId: 'asan', joinedInWindow: true, minutesPresent: null },
            { memberId: 'm-2', name: 'Laia Puig', institutionId: 'vhio', joinedInWindow: false, minutesPresent: 42 },
            { memberId: 'm-3', name: 'Sam Guest', institutionId: null, joinedInWindow: true, minutesPresent: 0 },
          ],
        },
        {
          sessionId: 'c',
          title: 'Unattended',
          startsAt: null,
          endsAt: null,
          attendees: 0,
          byInstitution: {},
          people: [],
        },
      ],
    },
    institutions,
  );

  it('lists sessions in time order, those without a time last', () => {
    expect(view.rows.map((r) => r.sessionId)).toEqual(['a', 'b', 'c']);
  });

  it('names only the institutions present, in network order, guests last, with their totals', () => {
    expect(view.parties.map((p) => [p.label, p.total])).toEqual([
      ['Asan', 1],
      ['VHIO', 4],
      ['Guests', 1],
    ]);
  });

  it('splits each bar by institution and scales it against the best-attended session', () => {
    const opening = view.rows[0];
    expect(opening?.scale).toBe(1);
    expect(opening?.segments.map((s) => [s.key, s.offset, s.share])).toEqual([
      ['asan', 0, 0.25],
      ['vhio', 0.25, 0.5],
      ['guests', 0.75, 0.25],
    ]);
    expect(view.rows[1]?.scale).toBe(0.5);
    expect(view.rows[2]?.segments).toEqual([]);
  });

  it('lists each attendee with their institution, whether they joined in the window, and their minutes present', () => {
    expect(view.rows[0]?.people.map((p) => [p.name, p.institution, p.joinedInWindow, p.present])).toEqual([
      ['Ji-woo Park', 'Asan', true, 'not in the live room'],
      ['Laia Puig', 'VHIO', false, '42 min'],
      ['Sam Guest', 'Guests', true, '0 min'],
    ]);
  });

  it('sums attendances and counts the sessions someone attended', () => {
    expect(view.total).toBe(6);
    expect(view.sessionsAttended).toBe(2);
  });
});
