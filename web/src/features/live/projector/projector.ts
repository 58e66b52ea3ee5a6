// What the projector shows, as a pure function of the live state: the question being answered (or, when
// none is pinned, the top one), the next questions by votes, and the poll for the room. The projector is
// connected as a moderator, so it also decides what a room may not see: other people's waiting questions,
// and results the moderators keep hidden from attendees.
import type { LivePoll, LiveQa, LiveQuestion } from '@apoc/shared/live';
import { byVotes } from '../../../lib/live.svelte';

export interface ProjectorView {
  /** The question on the big line, and whether it is the pinned one or merely the most voted. */
  headline: { question: LiveQuestion; pinned: boolean } | null;
  /** The other approved questions, most voted first (oldest first among equals). */
  next: LiveQuestion[];
  /** The poll the room should see, with results only if the moderators show them to attendees. */
  poll: LivePoll | null;
}

/** How many questions follow the headline. */
export const PROJECTOR_NEXT = 5;

export function projectorView(
  qa: LiveQa,
  questions: readonly LiveQuestion[],
  polls: readonly LivePoll[],
): ProjectorView {
  const approved = questions.filter((question) => question.status === 'approved').sort(byVotes);
  const pinned = qa.pinnedQuestionId ? approved.find((question) => question.id === qa.pinnedQuestionId) : undefined;
  const headlineQuestion = pinned ?? approved[0];
  const headline = headlineQuestion ? { question: headlineQuestion, pinned: pinned !== undefined } : null;
  const next = approved.filter((question) => question !== headlineQuestion).slice(0, PROJECTOR_NEXT);
  return { headline, next, poll: roomPoll(polls) };
}

/**
 * The open poll (the latest opened, should there be several); when none is open, the latest closed poll
 * whose results the moderators show, so that the room sees the outcome until they hide it.
 */
function roomPoll(polls: readonly LivePoll[]): LivePoll | null {
  const latest = (list: LivePoll[], at: (poll: LivePoll) => string | null) =>
    list.sort((a, b) => Date.parse(at(b) ?? b.createdAt) - Date.parse(at(a) ?? a.createdAt))[0] ?? null;
  const open = latest(
    polls.filter((poll) => poll.status === 'open'),
    (poll) => poll.openedAt,
  );
  const chosen =
    open ??
    latest(
      polls.filter((poll) => poll.status === 'closed' && poll.resultsVisible),
      (poll) => poll.closedAt,
    );
  if (!chosen) return null;
  return chosen.resultsVisible ? chosen : { ...chosen, results: null, voters: null };
}
