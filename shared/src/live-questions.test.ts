import { describe, expect, it } from 'vitest';
import { LIVE_QUESTION_STATUSES, type LiveQuestionStatus } from './live';
import { mayMoveQuestion, QUESTION_MOVES, questionMoveRefusal, type QuestionMove } from './live-questions';

const allowed: Record<QuestionMove, LiveQuestionStatus[]> = {
  approve: ['pending', 'answered', 'dismissed'],
  dismiss: ['pending', 'approved', 'answered'],
  answer: ['pending', 'approved'],
  pin: ['pending', 'approved'],
  edit: ['pending', 'approved'],
  withdraw: ['pending', 'approved', 'dismissed'],
};

describe('moving a live question', () => {
  for (const move of Object.keys(QUESTION_MOVES) as QuestionMove[]) {
    for (const status of LIVE_QUESTION_STATUSES) {
      const may = allowed[move].includes(status);
      it(`${may ? 'allows' : 'refuses'} ${move} from ${status}`, () => {
        expect(mayMoveQuestion(move, status)).toBe(may);
        const refusal = questionMoveRefusal(move, status);
        if (may) expect(refusal).toBeNull();
        else expect(refusal).toMatch(/\.$/);
      });
    }
  }

  it('lets nothing start from a withdrawn question: it is gone for everyone', () => {
    for (const move of Object.keys(QUESTION_MOVES) as QuestionMove[]) {
      expect(mayMoveQuestion(move, 'withdrawn')).toBe(false);
    }
  });

  it('says why an answer needs approval first, and that an answered one is done', () => {
    expect(questionMoveRefusal('answer', 'dismissed')).toBe('Approve this question first.');
    expect(questionMoveRefusal('answer', 'answered')).toBe('This question is already answered.');
    expect(questionMoveRefusal('pin', 'answered')).toBe('This question is answered: approve it again first.');
  });

  it('leaves moderating to moderators and editing or withdrawing to authors', () => {
    expect(QUESTION_MOVES.approve.by).toBe('moderator');
    expect(QUESTION_MOVES.withdraw.by).toBe('author');
    expect(QUESTION_MOVES.edit.by).toBe('author');
  });
});
