import { describe, expect, it } from 'vitest';
import { findConflicts, hasBlockingConflicts, type ConflictSession, type ConflictSummit } from './conflicts';

const summit: ConflictSummit = {
  format: 'in_person',
  timeZone: 'Europe/Paris',
  startDate: '2027-03-09',
  endDate: '2027-03-10',
};
const rooms = [
  { id: 'hall', name: 'Plenary Hall', capacity: 250 },
  { id: 'b', name: 'Breakout B', capacity: 40 },
];
const at = (time: string) => Date.parse(`2027-03-09T${time}:00+01:00`);

let counter = 0;
function session(overrides: Partial<ConflictSession> & { from?: string; to?: string } = {}): ConflictSession {
  const { from = '10:00', to = '11:00', ...rest } = overrides;
  counter += 1;
  return {
    id: `s${counter}`,
    title: `Session ${counter}`,
    status: 'scheduled',
    startsAt: at(from),
    endsAt: at(to),
    roomId: 'hall',
    seatLimit: null,
    people: [],
    ...rest,
  };
}
const kinds = (sessions: ConflictSession[], s: ConflictSummit = summit) =>
  findConflicts(s, rooms, sessions).map((c) => c.kind);

describe('agenda conflicts', () => {
  it('finds none in a clean agenda, and lets back-to-back sessions share a room', () => {
    expect(kinds([session({ from: '09:00', to: '10:00' }), session({ from: '10:00', to: '11:00' })])).toEqual([]);
  });

  it('finds a room used twice at once, naming both sessions and the room', () => {
    const a = session({ from: '10:00', to: '11:00' });
    const b = session({ from: '10:30', to: '11:30' });
    const [conflict] = findConflicts(summit, rooms, [a, b]);
    expect(conflict).toMatchObject({
      kind: 'room-double-booked',
      severity: 'error',
      sessionIds: [a.id, b.id],
      roomId: 'hall',
    });
    expect(conflict?.message).toContain('Plenary Hall');
    expect(conflict?.message).toContain(a.title);
  });

  it('finds a speaker in two sessions at once', () => {
    const people = [{ memberId: 'm1', name: 'Dr Vogel', role: 'speaker' as const }];
    const conflicts = findConflicts(summit, rooms, [
      session({ people }),
      session({ roomId: 'b', from: '10:45', to: '11:15', people }),
    ]);
    expect(conflicts).toMatchObject([{ kind: 'person-double-booked', memberIds: ['m1'] }]);
    expect(conflicts[0]?.message).toContain('Dr Vogel');
  });

  it('finds a person speaking in one session while chairing another', () => {
    const speaking = session({ people: [{ memberId: 'm1', name: 'Dr Han', role: 'speaker' }] });
    const chairing = session({ roomId: 'b', people: [{ memberId: 'm1', name: 'Dr Han', role: 'chair' }] });
    const [conflict] = findConflicts(summit, rooms, [chairing, speaking]);
    expect(conflict?.kind).toBe('speaks-while-chairing');
    expect(conflict?.message).toMatch(new RegExp(`speaks in “${speaking.title}” while chairing “${chairing.title}”`));
  });

  it('does not count a person twice for being speaker and chair of the same session', () => {
    const people = [
      { memberId: 'm1', name: 'Dr Han', role: 'speaker' as const },
      { memberId: 'm1', name: 'Dr Han', role: 'chair' as const },
    ];
    expect(kinds([session({ people })])).toEqual([]);
  });

  it('finds a session outside the summit’s days, in the summit’s zone', () => {
    // 23:30 in Paris on the last day is still inside; 00:30 the day after is not.
    expect(
      kinds([
        session({ startsAt: Date.parse('2027-03-10T23:00:00+01:00'), endsAt: Date.parse('2027-03-10T23:59:00+01:00') }),
      ]),
    ).toEqual([]);
    expect(
      kinds([
        session({ startsAt: Date.parse('2027-03-11T00:30:00+01:00'), endsAt: Date.parse('2027-03-11T01:00:00+01:00') }),
      ]),
    ).toEqual(['outside-summit-days']);
  });

  it('finds a session that ends before it starts', () => {
    expect(kinds([session({ from: '11:00', to: '10:00' })])).toEqual(['ends-before-start']);
  });

  it('warns when a seat limit is above the room’s capacity, without blocking publication', () => {
    const conflicts = findConflicts(summit, rooms, [session({ roomId: 'b', seatLimit: 60 })]);
    expect(conflicts).toMatchObject([{ kind: 'seat-limit-above-capacity', severity: 'warning' }]);
    expect(hasBlockingConflicts(conflicts)).toBe(false);
  });

  it('requires a room for every session of an in-person summit, but not of a virtual one', () => {
    expect(kinds([session({ roomId: null })])).toEqual(['in-person-without-room']);
    expect(kinds([session({ roomId: null })], { ...summit, format: 'virtual' })).toEqual([]);
  });

  it('ignores cancelled and unscheduled sessions', () => {
    expect(kinds([session(), session({ status: 'cancelled' }), session({ startsAt: null, endsAt: null })])).toEqual([]);
  });

  it('blocks publication when any error remains', () => {
    expect(hasBlockingConflicts(findConflicts(summit, rooms, [session(), session()]))).toBe(true);
  });

  it('checks a 300-session agenda in one pass', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      session({
        roomId: i % 2 ? 'hall' : 'b',
        startsAt: at('08:00') + i * 60_000 * 5,
        endsAt: at('08:00') + i * 60_000 * 5 + 4 * 60_000,
      }),
    );
    expect(findConflicts(summit, rooms, many)).toEqual([]);
  });
});
