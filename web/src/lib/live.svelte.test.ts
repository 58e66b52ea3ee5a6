import type { LivePoll, LiveQuestion, LiveServerMessage, LiveServerMessageOf, LiveYou } from '@apoc/shared/live';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveClient, LiveRequestError, type LiveSocketLike } from './live.svelte';

type Sent = { type: string; ref?: number } & Record<string, unknown>;

/** A socket the test opens, feeds and drops by hand. */
class FakeSocket implements LiveSocketLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  sent: Sent[] = [];
  closedWith: number | undefined | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Sent);
  }

  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(message: LiveServerMessage): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  /** The server or the line closed the connection. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }

  last(type: string): Sent {
    const found = this.sent.findLast((message) => message.type === type);
    if (!found) throw new Error(`nothing of type ${type} was sent`);
    return found;
  }
}

const you: LiveYou = { memberId: 'm-laia', name: 'Laia Puig', moderator: false, muted: false };

function question(overrides: Partial<LiveQuestion> = {}): LiveQuestion {
  return {
    id: 'q-1',
    text: 'Does ctDNA clearance change the adjuvant plan?',
    anonymous: false,
    author: { id: 'm-grace', name: 'Grace Nguyen', institutionId: 'peter-mac' },
    status: 'approved',
    votes: 0,
    createdAt: '2027-03-09T10:00:00.000Z',
    editedAt: null,
    answeredAt: null,
    ...overrides,
  };
}

function poll(overrides: Partial<LivePoll> = {}): LivePoll {
  return {
    id: 'p-1',
    question: 'Which assay do you use?',
    kind: 'single',
    options: ['Tumour-informed', 'Tumour-agnostic'],
    status: 'open',
    resultsVisible: false,
    results: null,
    voters: null,
    createdAt: '2027-03-09T10:00:00.000Z',
    openedAt: '2027-03-09T10:01:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

function snapshot(overrides: Partial<LiveServerMessageOf<'snapshot'>> = {}): LiveServerMessageOf<'snapshot'> {
  return {
    type: 'snapshot',
    protocol: 1,
    seq: 5,
    sessionId: 's-1',
    you,
    qa: { open: true, premoderation: false, pinnedQuestionId: null },
    questions: [question()],
    myVotes: [],
    polls: [poll()],
    myPollVotes: {},
    presence: 3,
    muted: [],
    ...overrides,
  };
}

function resumed(seq: number): LiveServerMessageOf<'resumed'> {
  return { type: 'resumed', protocol: 1, seq, replayed: 0, you, myVotes: [], myPollVotes: {}, presence: 3 };
}

describe('LiveClient', () => {
  let sockets: FakeSocket[];
  let probe: ReturnType<typeof vi.fn<(path: string) => Promise<{ status: number; detail: string | null }>>>;
  let client: LiveClient;

  const socket = (): FakeSocket => {
    const last = sockets.at(-1);
    if (!last) throw new Error('no socket was opened');
    return last;
  };

  /** Opens the current socket and sends the snapshot: the client is live. */
  function goLive(message = snapshot()): FakeSocket {
    socket().open();
    socket().receive(message);
    return socket();
  }

  beforeEach(() => {
    vi.useFakeTimers();
    // No jitter: every wait is the full backoff delay.
    vi.spyOn(Math, 'random').mockReturnValue(1);
    sockets = [];
    probe = vi.fn<(path: string) => Promise<{ status: number; detail: string | null }>>(() =>
      Promise.resolve({ status: 426, detail: null }),
    );
    client = new LiveClient({
      sessionId: 's-1',
      connect: (url) => {
        const created = new FakeSocket(url);
        sockets.push(created);
        return created;
      },
      probe,
      location: { protocol: 'https:', host: 'summits.test' },
    });
    client.start();
  });

  afterEach(() => {
    client.close();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  describe('state', () => {
    it('connects to the session’s live address speaking its protocol version, and applies the snapshot', () => {
      expect(socket().url).toBe('wss://summits.test/api/sessions/s-1/live?protocol=1');
      expect(client.status).toBe('connecting');
      expect(client.ready).toBe(false);

      goLive(snapshot({ myVotes: ['q-1'], myPollVotes: { 'p-1': [0] } }));

      expect(client.status).toBe('live');
      expect(client.ready).toBe(true);
      expect(client.you).toEqual(you);
      expect(client.questions.map((q) => q.id)).toEqual(['q-1']);
      expect(client.polls.map((p) => p.id)).toEqual(['p-1']);
      expect(client.voted('q-1')).toBe(true);
      expect(client.myPollVotes).toEqual({ 'p-1': [0] });
      expect(client.presence).toBe(3);
      expect(client.seq).toBe(5);
    });

    it('adds new questions, replaces changed ones and removes those no longer visible', () => {
      const line = goLive();
      line.receive({ type: 'question', seq: 6, question: question({ id: 'q-2', text: 'Second?' }) });
      line.receive({ type: 'question', seq: 7, question: question({ id: 'q-1', status: 'answered' }) });
      expect(client.questions.map((q) => [q.id, q.status])).toEqual([
        ['q-1', 'answered'],
        ['q-2', 'approved'],
      ]);

      line.receive({ type: 'question.removed', seq: 8, questionId: 'q-1' });
      expect(client.questions.map((q) => q.id)).toEqual(['q-2']);
    });

    it('takes vote counts as absolute numbers and ignores questions it does not know', () => {
      const line = goLive();
      line.receive({ type: 'votes', seq: 6, votes: { 'q-1': 4, 'q-unknown': 9 } });
      expect(client.questions).toEqual([question({ votes: 4 })]);
    });

    it('follows Q&A settings, the pinned question, presence and the member’s own votes', () => {
      const line = goLive();
      line.receive({ type: 'qa', seq: 6, qa: { open: false, premoderation: true, pinnedQuestionId: 'q-1' } });
      expect(client.qa).toEqual({ open: false, premoderation: true, pinnedQuestionId: 'q-1' });
      expect(client.pinned?.id).toBe('q-1');

      line.receive({ type: 'presence', count: 12 });
      expect(client.presence).toBe(12);

      line.receive({ type: 'question.myVote', questionId: 'q-1', voted: true });
      expect(client.voted('q-1')).toBe(true);
      line.receive({ type: 'question.myVote', questionId: 'q-1', voted: false });
      expect(client.voted('q-1')).toBe(false);

      line.receive({ type: 'poll.myVote', pollId: 'p-1', choices: [1] });
      expect(client.myPollVotes).toEqual({ 'p-1': [1] });
    });

    it('upserts polls and applies new results', () => {
      const line = goLive();
      line.receive({ type: 'poll', seq: 6, poll: poll({ id: 'p-2', question: 'Another?' }) });
      line.receive({ type: 'poll', seq: 7, poll: poll({ id: 'p-1', status: 'closed' }) });
      expect(client.polls.map((p) => [p.id, p.status])).toEqual([
        ['p-1', 'closed'],
        ['p-2', 'open'],
      ]);

      line.receive({ type: 'poll.results', seq: 8, pollId: 'p-2', results: [3, 1], voters: 4 });
      expect(client.polls[1]).toMatchObject({ id: 'p-2', results: [3, 1], voters: 4 });
    });

    it('marks the member muted, and keeps the moderators’ list of muted members', () => {
      const line = goLive();
      line.receive({ type: 'muted', seq: 6, member: { memberId: 'm-laia', name: 'Laia Puig', muted: true } });
      expect(client.you?.muted).toBe(true);
      expect(client.muted).toEqual([]);

      const moderator = { ...you, memberId: 'm-helen', name: 'Helen Marsh', moderator: true };
      line.receive(snapshot({ seq: 7, you: moderator }));
      line.receive({ type: 'muted', seq: 8, member: { memberId: 'm-laia', name: 'Laia Puig', muted: true } });
      expect(client.muted).toEqual([{ memberId: 'm-laia', name: 'Laia Puig', muted: true }]);
      line.receive({ type: 'muted', seq: 9, member: { memberId: 'm-laia', name: 'Laia Puig', muted: false } });
      expect(client.muted).toEqual([]);
    });
  });

  describe('reconnecting', () => {
    it('keeps the highest seq it saw and resumes from it', async () => {
      const line = goLive();
      line.receive({ type: 'question', seq: 9, question: question({ id: 'q-2' }) });
      line.receive({ type: 'presence', count: 4 });
      expect(client.seq).toBe(9);

      line.drop(1006);
      expect(client.status).toBe('reconnecting');
      expect(client.ready).toBe(true);
      await vi.advanceTimersByTimeAsync(500);

      expect(sockets).toHaveLength(2);
      expect(socket().url).toBe('wss://summits.test/api/sessions/s-1/live?protocol=1&lastSeq=9');
      socket().open();
      socket().receive({ type: 'question', seq: 10, question: question({ id: 'q-3' }) });
      expect(client.status).toBe('reconnecting');
      socket().receive(resumed(10));
      expect(client.status).toBe('live');
      expect(client.questions.map((q) => q.id)).toEqual(['q-1', 'q-2', 'q-3']);
    });

    it('waits longer after each failed attempt, at most 30 s, and starts again once caught up', async () => {
      goLive().drop(1001);
      const waits: number[] = [];
      /** How long until the next socket is opened. */
      const nextAttempt = async (): Promise<number> => {
        const count = sockets.length;
        let waited = 0;
        while (sockets.length === count) {
          await vi.advanceTimersByTimeAsync(100);
          waited += 100;
        }
        return waited;
      };

      for (let i = 0; i < 8; i++) {
        waits.push(await nextAttempt());
        socket().drop(1006);
      }
      expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);

      waits.length = 0;
      await nextAttempt();
      socket().open();
      socket().receive(resumed(5));
      socket().drop(1006);
      expect(await nextAttempt()).toBe(500);
    });

    it('does not reset the backoff for a connection that opens and closes without catching up', async () => {
      goLive().drop(1006);
      await vi.advanceTimersByTimeAsync(500);
      socket().open();
      socket().drop(1011);
      expect(client.retryAt).toBe(Date.now() + 1000);
      await vi.advanceTimersByTimeAsync(999);
      expect(sockets).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(sockets).toHaveLength(3);
    });

    it('stops for good when the server speaks another protocol version', () => {
      goLive().drop(4000);
      expect(client.status).toBe('stopped');
      expect(client.problem?.kind).toBe('outdated');
      vi.advanceTimersByTime(60_000);
      expect(sockets).toHaveLength(1);
    });

    it('stops for good when the server closed for a policy violation', () => {
      goLive().drop(1008);
      expect(client.status).toBe('stopped');
      expect(client.problem?.kind).toBe('refused');
      vi.advanceTimersByTime(60_000);
      expect(sockets).toHaveLength(1);
    });

    it('asks the server why after attempts that fail before opening, and stops when it says 403', async () => {
      probe.mockResolvedValue({ status: 403, detail: 'Register for the summit to take part.' });
      socket().drop(1006);
      expect(probe).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(500);
      socket().drop(1006);
      expect(probe).toHaveBeenCalledWith('/api/sessions/s-1/live');
      await vi.advanceTimersByTimeAsync(0);

      expect(client.status).toBe('stopped');
      expect(client.problem).toEqual({ kind: 'forbidden', message: 'Register for the summit to take part.' });
      vi.advanceTimersByTime(60_000);
      expect(sockets).toHaveLength(2);
    });

    it('keeps trying when the server says the address is fine (426)', async () => {
      socket().drop(1006);
      await vi.advanceTimersByTimeAsync(500);
      socket().drop(1006);
      await vi.advanceTimersByTimeAsync(0);
      expect(probe).toHaveBeenCalledTimes(1);
      expect(client.status).toBe('connecting');
      await vi.advanceTimersByTimeAsync(1000);
      expect(sockets).toHaveLength(3);
    });

    it('tries again at once when asked to, even after stopping', () => {
      goLive().drop(1008);
      client.retry();
      expect(sockets).toHaveLength(2);
      expect(client.status).toBe('reconnecting');
      expect(client.problem).toBeNull();
    });

    it('waits for the network when the browser goes offline, and is live again if the line held', () => {
      const line = goLive();
      window.dispatchEvent(new Event('offline'));
      expect(client.status).toBe('offline');

      window.dispatchEvent(new Event('online'));
      expect(client.status).toBe('live');
      expect(line.last('ping')).toEqual({ type: 'ping' });
      expect(sockets).toHaveLength(1);
    });
  });

  describe('requests', () => {
    it('refuses to send while not live', async () => {
      const attempt = client.send({ type: 'question.vote', questionId: 'q-1' });
      await expect(attempt).rejects.toMatchObject({ code: 'offline' });
      expect(socket().sent).toEqual([]);
    });

    it('resolves a request on its ack', async () => {
      const line = goLive();
      const asked = client.send({ type: 'question.ask', text: 'Why?', anonymous: true });
      const sent = line.last('question.ask');
      expect(sent).toEqual({ type: 'question.ask', text: 'Why?', anonymous: true, ref: expect.any(Number) });
      line.receive({ type: 'ack', ref: sent.ref ?? null, of: 'question.ask' });
      await expect(asked).resolves.toBeUndefined();
    });

    it('rejects a refused request with the server’s code, message and wait', async () => {
      const line = goLive();
      const asked = client.send({ type: 'question.ask', text: 'Again?' });
      const sent = line.last('question.ask');
      line.receive({
        type: 'error',
        ref: sent.ref ?? null,
        of: 'question.ask',
        code: 'rate-limited',
        message: 'Too many questions: try again shortly.',
        retryAfterMs: 4200,
      });
      const error: unknown = await asked.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LiveRequestError);
      expect(error).toMatchObject({
        code: 'rate-limited',
        message: 'Too many questions: try again shortly.',
        retryAfterMs: 4200,
      });
    });

    it('refuses a request too large for the server before sending it', async () => {
      const line = goLive();
      // 4 KB of UTF-8: 1,500 Korean characters are 4,500 bytes.
      const options = Array.from({ length: 10 }, () => '가'.repeat(150));
      const created = client.send({ type: 'poll.create', question: 'Which?', kind: 'single', options });
      await expect(created).rejects.toMatchObject({ code: 'too-large' });
      expect(line.sent.filter((message) => message.type === 'poll.create')).toEqual([]);
    });

    it('gives up a request the server never answers, rather than leaving it pending', async () => {
      const line = goLive();
      const vote = client.send({ type: 'question.vote', questionId: 'q-1' });
      const outcome = vote.catch((caught: unknown) => caught);
      // The server refuses an unparseable frame without a ref: nothing ever answers this request.
      line.receive({ type: 'error', ref: null, of: null, code: 'invalid-json', message: 'Not JSON.' });
      await vi.advanceTimersByTimeAsync(15_000);
      await expect(outcome).resolves.toMatchObject({ code: 'interrupted' });
    });

    it('rejects the requests still waiting when the connection drops or the page closes', async () => {
      const line = goLive();
      const vote = client.send({ type: 'question.vote', questionId: 'q-1' });
      line.drop(1006);
      await expect(vote).rejects.toMatchObject({ code: 'interrupted' });

      await vi.advanceTimersByTimeAsync(500);
      goLive();
      const ask = client.send({ type: 'question.ask', text: 'Still there?' });
      client.close();
      await expect(ask).rejects.toMatchObject({ code: 'interrupted' });
      expect(socket().closedWith).toBe(1000);
    });
  });

  describe('heartbeat', () => {
    it('pings every 25 s and carries on when anything comes back', () => {
      const line = goLive();
      vi.advanceTimersByTime(25_000);
      expect(line.last('ping')).toEqual({ type: 'ping' });
      line.receive({ type: 'pong', ref: null });
      vi.advanceTimersByTime(10_000);
      expect(line.closedWith).toBeNull();
      expect(client.status).toBe('live');
    });

    it('counts 10 s of silence after a ping as a lost line, and reconnects', async () => {
      const line = goLive();
      vi.advanceTimersByTime(25_000 + 10_000);
      expect(line.closedWith).toBe(4001);
      expect(client.status).toBe('reconnecting');
      await vi.advanceTimersByTimeAsync(500);
      expect(sockets).toHaveLength(2);
      expect(socket().url).toContain('lastSeq=5');
    });
  });
});
