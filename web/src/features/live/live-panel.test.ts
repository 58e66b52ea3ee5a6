import { describe, expect, it } from 'vitest';
import {
  answeredQuestions,
  askedAgo,
  liveEntry,
  liveNews,
  openQuestions,
  visiblePolls,
  type LiveView,
} from './live-panel';
import { livePoll, liveQuestion } from '../../testing/fake-live';

const me = { memberId: 'm-laia', name: 'Laia Puig', moderator: false, muted: false };
const author = { id: me.memberId, name: me.name, institutionId: null };
const scheduled = { status: 'scheduled', startsAt: '2027-03-09T10:00:00.000Z' } as const;

describe('liveEntry', () => {
  it('offers the live Q&A to those the server lets take part', () => {
    expect(liveEntry({ ...scheduled, live: 'attendee' }, 'signed-in')).toBe('live');
    expect(liveEntry({ ...scheduled, live: 'moderator' }, 'signed-in')).toBe('live');
  });

  it('invites visitors to sign in, once the app knows they are signed out', () => {
    expect(liveEntry({ ...scheduled, live: undefined }, 'signed-out')).toBe('sign-in');
    expect(liveEntry({ ...scheduled, live: undefined }, 'unknown')).toBe('none');
  });

  it('points members who may not take part to the registration', () => {
    expect(liveEntry({ ...scheduled, live: null }, 'signed-in')).toBe('not-registered');
  });

  it('shows nothing for cancelled and unscheduled sessions', () => {
    expect(liveEntry({ status: 'cancelled', startsAt: scheduled.startsAt, live: null }, 'signed-in')).toBe('none');
    expect(liveEntry({ status: 'scheduled', startsAt: null, live: 'attendee' }, 'signed-in')).toBe('none');
    expect(liveEntry({ status: 'scheduled', startsAt: null, live: undefined }, 'signed-out')).toBe('none');
  });
});

describe('the lists of questions', () => {
  const approved = liveQuestion({ id: 'approved' });
  const waitingMine = liveQuestion({ id: 'waiting-mine', status: 'pending', author });
  const dismissedMine = liveQuestion({ id: 'dismissed-mine', status: 'dismissed', author });
  const dismissedOther = liveQuestion({ id: 'dismissed-other', status: 'dismissed' });
  const early = liveQuestion({ id: 'early', status: 'answered', answeredAt: '2027-03-09T10:05:00.000Z' });
  const late = liveQuestion({ id: 'late', status: 'answered', answeredAt: '2027-03-09T10:40:00.000Z' });

  it('keeps open the queue, the waiting questions and the member’s own dismissed ones, in the order given', () => {
    const all = [dismissedOther, waitingMine, approved, dismissedMine, early];
    expect(openQuestions(all, me).map((q) => q.id)).toEqual(['waiting-mine', 'approved', 'dismissed-mine']);
  });

  it('lists answered questions the latest answered first', () => {
    expect(answeredQuestions([early, approved, late]).map((q) => q.id)).toEqual(['late', 'early']);
  });
});

describe('visiblePolls', () => {
  it('leaves drafts out and shows open polls first, then the newest', () => {
    const polls = [
      livePoll({ id: 'closed-old', status: 'closed', openedAt: '2027-03-09T10:00:00.000Z' }),
      livePoll({ id: 'draft', status: 'draft' }),
      livePoll({ id: 'open', status: 'open', openedAt: '2027-03-09T10:10:00.000Z' }),
      livePoll({ id: 'closed-new', status: 'closed', openedAt: '2027-03-09T10:20:00.000Z' }),
    ];
    expect(visiblePolls(polls).map((p) => p.id)).toEqual(['open', 'closed-new', 'closed-old']);
  });
});

