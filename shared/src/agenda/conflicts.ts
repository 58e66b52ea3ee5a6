// Agenda conflicts as computed warnings, not database constraints (as pretalx does): pure functions that
// the editor runs live on every change and the server runs before publishing.
import type { SessionPersonRole, SummitFormat } from '../domain';
import { dayBounds } from '../time/zones';

export const CONFLICT_KINDS = [
  'ends-before-start',
  'outside-summit-days',
  'room-double-booked',
  'person-double-booked',
  'speaks-while-chairing',
  'in-person-without-room',
  'seat-limit-above-capacity',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export type ConflictSeverity = 'error' | 'warning';

/** Errors block publishing; warnings are shown and left to the organiser's judgement. */
export const CONFLICT_SEVERITY: Record<ConflictKind, ConflictSeverity> = {
  'ends-before-start': 'error',
  'outside-summit-days': 'error',
  'room-double-booked': 'error',
  'person-double-booked': 'error',
  'speaks-while-chairing': 'error',
  'in-person-without-room': 'error',
  'seat-limit-above-capacity': 'warning',
};

export interface Conflict {
  kind: ConflictKind;
  severity: ConflictSeverity;
  /** The sessions involved, in agenda order. */
  sessionIds: string[];
  /** The people involved, if any. */
  memberIds: string[];
  roomId?: string;
  /** A sentence for organisers naming the sessions and people. */
  message: string;
}

export interface ConflictSummit {
  format: SummitFormat;
  timeZone: string;
  startDate: string;
  endDate: string;
}

export interface ConflictRoom {
  id: string;
  name: string;
  capacity: number | null;
}

export interface ConflictSession {
  id: string;
  title: string;
  status: 'scheduled' | 'cancelled';
  /** Epoch milliseconds, or null while unscheduled. */
  startsAt: number | null;
  endsAt: number | null;
  roomId: string | null;
  seatLimit: number | null;
  people: { memberId: string; name: string; role: SessionPersonRole }[];
}

interface Placed extends ConflictSession {
  startsAt: number;
  endsAt: number;
}

const quote = (session: { title: string }) => `“${session.title}”`;

/** Pairs of intervals that overlap (touching ends do not), found by a sweep over sorted starts. */
function overlappingPairs<T extends { startsAt: number; endsAt: number }>(items: T[]): [T, T][] {
  const sorted = [...items].sort((a, b) => a.startsAt - b.startsAt || a.endsAt - b.endsAt);
  const pairs: [T, T][] = [];
  const open: T[] = [];
  for (const item of sorted) {
    for (let i = open.length - 1; i >= 0; i--) {
      if ((open[i] as T).endsAt <= item.startsAt) open.splice(i, 1);
    }
    for (const other of open) pairs.push([other, item]);
    open.push(item);
  }
  return pairs;
}

function make(
  kind: ConflictKind,
  sessionIds: string[],
  memberIds: string[],
  message: string,
  roomId?: string,
): Conflict {
  return { kind, severity: CONFLICT_SEVERITY[kind], sessionIds, memberIds, message, ...(roomId ? { roomId } : {}) };
}

export function findConflicts(summit: ConflictSummit, rooms: ConflictRoom[], sessions: ConflictSession[]): Conflict[] {
  const conflicts: Conflict[] = [];
  const roomsById = new Map(rooms.map((room) => [room.id, room]));
  const active = sessions.filter((session) => session.status === 'scheduled');
  const firstInstant = dayBounds(summit.startDate, summit.timeZone).start.getTime();
  const lastInstant = dayBounds(summit.endDate, summit.timeZone).end.getTime();

  const placed: Placed[] = [];
  for (const session of active) {
    if (session.startsAt === null || session.endsAt === null) continue;
    if (session.endsAt <= session.startsAt) {
      conflicts.push(make('ends-before-start', [session.id], [], `${quote(session)} ends before it starts.`));
      continue;
    }
    placed.push(session as Placed);
    if (session.startsAt < firstInstant || session.endsAt > lastInstant) {
      conflicts.push(
        make(
          'outside-summit-days',
          [session.id],
          [],
          `${quote(session)} is outside the summit's days (${summit.startDate} to ${summit.endDate}, ${summit.timeZone}).`,
        ),
      );
    }
  }

  for (const session of active) {
    const room = session.roomId ? roomsById.get(session.roomId) : undefined;
    if (summit.format === 'in_person' && !room) {
      conflicts.push(
        make('in-person-without-room', [session.id], [], `${quote(session)} has no room, but the summit is in person.`),
      );
    }
    if (room && room.capacity !== null && session.seatLimit !== null && session.seatLimit > room.capacity) {
      conflicts.push(
        make(
          'seat-limit-above-capacity',
          [session.id],
          [],
          `${quote(session)} offers ${session.seatLimit} seats but ${room.name} holds ${room.capacity}.`,
          room.id,
        ),
      );
    }
  }

  const byRoom = new Map<string, Placed[]>();
  for (const session of placed) {
    if (!session.roomId) continue;
    const list = byRoom.get(session.roomId) ?? [];
    list.push(session);
    byRoom.set(session.roomId, list);
  }
  for (const [roomId, list] of byRoom) {
    const name = roomsById.get(roomId)?.name ?? 'The room';
    for (const [a, b] of overlappingPairs(list)) {
      conflicts.push(
        make(
          'room-double-booked',
          [a.id, b.id],
          [],
          `${name} hosts ${quote(a)} and ${quote(b)} at the same time.`,
          roomId,
        ),
      );
    }
  }

  const byPerson = new Map<string, { name: string; slots: (Placed & { role: SessionPersonRole })[] }>();
  for (const session of placed) {
    for (const person of session.people) {
      const entry = byPerson.get(person.memberId) ?? { name: person.name, slots: [] };
      // One slot per session even if the person is both speaker and chair of it.
      if (!entry.slots.some((slot) => slot.id === session.id)) entry.slots.push({ ...session, role: person.role });
      byPerson.set(person.memberId, entry);
    }
  }
  for (const [memberId, { name, slots }] of byPerson) {
    for (const [a, b] of overlappingPairs(slots)) {
      if (a.role !== b.role) {
        const [speaking, chairing] = a.role === 'speaker' ? [a, b] : [b, a];
        conflicts.push(
          make(
            'speaks-while-chairing',
            [a.id, b.id],
            [memberId],
            `${name} speaks in ${quote(speaking)} while chairing ${quote(chairing)}.`,
          ),
        );
      } else {
        conflicts.push(
          make(
            'person-double-booked',
            [a.id, b.id],
            [memberId],
            `${name} is in ${quote(a)} and ${quote(b)} at the same time.`,
          ),
        );
      }
    }
  }
  return conflicts;
}

export function hasBlockingConflicts(conflicts: readonly Conflict[]): boolean {
  return conflicts.some((conflict) => conflict.severity === 'error');
}
