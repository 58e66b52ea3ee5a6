// The evaluation form's answers before they are sent: every question rated (1–5), the sessions the member
// chooses to rate, and a comment of at most COMMENT_LIMIT characters.
import type { EvaluationAnswer, EvaluationForm } from '@apoc/shared';

export const COMMENT_LIMIT = 4000;

export interface EvaluationDraft {
  ratings: (number | null)[];
  sessionRatings: Record<string, number | null>;
  comment: string;
}

export function emptyDraft(evaluation: Pick<EvaluationForm, 'questions' | 'sessions'>): EvaluationDraft {
  return {
    ratings: evaluation.questions.map(() => null),
    sessionRatings: Object.fromEntries(evaluation.sessions.map((session) => [session.sessionId, null])),
    comment: '',
  };
}

export interface DraftProblems {
  /** The indexes of the questions not rated yet. */
  unrated: number[];
  commentTooLong: boolean;
}

export function checkDraft(draft: EvaluationDraft): DraftProblems {
  return {
    unrated: draft.ratings.flatMap((rating, index) => (rating === null ? [index] : [])),
    commentTooLong: draft.comment.length > COMMENT_LIMIT,
  };
}

export const isSendable = (problems: DraftProblems): boolean =>
  problems.unrated.length === 0 && !problems.commentTooLong;

/** What the server is sent: sessions left unrated are left out, the comment without surrounding blanks. */
export function submission(draft: EvaluationDraft): EvaluationAnswer {
  return {
    ratings: draft.ratings.map((rating) => rating ?? 0),
    sessionRatings: Object.fromEntries(
      Object.entries(draft.sessionRatings).filter((entry): entry is [string, number] => entry[1] !== null),
    ),
    comment: draft.comment.trim(),
  };
}
