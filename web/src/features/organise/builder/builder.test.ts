import { describe, expect, it } from 'vitest';
import { session, summit as makeSummit } from '../../../testing/fixtures';
import { applyEdits, builderDays, flagsBySession, liveConflicts, unscheduled, wasPublished } from './builder';

const summit = makeSummit({
  rooms: [
    { id: 'auditorium', name: 'Auditorium', capacity: 200 },
    { id: 'salon', name: 'Salon', capacity: 20 },
  ],
});

const keynote = session({
  id: 'keynote',
  title: 'Opening keynote',
  roomId: 'auditorium',
  startsAt: '2027-03-09T09:00:00.000Z',
  endsAt: '2027-03-09T10:00:00.000Z',
  people: [{ memberId: 'hana', name: 'Hana Kim', role: 'speaker', institutionId: null }],
});
const panel = session({
  id: 'panel',
  title: 'Trials panel',
  roomId: 'salon',
  startsAt: '2027-03-09T11:00:00.000Z',
  endsAt: '2027-03-09T12:00:00.000Z',
  people: [{ memberId: 'hana', name: 'Hana Kim', role: 'chair', institutionId: null }],
});

describe('conflicts computed live while dragging', () => {
  it('finds none in an agenda without clashes', () => {
    expect(liveConflicts(summit, summit.rooms, [keynote, panel])).toEqual([]);
  });

  it('flags both sessions, with the people named, when one is dragged onto the other’s room and time', () => {
    const dragged = applyEdits(
      [keynote, panel],
      new Map([['panel', { roomId: 'auditorium', startsAt: keynote.startsAt, endsAt: keynote.endsAt }]]),
    );
    const conflicts = liveConflicts(summit, summit.rooms, dragged);
    expect(conflicts.map((conflict) => conflict.kind).sort()).toEqual(['room-double-booked', 'speaks-while-chairing']);
    expect(conflicts.find((c) => c.kind === 'speaks-while-chairing')?.message).toContain('Hana Kim');

    const flags = flagsBySession(conflicts);
    expect(flags.get('keynote')?.severity).toBe('error');
    expect(flags.get('panel')?.messages).toHaveLength(2);
  });

  it('marks a seat limit above the room’s capacity as a warning only', () => {
    const workshop = session({ id: 'workshop', roomId: 'salon', seatLimit: 40 });
    const flags = flagsBySession(liveConflicts(summit, summit.rooms, [workshop]));
    expect(flags.get('workshop')).toEqual({
      severity: 'warning',
      messages: [expect.stringContaining('Salon holds 20') as unknown as string],
    });
  });

  it('ignores cancelled sessions', () => {
    const cancelled = { ...panel, status: 'cancelled' as const, roomId: 'auditorium', startsAt: keynote.startsAt };
    expect(liveConflicts(summit, summit.rooms, [keynote, { ...cancelled, endsAt: keynote.endsAt }])).toEqual([]);
  });
});

describe('the days and the tray', () => {
  it('shows the summit’s days and any day a session drifted to', () => {
    const stray = session({ startsAt: '2027-03-12T09:00:00.000Z', endsAt: '2027-03-12T10:00:00.000Z' });
    expect(builderDays(summit, [keynote, stray])).toEqual(['2027-03-09', '2027-03-10', '2027-03-12']);
  });

  it('puts sessions without a time in the tray', () => {
    const loose = session({ id: 'loose', startsAt: null, endsAt: null });
    expect(unscheduled([keynote, loose]).map((s) => s.id)).toEqual(['loose']);
  });
});

describe('whether a session may still be deleted', () => {
  it('may be deleted before the first publication', () => {
    expect(wasPublished(keynote, { publishedVersion: null, pendingChanges: [] })).toBe(false);
  });

  it('may not be deleted once members saw it, even after it lost its time', () => {
    expect(wasPublished(keynote, { publishedVersion: 2, pendingChanges: [] })).toBe(true);
    const loose = { id: 'keynote', startsAt: null };
    expect(
      wasPublished(loose, { publishedVersion: 2, pendingChanges: [{ sessionId: 'keynote', changes: ['removed'] }] }),
    ).toBe(true);
  });

  it('may be deleted when it was added since the last version, or never had a time', () => {
    expect(
      wasPublished(keynote, { publishedVersion: 2, pendingChanges: [{ sessionId: 'keynote', changes: ['added'] }] }),
    ).toBe(false);
    expect(wasPublished({ id: 'new', startsAt: null }, { publishedVersion: 2, pendingChanges: [] })).toBe(false);
  });
});
