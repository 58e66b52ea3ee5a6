import { describe, expect, it } from 'vitest';
import type { AgendaSession } from '../api/summits';
import { diffAgendas, SESSION_CHANGE_LABELS } from './changes';

const base: AgendaSession = {
  id: 'a',
  summitId: 's',
  title: 'KRAS G12C after progression',
  abstract: '',
  kind: 'panel',
  status: 'scheduled',
  startsAt: '2027-03-09T09:00:00.000Z',
  endsAt: '2027-03-09T10:00:00.000Z',
  roomId: 'hall',
  trackId: 't',
  seatLimit: null,
  people: [{ memberId: 'm1', name: 'Dr Han', role: 'speaker', institutionId: 'asan' }],
};

describe('what changed between two versions of an agenda', () => {
  it('reports nothing when nothing changed', () => {
    expect(diffAgendas([base], [{ ...base, people: [...base.people] }])).toEqual([]);
  });

  it('reports a new time with the old and the new one', () => {
    const [change] = diffAgendas(
      [base],
      [{ ...base, startsAt: '2027-03-09T11:00:00.000Z', endsAt: '2027-03-09T12:00:00.000Z' }],
    );
    expect(change).toMatchObject({
      changes: ['time'],
      before: { startsAt: base.startsAt },
      after: { startsAt: '2027-03-09T11:00:00.000Z' },
    });
  });

  it('reports a cancellation, a reinstatement, a new room and new people', () => {
    expect(diffAgendas([base], [{ ...base, status: 'cancelled' }])[0]?.changes).toEqual(['cancelled']);
    expect(diffAgendas([{ ...base, status: 'cancelled' }], [base])[0]?.changes).toEqual(['reinstated']);
    expect(diffAgendas([base], [{ ...base, roomId: 'b' }])[0]?.changes).toEqual(['room']);
    expect(diffAgendas([base], [{ ...base, people: [] }])[0]?.changes).toEqual(['people']);
    expect(diffAgendas([base], [{ ...base, title: 'New title' }])[0]?.changes).toEqual(['details']);
  });

  it('reports new credits as a detail, and none between a version without credits and one without', () => {
    expect(diffAgendas([base], [{ ...base, credits: 0.75 }])[0]?.changes).toEqual(['details']);
    expect(diffAgendas([{ ...base, credits: 0.75 }], [{ ...base, credits: 1 }])[0]?.changes).toEqual(['details']);
    expect(diffAgendas([{ ...base, credits: 1 }], [base])[0]?.changes).toEqual(['details']);
    expect(diffAgendas([base], [{ ...base }])).toEqual([]);
  });

  it('reports added and removed sessions', () => {
    const other = { ...base, id: 'b' };
    expect(diffAgendas([base], [base, other]).map((c) => [c.sessionId, c.changes])).toEqual([['b', ['added']]]);
    expect(diffAgendas([base, other], [base]).map((c) => [c.sessionId, c.changes])).toEqual([['b', ['removed']]]);
  });
});

describe('the names of changes', () => {
  it('names every kind of change once, readable as a badge and inside a sentence', () => {
    const kinds = ['added', 'removed', 'cancelled', 'reinstated', 'time', 'room', 'people', 'details'] as const;
    expect(Object.keys(SESSION_CHANGE_LABELS).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) expect(SESSION_CHANGE_LABELS[kind]).toMatch(/^[A-Z][a-z ]+$/);
    expect(`${SESSION_CHANGE_LABELS.time}, ${SESSION_CHANGE_LABELS.room}`.toLowerCase()).toBe('new time, new room');
  });
});
