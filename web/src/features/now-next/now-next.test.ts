import { describe, expect, it } from 'vitest';
import { session, summit } from '../../testing/fixtures';
import { nowAndNext } from './now-next';

// The London summit of 9–10 March 2027 (UTC in March); the viewer reads it from Seoul (UTC+9, no DST).
const SEOUL = 'Asia/Seoul';
const at = (iso: string): number => Date.parse(iso);
const ids = (list: { session: { id: string } }[]): string[] => list.map((t) => t.session.id);

const opening = session({ id: 'opening', startsAt: '2027-03-09T09:00:00Z', endsAt: '2027-03-09T10:00:00Z' });
const thoracic = session({ id: 'thoracic', startsAt: '2027-03-09T10:30:00Z', endsAt: '2027-03-09T11:30:00Z' });
const gi = session({ id: 'gi', startsAt: '2027-03-09T10:30:00Z', endsAt: '2027-03-09T11:30:00Z' });
// 14:30–15:30 UTC is 23:30–00:30 in Seoul: it crosses midnight in the viewer's zone.
const lateInSeoul = session({ id: 'late', startsAt: '2027-03-09T14:30:00Z', endsAt: '2027-03-09T15:30:00Z' });
// 15:15 UTC is 00:15 on 10 March in Seoul: the next day there.
const afterMidnight = session({
  id: 'after-midnight',
  startsAt: '2027-03-09T15:15:00Z',
  endsAt: '2027-03-09T16:00:00Z',
});
const cancelled = session({
  id: 'cancelled',
  status: 'cancelled',
  startsAt: '2027-03-09T09:30:00Z',
  endsAt: '2027-03-09T10:00:00Z',
});
const agenda = summit({ sessions: [lateInSeoul, gi, opening, thoracic, afterMidnight, cancelled] });

describe('nowAndNext', () => {
  it('before the summit: nothing live, the first session next, and when it starts', () => {
    const view = nowAndNext(agenda, at('2027-03-06T09:00:00Z'), SEOUL);
    expect(view.phase).toBe('before');
    expect(view.live).toEqual([]);
    expect(ids(view.next)).toEqual(['opening']);
    expect(view.firstStart).toBe(at('2027-03-09T09:00:00Z'));
  });

  it('during a session: it is live, and the parallel sessions that follow come next together', () => {
    const view = nowAndNext(agenda, at('2027-03-09T09:40:00Z'), SEOUL);
    expect(view.phase).toBe('during');
    expect(ids(view.live)).toEqual(['opening']);
    expect(ids(view.next).sort()).toEqual(['gi', 'thoracic']);
    // Later on the viewer's day (9 March in Seoul, ending at 15:00 UTC): the 23:30 session, not the 00:15 one.
    expect(ids(view.laterToday)).toEqual(['late']);
    expect(view.day).toBe('2027-03-09');
  });

  it('leaves cancelled sessions out', () => {
    const view = nowAndNext(agenda, at('2027-03-09T09:45:00Z'), SEOUL);
    expect(ids(view.live)).not.toContain('cancelled');
  });

  it('keeps a session that crossed midnight in the viewer’s zone live on the new day', () => {
    // 00:10 on 10 March in Seoul: the 23:30 session started "yesterday" there and is still on.
    const view = nowAndNext(agenda, at('2027-03-09T15:10:00Z'), SEOUL);
    expect(view.day).toBe('2027-03-10');
    expect(ids(view.live)).toEqual(['late']);
    expect(ids(view.next)).toEqual(['after-midnight']);
  });

  it('between sessions: nothing live, the summit still on, the next session named', () => {
    const view = nowAndNext(agenda, at('2027-03-09T12:00:00Z'), SEOUL);
    expect(view.phase).toBe('during');
    expect(view.live).toEqual([]);
    expect(ids(view.next)).toEqual(['late']);
  });

  it('after the last session: the summit has ended', () => {
    const view = nowAndNext(agenda, at('2027-03-09T16:00:00Z'), SEOUL);
    expect(view.phase).toBe('after');
    expect(view.next).toEqual([]);
  });

  it('an agenda without sessions follows the summit’s own dates', () => {
    const empty = summit({ sessions: [] });
    expect(nowAndNext(empty, at('2027-03-08T12:00:00Z'), SEOUL).phase).toBe('before');
    expect(nowAndNext(empty, at('2027-03-09T12:00:00Z'), SEOUL).phase).toBe('during');
    expect(nowAndNext(empty, at('2027-03-11T12:00:00Z'), SEOUL).phase).toBe('after');
  });
});
