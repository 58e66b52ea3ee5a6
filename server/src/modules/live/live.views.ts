import {
  ROLE_RANK,
  type LiveEvent,
  type LivePoll,
  type LiveQa,
  type LiveQuestion,
  type LiveQuestionStatus,
} from '@apoc/shared';
import { LiveRefusal } from './live.errors';
import type { LiveStateRow, PollRow, QuestionRow } from './live.repository';
import type { LiveAccess } from './live.service';

// How live rows look to each audience: moderators and a question's author see it whole, other attendees
// see what they may (approved and answered questions, anonymous ones without their author).

/** One event as each audience sees it; see LiveDelivery. */
export interface EventMessages {
  moderators: LiveEvent;
  attendees: LiveEvent | null;
  member: { id: string; message: LiveEvent } | null;
}
export type Emit = (build: (seq: number) => EventMessages) => Promise<void>;

export const seenByAttendees = (status: LiveQuestionStatus) => status === 'approved' || status === 'answered';
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** `chairs`: the session's chairs, who moderate it (as organisers and admins do everywhere). */
export function questionView(row: QuestionRow, revealAuthor: boolean, chairs: ReadonlySet<string>): LiveQuestion {
  const moderator = ROLE_RANK[row.authorRole] >= ROLE_RANK.organiser || chairs.has(row.authorId);
  return {
    id: row.id,
    text: row.text,
    anonymous: row.anonymous,
    author:
      revealAuthor || !row.anonymous
        ? { id: row.authorId, name: row.authorName, institutionId: row.authorInstitutionId, moderator }
        : null,
    status: row.status,
    // As announced in the session's events: what a client knows at a given seq, whatever is being counted.
    votes: row.announcedVotes,
    createdAt: row.createdAt.toISOString(),
    editedAt: iso(row.editedAt),
    answeredAt: iso(row.answeredAt),
  };
}

export function pollView(row: PollRow, showResults: boolean): LivePoll {
  return {
    id: row.id,
    question: row.question,
    kind: row.kind,
    options: row.options,
    status: row.status,
    resultsVisible: row.resultsVisible,
    results: showResults ? row.results : null,
    voters: showResults ? row.voters : null,
    createdAt: row.createdAt.toISOString(),
    openedAt: iso(row.openedAt),
    closedAt: iso(row.closedAt),
  };
}

export const qaView = (state: LiveStateRow): LiveQa => ({
  open: state.qaOpen,
  premoderation: state.premoderation,
  pinnedQuestionId: state.pinnedQuestionId,
});

export const refuse = (code: LiveRefusal['code'], message: string) => new LiveRefusal(code, message);

export function mustModerate(access: LiveAccess): void {
  if (!access.moderator) throw refuse('forbidden', 'Only the session’s chairs and the organisers moderate.');
}

/** A question with the two ways it is shown: to moderators and its author, and to other attendees. */
export interface QuestionViews {
  row: QuestionRow;
  full: LiveQuestion;
  shown: LiveQuestion;
}

export const presenceKey = (access: LiveAccess) => `${access.sessionId}\n${access.memberId}`;

/** A question's change as each audience sees it: `before` is the status it had (null for a new question). */
export function questionEvent(before: LiveQuestionStatus | null, row: QuestionRow, chairs: ReadonlySet<string>) {
  return (seq: number): EventMessages => {
    const removed: LiveEvent = { type: 'question.removed', seq, questionId: row.id };
    const attendeesSawIt = before !== null && seenByAttendees(before);
    if (row.status === 'withdrawn') {
      return {
        moderators: removed,
        attendees: attendeesSawIt ? removed : null,
        member: { id: row.authorId, message: removed },
      };
    }
    const full: LiveEvent = { type: 'question', seq, question: questionView(row, true, chairs) };
    const shown: LiveEvent = row.anonymous
      ? { type: 'question', seq, question: questionView(row, false, chairs) }
      : full;
    return {
      moderators: full,
      attendees: seenByAttendees(row.status) ? shown : attendeesSawIt ? removed : null,
      // The author always sees their own question as it is, with their name and its status.
      member: { id: row.authorId, message: full },
    };
  };
}

export function pollEvent(row: PollRow) {
  return (seq: number): EventMessages => {
    const full: LiveEvent = { type: 'poll', seq, poll: pollView(row, true) };
    const attendees: LiveEvent | null =
      row.status === 'draft' ? null : row.resultsVisible ? full : { type: 'poll', seq, poll: pollView(row, false) };
    return { moderators: full, attendees, member: null };
  };
}

export function qaEvent(state: LiveStateRow) {
  const qa = qaView(state);
  return (seq: number): EventMessages => {
    const message: LiveEvent = { type: 'qa', seq, qa };
    return { moderators: message, attendees: message, member: null };
  };
}
