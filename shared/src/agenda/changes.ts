// What changed between two published versions of an agenda: the changelog members read, the reason a
// calendar event's SEQUENCE goes up, and (later) who gets told.
import type { AgendaSession } from '../api/summits';
import type { SessionChange } from '../api/agenda';

type ChangeKind = SessionChange['changes'][number];

const essentials = (session: AgendaSession) => ({
  startsAt: session.startsAt,
  endsAt: session.endsAt,
  roomId: session.roomId,
  status: session.status,
});

const peopleKey = (session: AgendaSession) =>
  session.people
    .map((person) => `${person.role}:${person.memberId}`)
    .sort()
    .join(',');

export function diffAgendas(previous: readonly AgendaSession[], next: readonly AgendaSession[]): SessionChange[] {
  const before = new Map(previous.map((session) => [session.id, session]));
  const after = new Map(next.map((session) => [session.id, session]));
  const changes: SessionChange[] = [];

  for (const session of next) {
    const old = before.get(session.id);
    if (!old) {
      changes.push({
        sessionId: session.id,
        title: session.title,
        changes: ['added'],
        before: null,
        after: essentials(session),
      });
      continue;
    }
    const kinds: ChangeKind[] = [];
    if (old.status !== session.status) kinds.push(session.status === 'cancelled' ? 'cancelled' : 'reinstated');
    if (old.startsAt !== session.startsAt || old.endsAt !== session.endsAt) kinds.push('time');
    if (old.roomId !== session.roomId) kinds.push('room');
    if (peopleKey(old) !== peopleKey(session)) kinds.push('people');
    if (
      old.title !== session.title ||
      old.abstract !== session.abstract ||
      old.kind !== session.kind ||
      old.trackId !== session.trackId ||
      old.seatLimit !== session.seatLimit ||
      // Credits are published with the agenda, but as a detail: nobody is mailed about them.
      (old.credits ?? null) !== (session.credits ?? null)
    ) {
      kinds.push('details');
    }
    if (kinds.length > 0) {
      changes.push({
        sessionId: session.id,
        title: session.title,
        changes: kinds,
        before: essentials(old),
        after: essentials(session),
      });
    }
  }
  for (const session of previous) {
    if (!after.has(session.id)) {
      changes.push({
        sessionId: session.id,
        title: session.title,
        changes: ['removed'],
        before: essentials(session),
        after: null,
      });
    }
  }
  return changes;
}

/**
 * What each kind of change is called, wherever a change is shown: badges on the changelog and the publish
 * panel, and (in lower case) the change e-mails' sentences ("new time, new room").
 */
export const SESSION_CHANGE_LABELS: Readonly<Record<SessionChange['changes'][number], string>> = {
  added: 'Added',
  removed: 'Removed',
  cancelled: 'Cancelled',
  reinstated: 'Back on the agenda',
  time: 'New time',
  room: 'New room',
  people: 'New speakers or chairs',
  details: 'Details updated',
};
