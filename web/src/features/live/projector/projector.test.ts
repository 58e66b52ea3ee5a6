import { describe, expect, it } from 'vitest';
import { livePoll, liveQuestion } from '../../../testing/fake-live';
import { projectorView } from './projector';

const qa = (pinnedQuestionId: string | null = null) => ({ open: true, premoderation: false, pinnedQuestionId });

describe('what the projector shows', () => {
  const top = liveQuestion({ id: 'top', votes: 8 });
  const second = liveQuestion({ id: 'second', votes: 5 });
  const older = liveQuestion({ id: 'older', votes: 2, createdAt: '2027-03-09T09:00:00.000Z' });
  const newer = liveQuestion({ id: 'newer', votes: 2, createdAt: '2027-03-09T09:30:00.000Z' });
  const waiting = liveQuestion({ id: 'waiting', status: 'pending', votes: 50 });
  const answered = liveQuestion({ id: 'answered', status: 'answered', votes: 40 });
  const dismissed = liveQuestion({ id: 'dismissed', status: 'dismissed', votes: 30 });

  it('headlines the pinned question and lists the others by votes, the older first among equals', () => {
    const view = projectorView(qa('second'), [newer, top, older, second], []);
    expect(view.headline).toEqual({ question: second, pinned: true });
    expect(view.next.map((question) => question.id)).toEqual(['top', 'older', 'newer']);
  });

  it('headlines the most voted question when none is pinned', () => {
    const view = projectorView(qa(), [second, top], []);
    expect(view.headline).toEqual({ question: top, pinned: false });
    expect(view.next.map((question) => question.id)).toEqual(['second']);
  });

  it('never shows questions waiting for approval, answered or dismissed', () => {
    const view = projectorView(qa(), [waiting, answered, dismissed, second], []);
    expect(view.headline?.question.id).toBe('second');
    expect(view.next).toEqual([]);
    expect(projectorView(qa(), [waiting], []).headline).toBeNull();
  });

  it('lists at most five questions after the headline', () => {
    const many = Array.from({ length: 9 }, (_, index) => liveQuestion({ votes: index }));
    expect(projectorView(qa(), many, []).next).toHaveLength(5);
  });

  it('shows the open poll, with its results only while the moderators show them to attendees', () => {
    const draft = livePoll({ id: 'draft', status: 'draft' });
    const open = livePoll({ id: 'open', status: 'open', results: [3, 1], voters: 4, openedAt: '2027-03-09T10:05:00Z' });
    expect(projectorView(qa(), [], [draft]).poll).toBeNull();
    expect(projectorView(qa(), [], [draft, open]).poll).toMatchObject({ id: 'open', results: null, voters: null });
    expect(projectorView(qa(), [], [{ ...open, resultsVisible: true }]).poll).toMatchObject({
      id: 'open',
      results: [3, 1],
      voters: 4,
    });
  });

  it('keeps the results of a closed poll on screen while they are shown, until another poll opens', () => {
    const closed = livePoll({ id: 'closed', status: 'closed', resultsVisible: true, closedAt: '2027-03-09T10:20:00Z' });
    const hidden = livePoll({
      id: 'hidden',
      status: 'closed',
      resultsVisible: false,
      closedAt: '2027-03-09T10:30:00Z',
    });
    expect(projectorView(qa(), [], [closed, hidden]).poll?.id).toBe('closed');
    expect(projectorView(qa(), [], [hidden]).poll).toBeNull();
    const next = livePoll({ id: 'next', status: 'open', openedAt: '2027-03-09T10:40:00Z' });
    expect(projectorView(qa(), [], [closed, next]).poll?.id).toBe('next');
  });
});
