// The builder's model around the grid: the organiser's edits laid over the draft while they travel to
// the server, the conflicts those edits cause (computed in the browser with the same rules the server
// enforces), and the days and sessions each tab shows.
import type { AgendaSession, Room, SummitSummary } from '@apoc/shared';
import { CONFLICT_SEVERITY, findConflicts, type Conflict, type ConflictKind } from '@apoc/shared/agenda';
import type { SessionKind } from '@apoc/shared/domain';
import { datesBetween, localDate } from '@apoc/shared/time';
import { m } from '../../../paraglide/messages.js';

/** The placement fields a drag or a key press changes. */
export interface SessionEdit {
  startsAt?: string | null;
  endsAt?: string | null;
  roomId?: string | null;
  trackId?: string | null;
}

/** The sessions as the organiser sees them now: the draft with the edits not yet confirmed by the server. */
export function applyEdits(
  sessions: readonly AgendaSession[],
  edits: ReadonlyMap<string, SessionEdit>,
): AgendaSession[] {
  if (edits.size === 0) return sessions as AgendaSession[];
  return sessions.map((session) => {
    const edit = edits.get(session.id);
    return edit ? { ...session, ...edit } : session;
  });
}

export type ConflictSummitFields = Pick<SummitSummary, 'format' | 'timeZone' | 'startDate' | 'endDate'>;

/**
 * The conflicts of the agenda on screen, as the server would find them when publishing, each told in the
 * page's language (the shared rules write English; their sentence is written again here from the sessions,
 * rooms and people it names).
 */
export function liveConflicts(
  summit: ConflictSummitFields,
  rooms: readonly Room[],
  sessions: readonly AgendaSession[],
): Conflict[] {
  const byId = new Map(sessions.map((session) => [session.id, session]));
  return findConflicts(
    summit,
    [...rooms],
    sessions.map((session) => ({
      id: session.id,
      title: session.title,
      status: session.status,
      startsAt: session.startsAt ? Date.parse(session.startsAt) : null,
      endsAt: session.endsAt ? Date.parse(session.endsAt) : null,
      roomId: session.roomId,
      seatLimit: session.seatLimit,
      people: session.people,
    })),
  ).map((conflict) => ({ ...conflict, message: conflictMessage(conflict, summit, rooms, byId) }));
}

/** A conflict's sentence in the page's language; the shared rules' English one when what it names is gone. */
export function conflictMessage(
  conflict: Conflict,
  summit: ConflictSummitFields,
  rooms: readonly Room[],
  sessions: ReadonlyMap<string, AgendaSession>,
): string {
  const [first, second] = conflict.sessionIds.map((id) => sessions.get(id));
  if (!first) return conflict.message;
  const title = first.title;
  const room = conflict.roomId ? rooms.find((candidate) => candidate.id === conflict.roomId) : undefined;
  switch (conflict.kind) {
    case 'ends-before-start':
      return m.builder_conflict_ends_before_start({ title });
    case 'outside-summit-days':
      return m.builder_conflict_outside_days({
        title,
        start: summit.startDate,
        end: summit.endDate,
        zone: summit.timeZone,
      });
    case 'in-person-without-room':
      return m.builder_conflict_without_room({ title });
    case 'seat-limit-above-capacity':
      if (!room || room.capacity === null || first.seatLimit === null) return conflict.message;
      return m.builder_conflict_seats_above_capacity({
        title,
        seats: first.seatLimit,
        room: room.name,
        capacity: room.capacity,
      });
    case 'room-double-booked':
      if (!second) return conflict.message;
      return room
        ? m.builder_conflict_room_double_booked({ room: room.name, first: title, second: second.title })
        : m.builder_conflict_unknown_room_double_booked({ first: title, second: second.title });
    case 'person-double-booked':
    case 'speaks-while-chairing': {
      const memberId = conflict.memberIds[0];
      if (!second || !memberId) return conflict.message;
      // As the shared rules read it: the person's first entry in each session gives their role there.
      const entryIn = (session: AgendaSession) => session.people.find((person) => person.memberId === memberId);
      const name = (entryIn(first) ?? entryIn(second))?.name;
      if (name === undefined) return conflict.message;
      if (conflict.kind === 'person-double-booked') {
        return m.builder_conflict_person_double_booked({ name, first: title, second: second.title });
      }
      const [speaking, chairing] = entryIn(first)?.role === 'speaker' ? [first, second] : [second, first];
      return m.builder_conflict_speaks_while_chairing({
        name,
        speaking: speaking.title,
        chairing: chairing.title,
      });
    }
  }
}

export interface SessionFlag {
  /** The worst severity among the session's conflicts. */
  severity: 'error' | 'warning';
  messages: string[];
}

