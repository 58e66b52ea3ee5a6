// What the attendee's live panel decides without the page: whether it shows at all, which questions and polls
// go where, and which live changes are worth announcing.
import type { SessionDetail } from '@apoc/shared';
import type { LivePoll, LiveQa, LiveQuestion, LiveYou } from '@apoc/shared/live';
import { viewerTimeZone } from '@apoc/shared/time';
import { calendarDaysBetween } from '../../lib/calendar-days';
import { formatLocale } from '../../lib/language';
import type { SessionState } from '../../lib/session.svelte';
import { m } from '../../paraglide/messages.js';

/** What the panel shows: nothing, an invitation to sign in, the way to register, or the live Q&A itself. */
export type LiveEntry = 'none' | 'sign-in' | 'not-registered' | 'live';

export function liveEntry(
  detail: Pick<SessionDetail, 'status' | 'startsAt' | 'live'>,
  signIn: SessionState['status'],
): LiveEntry {
  // Nothing to ask about: a cancelled session, or one without a time yet.
  if (detail.status === 'cancelled' || detail.startsAt === null) return 'none';
  // The server leaves `live` out for anonymous callers only; until the sign-in is known, wait.
  if (detail.live === undefined) return signIn === 'signed-out' ? 'sign-in' : 'none';
  if (detail.live === null) return 'not-registered';
  return 'live';
}

export function isMine(question: LiveQuestion, you: LiveYou | null): boolean {
  return you !== null && question.author?.id === you.memberId;
}

/**
 * The questions still to be answered, in the order chosen: approved ones, the waiting ones this member may
 * see (their own; every one for moderators), and their own dismissed ones, so that a question never
 * vanishes from its author's screen without a word. Moderators dismiss others' questions in their console.
 */
export function openQuestions(sorted: readonly LiveQuestion[], you: LiveYou | null): LiveQuestion[] {
  return sorted.filter(
    (question) =>
      question.status === 'approved' ||
      question.status === 'pending' ||
      (question.status === 'dismissed' && isMine(question, you)),
  );
}

/** Answered questions, the latest answered first. */
export function answeredQuestions(questions: readonly LiveQuestion[]): LiveQuestion[] {
  const at = (question: LiveQuestion) => Date.parse(question.answeredAt ?? question.createdAt);
  return questions.filter((question) => question.status === 'answered').sort((a, b) => at(b) - at(a));
}

/** The polls attendees see (drafts are the moderators'), open ones first, then the newest. */
export function visiblePolls(polls: readonly LivePoll[]): LivePoll[] {
  const at = (poll: LivePoll) => Date.parse(poll.openedAt ?? poll.createdAt);
  return polls
    .filter((poll) => poll.status !== 'draft')
    .sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || at(b) - at(a));
}

let relativeFormatter: Intl.RelativeTimeFormat | undefined;

/**
 * "just now", "5 minutes ago", "2 hours ago", "3 days ago": when a question was asked, roughly. Days are
 * dates on the calendar of `zone`, so a question from Friday night was asked "3 days ago" on Monday morning.
 */
export function askedAgo(instant: string, now: number, zone: string = viewerTimeZone()): string {
  relativeFormatter ??= new Intl.RelativeTimeFormat(formatLocale, { numeric: 'auto' });
  const asked = Date.parse(instant);
  const minutes = Math.floor((now - asked) / 60_000);
  if (minutes < 1) return m.live_asked_just_now();
  if (minutes < 60) return relativeFormatter.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const days = calendarDaysBetween(asked, now, zone);
  // The day the clocks go back lasts 25 hours: a day ago may still be today's date, and "today" says nothing.
  if (hours < 24 || days === 0) return relativeFormatter.format(-hours, 'hour');
  return relativeFormatter.format(-days, 'day');
}

/** What the panel shows, as far as announcements go. */
export interface LiveView {
  qa: LiveQa;
  questions: readonly LiveQuestion[];
  polls: readonly LivePoll[];
  you: LiveYou | null;
}

const OWN_QUESTION_NEWS: Partial<Record<LiveQuestion['status'], () => string>> = {
  approved: () => m.live_news_own_approved(),
  answered: () => m.live_news_own_answered(),
  dismissed: () => m.live_news_own_dismissed(),
};

/**
 * The changes between two states of the panel that a screen reader should hear about: Q&A closing and
 * reopening, the question now being answered, the member's own questions moving on, being muted, polls
 * opening and closing and their results being shown. Not others' new questions, nor any vote count.
 */
export function liveNews(before: LiveView, after: LiveView): string[] {
  const news: string[] = [];
  if (before.qa.open !== after.qa.open) {
    news.push(after.qa.open ? m.live_news_qa_reopened() : m.live_news_qa_closed());
  }
  const pinnedId = after.qa.pinnedQuestionId;
  if (pinnedId !== null && pinnedId !== before.qa.pinnedQuestionId) {
    const pinned = after.questions.find((question) => question.id === pinnedId);
    if (pinned) news.push(m.live_news_now_answering({ question: pinned.text }));
  }
  if (before.you && after.you && before.you.muted !== after.you.muted) {
    news.push(after.you.muted ? m.live_muted_you() : m.live_news_unmuted());
  }
  for (const question of after.questions) {
    if (!isMine(question, after.you)) continue;
    const earlier = before.questions.find((candidate) => candidate.id === question.id);
    const message = earlier && earlier.status !== question.status ? OWN_QUESTION_NEWS[question.status]?.() : undefined;
    if (message) news.push(message);
  }
  for (const poll of after.polls) {
    const earlier = before.polls.find((candidate) => candidate.id === poll.id);
    if (poll.status === 'open' && earlier?.status !== 'open')
      news.push(m.live_news_poll_opened({ question: poll.question }));
    else if (poll.status === 'closed' && earlier?.status === 'open')
      news.push(m.live_news_poll_closed({ question: poll.question }));
    if (poll.results !== null && earlier && earlier.results === null) {
      news.push(m.live_news_poll_results({ question: poll.question }));
    }
  }
  return news;
}