describe('askedAgo', () => {
  const asked = '2027-03-09T10:00:00.000Z';
  const after = (ms: number) => Date.parse(asked) + ms;

  it('says "just now" in the first minute, then minutes, hours and days', () => {
    expect(askedAgo(asked, after(59_000))).toBe('just now');
    expect(askedAgo(asked, after(5 * 60_000))).toMatch(/5 minutes ago/);
    expect(askedAgo(asked, after(2 * 3_600_000 + 60_000))).toMatch(/2 hours ago/);
    expect(askedAgo(asked, after(3 * 86_400_000), 'Europe/Paris')).toMatch(/3 days ago/);
  });

  it('counts days on the calendar: Friday 22:00 is 3 days before Monday 08:00, though 58 hours', () => {
    expect(askedAgo('2027-03-05T21:00:00.000Z', Date.parse('2027-03-08T07:00:00Z'), 'Europe/Paris')).toBe('3 days ago');
    // Saturday 23:00 to Monday 22:00 is 47 hours, and two dates back.
    expect(askedAgo('2027-03-06T22:00:00.000Z', Date.parse('2027-03-08T21:00:00Z'), 'Europe/Paris')).toBe('2 days ago');
    // Sunday 09:00 to Monday 20:00: the day before.
    expect(askedAgo('2027-03-07T08:00:00.000Z', Date.parse('2027-03-08T19:00:00Z'), 'Europe/Paris')).toBe('yesterday');
  });

  it('counts the days in the zone it is given', () => {
    // Sunday 15:00 to Tuesday 00:30 in Paris is still Sunday 06:00 to Monday 15:30 in Los Angeles.
    const asked = '2027-03-07T14:00:00.000Z';
    const now = Date.parse('2027-03-08T23:30:00Z');
    expect(askedAgo(asked, now, 'Europe/Paris')).toBe('2 days ago');
    expect(askedAgo(asked, now, 'America/Los_Angeles')).toBe('yesterday');
  });

  it('counts a day with a clock change as one day, and stays with hours within one date', () => {
    // Paris springs forward on Sunday 28 March 2027: Saturday 12:00 to Monday 11:00 is 46 hours.
    expect(askedAgo('2027-03-27T11:00:00.000Z', Date.parse('2027-03-29T09:00:00Z'), 'Europe/Paris')).toBe('2 days ago');
    // New York falls back on Sunday 1 November 2026: 00:30 to 23:30 that Sunday is 24 hours, on the same date.
    expect(askedAgo('2026-11-01T04:30:00.000Z', Date.parse('2026-11-02T04:30:00Z'), 'America/New_York')).toBe(
      '24 hours ago',
    );
  });
});

describe('liveNews', () => {
  const question = liveQuestion({ id: 'q-1', text: 'Which assay?' });
  const mine = liveQuestion({ id: 'q-mine', status: 'pending', author, text: 'Mine?' });
  const view = (overrides: Partial<LiveView> = {}): LiveView => ({
    qa: { open: true, premoderation: true, pinnedQuestionId: null },
    questions: [question, mine],
    polls: [],
    you: me,
    ...overrides,
  });

  it('announces nothing when only counts changed', () => {
    expect(liveNews(view(), view({ questions: [{ ...question, votes: 9 }, mine] }))).toEqual([]);
  });

  it('announces the question being answered and Q&A closing', () => {
    const after = view({ qa: { open: false, premoderation: true, pinnedQuestionId: 'q-1' } });
    expect(liveNews(view(), after)).toEqual(['The moderators closed Q&A.', 'Now answering: Which assay?']);
  });

  it('announces what happens to the member’s own question, and to the member', () => {
    expect(liveNews(view(), view({ questions: [question, { ...mine, status: 'approved' }] }))).toEqual([
      'Your question was approved: everyone sees it now.',
    ]);
    expect(liveNews(view(), view({ you: { ...me, muted: true } }))).toEqual(['A moderator muted you in this session.']);
  });

  it('announces polls opening, closing and their results shown', () => {
    const open = livePoll({ id: 'p-1', question: 'Which drug first?', status: 'open', results: null, voters: null });
    expect(liveNews(view(), view({ polls: [open] }))).toEqual(['New poll: Which drug first?']);
    expect(liveNews(view({ polls: [open] }), view({ polls: [{ ...open, status: 'closed' }] }))).toEqual([
      'Poll closed: Which drug first?',
    ]);
    expect(liveNews(view({ polls: [open] }), view({ polls: [{ ...open, results: [1, 2], voters: 3 }] }))).toEqual([
      'The results of the poll are shown: Which drug first?',
    ]);
  });
});
