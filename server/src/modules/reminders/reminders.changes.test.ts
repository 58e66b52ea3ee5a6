import type { AgendaSession, SessionChange } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { announceable, audience, cancels, peopleOf } from './reminders.changes';

const at = (startsAt: string, status: 'scheduled' | 'cancelled' = 'scheduled') => ({
  startsAt,
  endsAt: startsAt.replace('T09', 'T10'),
  roomId: null,
  status,
});

const change = (
  sessionId: string,
  changes: SessionChange['changes'],
  before: SessionChange['before'],
  after: SessionChange['after'],
): SessionChange => ({ sessionId, title: sessionId, changes, before, after });

describe('which agenda changes members are told of', () => {
  it('tells of new times, rooms, people and cancellations, but not of details alone', () => {
    const moved = change('moved', ['time'], at('2027-03-09T09:00:00Z'), at('2027-03-10T09:00:00Z'));
    const retitled = change('retitled', ['details'], at('2027-03-09T09:00:00Z'), at('2027-03-09T09:00:00Z'));
    const cancelled = change(
      'cancelled',
      ['cancelled'],
      at('2027-03-09T09:00:00Z'),
      at('2027-03-09T09:00:00Z', 'cancelled'),
    );
    expect(announceable([moved, retitled, cancelled]).map((c) => c.sessionId)).toEqual(['moved', 'cancelled']);
  });

  it('says nothing of a session that was cancelled and still is, even when it moves or leaves the agenda', () => {
    const was = at('2027-03-09T09:00:00Z', 'cancelled');
    expect(
      announceable([
        change('moved', ['time'], was, at('2027-03-10T09:00:00Z', 'cancelled')),
        change('gone', ['removed'], was, null),
      ]),
    ).toEqual([]);
  });

  it('cancels in calendars the sessions cancelled or taken off the agenda, and only those', () => {
    const before = at('2027-03-09T09:00:00Z');
    expect(cancels(change('a', ['cancelled'], before, at('2027-03-09T09:00:00Z', 'cancelled')))).toBe(true);
    expect(cancels(change('b', ['removed'], before, null))).toBe(true);
    expect(cancels(change('c', ['time'], before, at('2027-03-10T09:00:00Z')))).toBe(false);
  });
});

describe('who is told of which changed sessions', () => {
  it('tells seat holders of every change and anyone else of the sessions they follow, once each', () => {
    const told = audience(
      ['s1', 's2'],
      ['registered'],
      [
        { memberId: 'registered', sessionId: 's1' },
        { memberId: 'fan', sessionId: 's2' },
        { memberId: 'speaker', sessionId: 's1' },
        { memberId: 'speaker', sessionId: 's1' },
        { memberId: 'speaker', sessionId: 'unchanged' },
      ],
    );
    expect(Object.fromEntries([...told].map(([member, sessions]) => [member, [...sessions].sort()]))).toEqual({
      registered: ['s1', 's2'],
      fan: ['s2'],
      speaker: ['s1'],
    });
  });

  it('finds the speakers and chairs of the changed sessions only', () => {
    const session = (id: string, memberIds: string[]): AgendaSession => ({
      id,
      summitId: 'summit',
      title: id,
      abstract: '',
      kind: 'panel',
      status: 'scheduled',
      startsAt: null,
      endsAt: null,
      roomId: null,
      trackId: null,
      seatLimit: null,
      people: memberIds.map((memberId) => ({ memberId, name: memberId, role: 'speaker', institutionId: null })),
    });
    expect(peopleOf([session('s1', ['ana', 'ben']), session('s2', ['cho'])], new Set(['s1']))).toEqual([
      { memberId: 'ana', sessionId: 's1' },
      { memberId: 'ben', sessionId: 's1' },
    ]);
  });
});
