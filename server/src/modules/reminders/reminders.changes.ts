// Which changes of a batch of agenda edits members are told of, and who hears of which: pure, so that
// the rules read (and are tested) apart from the database and the mail.
import type { AgendaSession, SessionChange } from '@apoc/shared';

/** A member's reason to hear of a session: a star, or speaking at or chairing it. */
export interface Interest {
  memberId: string;
  sessionId: string;
}

const off = (side: SessionChange['before']) => side === null || side.status === 'cancelled';

/**
 * The changes worth an e-mail. Details (title, abstract, track) reach calendars through the feeds
 * without one, and a session that was off the agenda and still is concerns nobody.
 */
export function announceable(changes: readonly SessionChange[]): SessionChange[] {
  return changes.filter(
    (change) => change.changes.some((kind) => kind !== 'details') && !(off(change.before) && off(change.after)),
  );
}

/** Cancelled, or taken off the agenda: calendars are told with `METHOD:CANCEL`, the rest with `PUBLISH`. */
export const cancels = (change: SessionChange): boolean => off(change.after);

/** The speakers and chairs of these sessions. */
export function peopleOf(sessions: readonly AgendaSession[], sessionIds: ReadonlySet<string>): Interest[] {
  return sessions
    .filter((session) => sessionIds.has(session.id))
    .flatMap((session) => session.people.map((person) => ({ memberId: person.memberId, sessionId: session.id })));
}

/**
 * Who is told of which changed sessions, one entry per member: members holding a seat at the summit
 * hear of all of them; anyone else only of the sessions they starred, speak at or chair.
 */
export function audience(
  changed: readonly string[],
  seatHolders: readonly string[],
  interests: readonly Interest[],
): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const memberId of seatHolders) result.set(memberId, new Set(changed));
  const holders = new Set(seatHolders);
  const relevant = new Set(changed);
  for (const { memberId, sessionId } of interests) {
    if (holders.has(memberId) || !relevant.has(sessionId)) continue;
    const theirs = result.get(memberId) ?? new Set<string>();
    theirs.add(sessionId);
    result.set(memberId, theirs);
  }
  return result;
}
