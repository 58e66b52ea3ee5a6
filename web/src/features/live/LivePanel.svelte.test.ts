import type { LiveServerMessageOf } from '@apoc/shared/live';
import { flushSync, mount, unmount } from 'svelte';
import { formatTime, viewerTimeZone } from '@apoc/shared/time';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../lib/session.svelte';
import LivePanel from './LivePanel.svelte';
import { fakeLiveClient, livePoll, liveQuestion, sessionDetail, type FakeLiveSocket } from '../../testing/fake-live';

const laia = { memberId: 'm-laia', name: 'Laia Puig', moderator: false, muted: false };

// Grace's question leads the queue; Laia's own waits for approval; one anonymous; one already answered.
const popular = liveQuestion({
  id: 'q-popular',
  votes: 5,
  text: 'Does ctDNA clearance change the adjuvant plan?',
  author: { id: 'm-grace', name: 'Grace Nguyen', institutionId: 'peter-mac' },
});
const anonymous = liveQuestion({ id: 'q-anonymous', votes: 1, anonymous: true, author: null, text: 'Who pays?' });
const mine = liveQuestion({
  id: 'q-mine',
  status: 'pending',
  text: 'Could Asia-Pacific questions be collected ahead of time?',
  author: { id: laia.memberId, name: laia.name, institutionId: 'vhio' },
});
const answered = liveQuestion({
  id: 'q-answered',
  status: 'answered',
  votes: 7,
  answeredAt: '2027-03-09T10:20:00.000Z',
  text: 'What was the false-positive rate?',
});

function attendeeSnapshot(overrides: Partial<LiveServerMessageOf<'snapshot'>> = {}): LiveServerMessageOf<'snapshot'> {
  return {
    type: 'snapshot',
    protocol: 1,
    seq: 10,
    sessionId: 'session-1',
    you: laia,
    qa: { open: true, premoderation: true, pinnedQuestionId: null },
    questions: [popular, anonymous, mine, answered],
    myVotes: [],
    polls: [],
    myPollVotes: {},
    presence: 12,
    muted: [],
    ...overrides,
  };
}

