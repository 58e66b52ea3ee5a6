import type { LiveQuestionStatus } from './live';

// How a live question moves between statuses, and who moves it: one table for the server, which refuses a
// move it does not allow, and for the web, which offers only the moves the table allows.

export type QuestionMove = 'approve' | 'dismiss' | 'answer' | 'pin' | 'edit' | 'withdraw';

interface MoveRule {
  /** Moderators (the session's chairs, organisers, admins) or the question's author. */
  by: 'moderator' | 'author';
  /** The statuses the move starts from. A withdrawn question is gone for everyone: no move starts there. */
  from: readonly LiveQuestionStatus[];
  /** What is said when the move is asked of a question in another status. */
  refusal: (status: LiveQuestionStatus) => string;
}

export const QUESTION_MOVES: Readonly<Record<QuestionMove, MoveRule>> = {
  approve: {
    by: 'moderator',
    from: ['pending', 'answered', 'dismissed'],
    refusal: () => 'This question is already in the queue.',
  },
  dismiss: {
    by: 'moderator',
    from: ['pending', 'approved', 'answered'],
    refusal: () => 'This question is already dismissed.',
  },
  answer: {
    by: 'moderator',
    from: ['pending', 'approved'],
    refusal: (status) =>
      status === 'answered' ? 'This question is already answered.' : 'Approve this question first.',
  },
  // Pinning a question that waits for approval approves it: it is about to be answered in public.
  pin: {
    by: 'moderator',
    from: ['pending', 'approved'],
    refusal: (status) => `This question is ${status}: approve it again first.`,
  },
  // Moderators may edit any question they see; its author only while it may still be answered.
  edit: {
    by: 'author',
    from: ['pending', 'approved'],
    refusal: (status) =>
      status === 'answered' ? 'This question was already answered.' : 'This question was dismissed.',
  },
  withdraw: {
    by: 'author',
    from: ['pending', 'approved', 'dismissed'],
    refusal: () => 'This question was already answered.',
  },
};

/** Whether `move` may start from a question in `status`. */
export function mayMoveQuestion(move: QuestionMove, status: LiveQuestionStatus): boolean {
  return QUESTION_MOVES[move].from.includes(status);
}

/** Why `move` may not start from `status`, or null when it may. */
export function questionMoveRefusal(move: QuestionMove, status: LiveQuestionStatus): string | null {
  return mayMoveQuestion(move, status) ? null : QUESTION_MOVES[move].refusal(status);
}