/** What each session's block says about its conflicts; sessions without any are absent. */
export function flagsBySession(conflicts: readonly Conflict[]): Map<string, SessionFlag> {
  const flags = new Map<string, SessionFlag>();
  for (const conflict of conflicts) {
    for (const id of conflict.sessionIds) {
      const flag = flags.get(id);
      if (!flag) {
        flags.set(id, { severity: conflict.severity, messages: [conflict.message] });
      } else {
        flag.messages.push(conflict.message);
        if (conflict.severity === 'error') flag.severity = 'error';
      }
    }
  }
  return flags;
}

export const CONFLICT_LABELS: Record<ConflictKind, string> = {
  'ends-before-start': m.builder_conflict_kind_ends_before_start(),
  'outside-summit-days': m.builder_conflict_kind_outside_days(),
  'room-double-booked': m.builder_conflict_kind_room_double_booked(),
  'person-double-booked': m.builder_conflict_kind_person_double_booked(),
  'speaks-while-chairing': m.builder_conflict_kind_speaks_while_chairing(),
  'in-person-without-room': m.builder_conflict_kind_without_room(),
  'seat-limit-above-capacity': m.builder_conflict_kind_seats_above_capacity(),
};

/** A session's kind in words ("Keynote", "Posters"), as the builder shows it on blocks, tray items and the form. */
export const KIND_LABELS: Record<SessionKind, string> = {
  keynote: m.builder_kind_keynote(),
  plenary: m.builder_kind_plenary(),
  panel: m.builder_kind_panel(),
  workshop: m.builder_kind_workshop(),
  breakout: m.builder_kind_breakout(),
  poster: m.builder_kind_poster(),
  break: m.builder_kind_break(),
  networking: m.builder_kind_networking(),
};

export const blocksPublishing = (kind: ConflictKind): boolean => CONFLICT_SEVERITY[kind] === 'error';

/**
 * The day tabs: the summit's own days, and any other date a session has drifted to (so that a session
 * outside the summit's days can still be seen and moved back).
 */
export function builderDays(
  summit: Pick<SummitSummary, 'startDate' | 'endDate' | 'timeZone'>,
  sessions: readonly Pick<AgendaSession, 'startsAt'>[],
): string[] {
  const days = new Set(datesBetween(summit.startDate, summit.endDate));
  for (const session of sessions) {
    if (session.startsAt) days.add(localDate(Date.parse(session.startsAt), summit.timeZone));
  }
  return [...days].sort();
}

/** Sessions that start on `date` in the summit's zone. */
export function sessionsOn(date: string, zone: string, sessions: readonly AgendaSession[]): AgendaSession[] {
  return sessions.filter(
    (session) =>
      session.startsAt !== null && session.endsAt !== null && localDate(Date.parse(session.startsAt), zone) === date,
  );
}

/** Sessions without a time: the tray. */
export const unscheduled = (sessions: readonly AgendaSession[]): AgendaSession[] =>
  sessions.filter((session) => session.startsAt === null || session.endsAt === null);

/**
 * Whether members have seen this session in a published version, so that it may only be cancelled, not
 * deleted. Unpublished changes tell: a session added since the last version is new, and one that lost
 * its time shows as removed.
 */
export function wasPublished(
  session: Pick<AgendaSession, 'id' | 'startsAt'>,
  draft: { publishedVersion: number | null; pendingChanges: { sessionId: string; changes: string[] }[] },
): boolean {
  if (draft.publishedVersion === null) return false;
  const change = draft.pendingChanges.find((candidate) => candidate.sessionId === session.id);
  if (change?.changes.includes('added')) return false;
  if (session.startsAt === null) return change?.changes.includes('removed') ?? false;
  return true;
}

/** The usual length of a new session of each kind, used when one is dropped from the tray. */
export function defaultDurationMinutes(kind: AgendaSession['kind']): number {
  switch (kind) {
    case 'break':
      return 30;
    case 'keynote':
    case 'plenary':
    case 'panel':
    case 'breakout':
    case 'networking':
      return 60;
    case 'workshop':
    case 'poster':
      return 90;
  }
}

/** `edits` with `edit` merged into the session's own (a new map: the builder holds them as raw state). */
export function withEdit(
  edits: ReadonlyMap<string, SessionEdit>,
  id: string,
  edit: SessionEdit,
): Map<string, SessionEdit> {
  return new Map(edits).set(id, { ...edits.get(id), ...edit });
}

/** `edits` without the session's (its move failed, or the server's draft now has it). */
export function withoutEdit(edits: ReadonlyMap<string, SessionEdit>, id: string): Map<string, SessionEdit> {
  const next = new Map(edits);
  next.delete(id);
  return next;
}