/** Lets pending promises settle and Svelte apply what they changed. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  flushSync();
}

const byTestId = <T extends Element = HTMLElement>(id: string, within: ParentNode = document): T | null =>
  within.querySelector<T>(`[data-testid="${id}"]`);
const ids = (list: string): string[] =>
  [...document.querySelectorAll<HTMLElement>(`[data-testid="${list}"] > [data-testid="live-question"]`)].map(
    (item) => item.dataset['questionId'] ?? '',
  );
const question = (id: string): HTMLElement => {
  const item = document.querySelector<HTMLElement>(`[data-testid="live-question"][data-question-id="${id}"]`);
  if (!item) throw new Error(`no question ${id}`);
  return item;
};
const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<LivePanel>', () => {
  let component: ReturnType<typeof mount> | undefined;
  let socket: FakeLiveSocket;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
  });

  function renderLive(snapshot = attendeeSnapshot()) {
    const fake = fakeLiveClient();
    socket = fake.socket;
    component = mount(LivePanel, {
      target: document.body,
      props: { detail: sessionDetail({ live: 'attendee' }), client: fake.client },
    });
    flushSync();
    socket.open();
    socket.receive(snapshot);
    flushSync();
    return fake.client;
  }

  describe('for a registered member', () => {
    it('shows the open questions top first, the member’s own waiting one marked, and the answered ones apart', () => {
      renderLive();
      expect(byTestId('live-status')?.dataset['status']).toBe('live');
      expect(text(byTestId('live-presence'))).toBe('12 here now');

      expect(ids('live-open-questions')).toEqual(['q-popular', 'q-anonymous', 'q-mine']);
      expect(ids('live-answered')).toEqual(['q-answered']);
      expect(text(question('q-popular'))).toContain('Grace Nguyen');
      expect(text(byTestId('live-votes', question('q-popular')))).toBe('5');
      expect(text(question('q-anonymous'))).toContain('Anonymous');
      expect(text(question('q-mine'))).toContain('Yours');
      expect(text(question('q-mine'))).toContain('Waiting for approval');
      expect(byTestId('live-edit', question('q-mine'))).not.toBeNull();
      expect(byTestId('live-edit', question('q-popular'))).toBeNull();
      // Only questions in the queue take votes.
      expect(byTestId('live-vote', question('q-mine'))).toBeNull();
      expect(byTestId('live-vote', question('q-answered'))).toBeNull();
      expect(text(byTestId('live-ask-premoderation'))).toBe('Questions appear once a moderator approves them.');
      expect(byTestId('live-moderate-link')).toBeNull();
    });

    it('sends a vote, shows it pressed once the server confirms, and the count it announces', async () => {
      renderLive();
      const vote = byTestId<HTMLButtonElement>('live-vote', question('q-popular'));
      expect(vote?.getAttribute('aria-pressed')).toBe('false');
      vote?.click();
      flushSync();

      const sent = socket.last('question.vote');
      expect(sent).toMatchObject({ type: 'question.vote', questionId: 'q-popular' });
      socket.receive({ type: 'question.myVote', questionId: 'q-popular', voted: true });
      socket.ack(sent);
      socket.receive({ type: 'votes', seq: 11, votes: { 'q-popular': 6 } });
      await settle();

      expect(vote?.getAttribute('aria-pressed')).toBe('true');
      expect(text(byTestId('live-votes', question('q-popular')))).toBe('6');

      vote?.click();
      flushSync();
      expect(socket.last('question.unvote')).toMatchObject({ questionId: 'q-popular' });
    });

    it('moves a question marked answered from the open questions to the answered ones', () => {
      renderLive();
      socket.receive({
        type: 'question',
        seq: 11,
        question: { ...popular, status: 'answered', answeredAt: '2027-03-09T10:30:00.000Z' },
      });
      flushSync();

      expect(ids('live-open-questions')).toEqual(['q-anonymous', 'q-mine']);
      expect(ids('live-answered')).toEqual(['q-popular', 'q-answered']);
    });

    it('shows the question being answered, and announces it', () => {
      renderLive();
      socket.receive({ type: 'qa', seq: 11, qa: { open: true, premoderation: true, pinnedQuestionId: 'q-popular' } });
      flushSync();

      expect(text(byTestId('live-pinned'))).toContain(popular.text);
      expect(text(byTestId('live-news'))).toBe(`Now answering: ${popular.text}`);
    });

    it('announces the same news again when it happens again', () => {
      renderLive();
      const pin = (pinnedQuestionId: string | null, seq: number) => {
        socket.receive({ type: 'qa', seq, qa: { open: true, premoderation: true, pinnedQuestionId } });
        flushSync();
      };
      pin('q-popular', 11);
      const first = byTestId('live-news')?.firstElementChild;
      pin(null, 12);
      pin('q-popular', 13);
      const again = byTestId('live-news')?.firstElementChild ?? null;
      expect(text(again)).toBe(`Now answering: ${popular.text}`);
      // A new node in the polite region, so screen readers read the repeat.
      expect(again).not.toBeNull();
      expect(again).not.toBe(first);
    });

    it('gives the absolute time a question was asked, with its zone, beside the relative one', () => {
      renderLive();
      const time = question('q-popular').querySelector('time');
      expect(time?.getAttribute('datetime')).toBe(popular.createdAt);
      expect(time?.querySelector('.visually-hidden')?.textContent).toMatch(/asked .*2027.*your time \(.+\)/);
    });

    it('asks a question, keeps the text when the server refuses it and clears it once accepted', async () => {
      renderLive();
      const input = byTestId<HTMLTextAreaElement>('live-ask-input');
      if (!input) throw new Error('no ask field');
      input.value = 'Is the assay validated in plasma from Asian cohorts?';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      byTestId<HTMLInputElement>('live-ask-anonymous')?.click();
      flushSync();
      byTestId<HTMLButtonElement>('live-ask-submit')?.click();
      flushSync();

      const first = socket.last('question.ask');
      expect(first).toMatchObject({ text: 'Is the assay validated in plasma from Asian cohorts?', anonymous: true });
      socket.receive({
        type: 'error',
        ref: first.ref ?? null,
        of: 'question.ask',
        code: 'rate-limited',
        message: 'Too many questions: try again shortly.',
        retryAfterMs: 3200,
      });
      await settle();
      expect(text(byTestId('live-ask-error'))).toBe('You asked a moment ago: you can ask again in 4 s.');
      expect(input.value).toBe('Is the assay validated in plasma from Asian cohorts?');
      expect(document.activeElement).toBe(input);

      byTestId<HTMLButtonElement>('live-ask-submit')?.click();
      flushSync();
      socket.ack(socket.last('question.ask'));
      await settle();
      expect(input.value).toBe('');
      expect(byTestId('live-ask-error')).toBeNull();
      expect(text(byTestId('live-ask-sent'))).toContain('once a moderator approves it');
    });

    it('says so instead of the form when Q&A is closed, and when the member is muted', () => {
      renderLive(attendeeSnapshot({ qa: { open: false, premoderation: false, pinnedQuestionId: null } }));
      expect(byTestId('live-ask-input')).toBeNull();
      expect(text(byTestId('live-ask-closed'))).toContain('Q&A is closed');
      expect(byTestId<HTMLButtonElement>('live-vote', question('q-popular'))?.disabled).toBe(true);

      socket.receive({ type: 'muted', seq: 11, member: { memberId: laia.memberId, name: laia.name, muted: true } });
      flushSync();
      expect(text(byTestId('live-ask-muted'))).toContain('A moderator muted you');
    });

    it('votes in an open poll, then shows its results with the member’s choice', async () => {
      const open = livePoll({
        id: 'p-open',
        status: 'open',
        options: ['Tumour-informed', 'Tumour-agnostic'],
        results: null,
        voters: null,
      });
      renderLive(attendeeSnapshot({ polls: [open, livePoll({ id: 'p-draft' })] }));
      const tab = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((t) =>
        t.textContent?.includes('Polls'),
      );
      expect(text(tab ?? null)).toBe('Polls (1 open)');
      tab?.click();
      flushSync();

      expect(
        [...document.querySelectorAll<HTMLElement>('[data-testid="live-poll"]')].map((p) => p.dataset['pollId']),
      ).toEqual(['p-open']);
      document.querySelectorAll<HTMLInputElement>('[data-testid="live-poll"] input[type="radio"]')[1]?.click();
      flushSync();
      byTestId<HTMLButtonElement>('live-poll-vote')?.click();
      flushSync();

      const sent = socket.last('poll.vote');
      expect(sent).toMatchObject({ pollId: 'p-open', choices: [1] });
      socket.receive({ type: 'poll.myVote', pollId: 'p-open', choices: [1] });
      socket.ack(sent);
      await settle();
      expect(byTestId('live-poll-vote')).toBeNull();
      // The moderators have not shown the results.
      expect(text(byTestId('live-poll-results'))).toContain('hidden until the moderators show them');

      socket.receive({ type: 'poll', seq: 11, poll: { ...open, resultsVisible: true, results: [1, 3], voters: 4 } });
      flushSync();
      const results = text(byTestId('live-poll-results'));
      expect(results).toContain('Tumour-agnostic Your vote 75% (3 votes)');
      expect(results).toContain('4 voters');
    });

    it('says why it stopped when the server speaks another version of the protocol', () => {
      const client = renderLive();
      socket.onclose?.(new CloseEvent('close', { code: 4000 }));
      flushSync();

      const status = byTestId('live-status');
      expect(status?.dataset['status']).toBe('stopped');
      expect(status?.getAttribute('role')).toBe('status');
      expect(text(status)).toBe(client.problem?.message);
      expect(text(status)).toContain('reload the page');
      // What was shown stays on screen.
      expect(ids('live-open-questions')).toHaveLength(3);
    });

    it('links moderators to the console and the projector, and shows them the waiting questions', () => {
      const others = liveQuestion({ id: 'q-others', status: 'pending', text: 'Waiting for someone else?' });
      const moderator = { ...laia, moderator: true };
      const fake = fakeLiveClient();
      socket = fake.socket;
      component = mount(LivePanel, {
        target: document.body,
        props: { detail: sessionDetail({ live: 'moderator' }), client: fake.client },
      });
      flushSync();
      expect(byTestId('live-moderate-link')?.getAttribute('href')).toBe('/sessions/session-1/moderate');
      socket.open();
      socket.receive(attendeeSnapshot({ you: moderator, questions: [popular, others] }));
      flushSync();

      expect(byTestId('live-projector-link')?.getAttribute('href')).toBe('/sessions/session-1/projector');
      expect(text(question('q-others'))).toContain('Waiting for approval');
    });
  });

  describe('its badge', () => {
    // The fixture session runs from 10:00 to 11:00 UTC on 9 March 2027; only the clock is faked.
    const badge = () => byTestId('live-badge');
    afterEach(() => {
      vi.useRealTimers();
    });

    it('says when the session starts and that questions may be asked ahead, then "Live" while it runs, then "Ended"', async () => {
      vi.useFakeTimers({ now: new Date('2027-03-09T09:58:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
      renderLive();
      expect(text(byTestId('live-status'))).toBe('Connected');
      expect(badge()?.dataset['phase']).toBe('before');
      expect(text(badge())).toMatch(/^Starts .+ your time \(.+\) — you can ask questions now$/);
      expect(text(badge())).toContain(formatTime(Date.parse('2027-03-09T10:00:00Z'), viewerTimeZone()));

      await vi.advanceTimersByTimeAsync(2 * 60_000);
      flushSync();
      expect(text(badge())).toBe('Live');
      expect(badge()?.dataset['phase']).toBe('live');

      await vi.advanceTimersByTimeAsync(60 * 60_000);
      flushSync();
      expect(text(badge())).toBe('Ended');
    });

    it('says questions open later when the moderators have closed Q&A before the start', () => {
      vi.useFakeTimers({ now: new Date('2027-03-01T09:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
      renderLive(attendeeSnapshot({ qa: { open: false, premoderation: false, pinnedQuestionId: null } }));
      expect(text(badge())).toMatch(/ — questions open when the moderators open Q&A$/);
      expect(text(badge())).not.toContain('Live');
    });
  });

  describe('for everyone else', () => {
    it('invites a visitor to sign in and come back', () => {
      session.clear();
      component = mount(LivePanel, { target: document.body, props: { detail: sessionDetail({ live: undefined }) } });
      flushSync();
      const link = byTestId('live-panel')?.querySelector('a');
      expect(text(link ?? null)).toBe('Sign in to ask questions and vote');
      expect(link?.getAttribute('href')).toBe('/sign-in?next=%2Fsessions%2Fsession-1');
    });

    it('sends a member who is not registered to the summit’s registration', () => {
      component = mount(LivePanel, { target: document.body, props: { detail: sessionDetail({ live: null }) } });
      flushSync();
      expect(text(byTestId('live-not-registered'))).toContain('registered for the summit');
      expect(byTestId('live-panel')?.querySelector('a')?.getAttribute('href')).toBe(
        '/summits/summit-1#registration-title',
      );
    });

    it('shows nothing for a cancelled or unscheduled session', () => {
      for (const detail of [
        sessionDetail({ live: null, status: 'cancelled' }),
        sessionDetail({ live: 'attendee', startsAt: null, endsAt: null }),
      ]) {
        component = mount(LivePanel, { target: document.body, props: { detail } });
        flushSync();
        expect(byTestId('live-panel')).toBeNull();
        void unmount(component);
      }
      component = undefined;
    });
  });
});
