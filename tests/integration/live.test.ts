import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tables } from '@apoc/db';
import {
  LIVE_CLOSE,
  LIVE_LIMITS,
  LIVE_PROTOCOL_VERSION,
  LiveServerMessages,
  localDate,
  zonedInstant,
  type LiveClientMessage,
  type LiveServerMessage,
  type LiveServerMessageOf,
  type LiveServerMessageType,
  type SessionDetail,
  type SummitDetail,
} from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { Compile } from 'typebox/compile';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn, signedInMembers } from '../helpers/auth';
import { DAYS } from '../helpers/clock';
import { demoSession, demoSummitIds, type DemoSummitIds } from '../helpers/demo';
import { eventually } from '../helpers/smtp';

// Real WebSocket clients (the `ws` package) against a listening server on a real SQLite file. Every message
// a client receives is checked against the protocol's schema in @apoc/shared.

const serverSchemas = new Map(Object.entries(LiveServerMessages).map(([type, schema]) => [type, Compile(schema)]));

type Of<K extends LiveServerMessageType> = LiveServerMessageOf<K>;

interface Refused {
  status: number;
  contentType: string;
  body: { title?: string; detail?: string };
}

/** One live connection, with an inbox of what the server sent that tests take messages from. */
class LiveTestClient {
  private readonly inbox: LiveServerMessage[] = [];
  private readonly waiters = new Set<() => void>();
  private nextRef = 1;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      expect(isBinary).toBe(false);
      const message = JSON.parse(String(data)) as LiveServerMessage;
      const validator = serverSchemas.get(message.type);
      expect(validator, `unknown server message type ${message.type}`).toBeDefined();
      expect(validator?.Errors(message) ?? [], JSON.stringify(message)).toEqual([]);
      this.inbox.push(message);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  /** Takes the first message not yet taken of a type (and matching `where`), waiting for it if need be. */
  async take<K extends LiveServerMessageType>(
    type: K,
    where: (message: Of<K>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Of<K>> {
    const find = () => this.inbox.findIndex((m) => m.type === type && where(m as Of<K>));
    let index = find();
    if (index < 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiters.delete(wake);
          const recent = JSON.stringify(this.inbox.slice(-10));
          reject(new Error(`no ${type} message within ${timeoutMs} ms; last received: ${recent}`));
        }, timeoutMs);
        const wake = () => {
          if (find() < 0) return;
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
      });
      index = find();
    }
    const [message] = this.inbox.splice(index, 1);
    return message as Of<K>;
  }

  /** Messages received and not taken, of some types (all by default). */
  pending(...types: LiveServerMessageType[]): LiveServerMessage[] {
    return this.inbox.filter((m) => types.length === 0 || types.includes(m.type));
  }

  /** Forgets every message received so far. */
  drain(): void {
    this.inbox.length = 0;
  }

  send(message: LiveClientMessage | string | Buffer): void {
    this.socket.send(typeof message === 'object' && !Buffer.isBuffer(message) ? JSON.stringify(message) : message);
  }

  /** Sends a request and resolves with its answer: the ack, or the error. */
  async request(message: LiveClientMessage): Promise<Of<'ack'> | Of<'error'>> {
    const ref = `r${this.nextRef++}`;
    this.send({ ...message, ref });
    const answer = await Promise.race([
      this.take('ack', (m) => m.ref === ref),
      this.take('error', (m) => m.ref === ref),
    ]);
    // The loser of the race is still waiting: its timer only rejects a promise nobody awaits.
    return answer;
  }

  /** Sends a request that must succeed. */
  async ok(message: LiveClientMessage): Promise<void> {
    const answer = await this.request(message);
    expect(answer, JSON.stringify(answer)).toMatchObject({ type: 'ack', of: message.type });
  }

  /** Sends a request that must be refused with `code`. */
  async refused(message: LiveClientMessage, code: Of<'error'>['code']): Promise<Of<'error'>> {
    const answer = await this.request(message);
    expect(answer, JSON.stringify(answer)).toMatchObject({ type: 'error', code });
    return answer as Of<'error'>;
  }

  /**
   * Waits until the server has processed everything sent before: the server handles a connection's messages
   * in order and publishes events before it acknowledges the request that caused them.
   */
  async settle(): Promise<void> {
    const ref = `p${this.nextRef++}`;
    this.send({ type: 'ping', ref });
    await this.take('pong', (m) => m.ref === ref);
  }

  close(): void {
    this.socket.close();
  }
}

interface Person {
  id: string;
  cookie: string;
}

describe('live Q&A, polls and presence over a WebSocket', () => {
  let t: TestApp;
  let demo: DemoSummitIds;
  let wsBase: string;
  let organiser: Person;
  const attendees: Person[] = [];
  const clients: LiveTestClient[] = [];

  const liveUrl = (sessionId: string, query: Record<string, number> = {}) => {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    return `${wsBase}/api/sessions/${sessionId}/live${search ? `?${search}` : ''}`;
  };

  /** Opens a live connection as `person`, from the platform's own pages unless told otherwise. */
  async function connect(
    sessionId: string,
    person: Person,
    query: Record<string, number> = {},
    options: WebSocket.ClientOptions = {},
  ): Promise<LiveTestClient> {
    const socket = new WebSocket(liveUrl(sessionId, query), {
      headers: { cookie: person.cookie, origin: t.config.publicUrl.origin },
      ...options,
    });
    const client = new LiveTestClient(socket);
    clients.push(client);
    await Promise.race([
      once(socket, 'open'),
      once(socket, 'unexpected-response').then(([, response]) => {
        throw new Error(`refused with ${(response as { statusCode: number }).statusCode}`);
      }),
    ]);
    return client;
  }

  /** Opens a connection and takes its first message, the snapshot. */
  async function join(sessionId: string, person: Person) {
    const client = await connect(sessionId, person);
    return { client, snapshot: await client.take('snapshot') };
  }

  /** Tries to open a connection that must be refused before the upgrade, and says how. */
  async function refusal(sessionId: string, headers: Record<string, string>): Promise<Refused> {
    const socket = new WebSocket(liveUrl(sessionId), { headers });
    // Ending a refused handshake reports an error nobody needs.
    socket.on('error', () => {});
    const [, response] = (await once(socket, 'unexpected-response')) as [unknown, IncomingMessage];
    let text = '';
    for await (const chunk of response) text += String(chunk);
    socket.terminate();
    return {
      status: response.statusCode ?? 0,
      contentType: String(response.headers['content-type']),
      body: JSON.parse(text) as Refused['body'],
    };
  }

  const register = (person: Person, summitId: string, mode: 'virtual' | 'in_person') =>
    t.app.inject({
      method: 'POST',
      url: `/api/summits/${summitId}/registrations`,
      headers: browserHeaders(t.config, person.cookie),
      payload: { mode },
    });

  /** The session as `person` (or an anonymous caller) reads it, with their place in its live Q&A. */
  async function detail(sessionId: string, person?: Person): Promise<SessionDetail> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/sessions/${sessionId}`,
      headers: person ? { cookie: person.cookie } : {},
    });
    expect(response.statusCode).toBe(200);
    return response.json() as SessionDetail;
  }

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    demo = demoSummitIds(t.app.db);
    wsBase = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    organiser = { id: 'm-organiser', cookie: await signIn(t, 'organiser@demo.apoc.test') };
    for (const person of await signedInMembers(t, 6, 'vhio')) {
      expect((await register(person, demo.nextVirtual, 'virtual')).json()).toMatchObject({ status: 'confirmed' });
      attendees.push(person);
    }
  });
  // Each test closes what it opened, as a person closes their tabs: a member may keep only a few open at once.
  afterEach(async () => {
    const open = clients.splice(0).filter((client) => client.socket.readyState !== WebSocket.CLOSED);
    for (const client of open) client.socket.close();
    await Promise.all(open.map((client) => client.closed));
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  afterAll(async () => {
    for (const client of clients) client.socket.terminate();
    await t.close();
  });

  const attendee = (index: number) => attendees[index] as Person;

  describe('who may connect', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 2);
    });

    it('refuses anonymous callers with 401 problem+json, before upgrading; their session detail has no live role', async () => {
      const refused = await refusal(session, { origin: t.config.publicUrl.origin });
      expect(refused.status).toBe(401);
      expect(refused.contentType).toMatch(/application\/problem\+json/);
      expect(await detail(session)).not.toHaveProperty('live');
    });

    it('refuses pages of another origin with 403: a cookie alone does not open a live connection', async () => {
      const foreign = await refusal(session, { cookie: attendee(0).cookie, origin: 'https://evil.example' });
      expect(foreign.status).toBe(403);
      expect(foreign.body.detail).toContain(t.config.publicUrl.origin);
      expect((await refusal(session, { cookie: attendee(0).cookie })).status).toBe(403);
    });

    it('refuses members registered for another summit only, and members not registered, with 403, as their session detail says (live: null)', async () => {
      const [elsewhere, nowhere] = await signedInMembers(t, 2, 'essen');
      expect((await register(elsewhere as Person, demo.nextInPerson, 'in_person')).statusCode).toBe(201);
      for (const person of [elsewhere, nowhere] as Person[]) {
        expect((await detail(session, person)).live).toBeNull();
        const refused = await refusal(session, { cookie: person.cookie, origin: t.config.publicUrl.origin });
        expect(refused.status).toBe(403);
        expect(refused.body.detail).toMatch(/registered/);
      }
    });

    it('answers 404 for a session that does not exist', async () => {
      const refused = await refusal('no-such-session', {
        cookie: attendee(0).cookie,
        origin: t.config.publicUrl.origin,
      });
      expect(refused.status).toBe(404);
    });

    it('answers a plain GET with 426 Upgrade Required rather than hanging', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/sessions/${session}/live`,
        headers: browserHeaders(t.config, attendee(0).cookie),
      });
      expect(response.statusCode).toBe(426);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.headers.upgrade).toBe('websocket');
    });

    it('lets in registered members, the session’s speakers and chairs, and organisers; chairs moderate, as the session detail tells each', async () => {
      const chair = { id: 'm-princess-margaret-clarke', cookie: await signIn(t, 'hannah.clarke@demo.apoc.test') };
      const speaker = { id: 'm-asan-han', cookie: await signIn(t, 'seoyeon.han@demo.apoc.test') };
      const seen = [];
      for (const person of [attendee(0), speaker, chair, organiser]) {
        const { live } = await detail(session, person);
        const { snapshot } = await join(session, person);
        seen.push({ memberId: snapshot.you.memberId, moderator: snapshot.you.moderator, live });
      }
      expect(seen).toEqual([
        { memberId: attendee(0).id, moderator: false, live: 'attendee' },
        { memberId: speaker.id, moderator: false, live: 'attendee' },
        { memberId: chair.id, moderator: true, live: 'moderator' },
        { memberId: organiser.id, moderator: true, live: 'moderator' },
      ]);
    });

    it('lets in members with an in-person seat too, and nobody but organisers once the session is cancelled', async () => {
      const organise = (method: 'POST' | 'PATCH', url: string, payload: object) =>
        t.app.inject({ method, url, headers: browserHeaders(t.config, organiser.cookie), payload });
      const day = localDate(Date.now() + 20 * DAYS, 'Asia/Seoul');
      const summit = (
        await organise('POST', '/api/summits', {
          title: 'Hybrid live roles',
          format: 'hybrid',
          timeZone: 'Asia/Seoul',
          startDate: day,
          endDate: day,
          venue: { name: 'Asan Medical Center', city: 'Seoul' },
          seats: { inPerson: 10, virtual: 10 },
        })
      ).json() as SummitDetail;
      const sessions = [];
      for (const [title, start, end] of [
        ['Held as planned', '10:00', '11:00'],
        ['Called off', '11:00', '12:00'],
      ] as const) {
        const created = await organise('POST', `/api/summits/${summit.id}/sessions`, {
          title,
          kind: 'plenary',
          startsAt: zonedInstant(day, start, 'Asia/Seoul').toISOString(),
          endsAt: zonedInstant(day, end, 'Asia/Seoul').toISOString(),
        });
        sessions.push((created.json() as SessionDetail).id);
      }
      const [held, calledOff] = sessions as [string, string];
      expect((await organise('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
      const [inPerson] = await signedInMembers(t, 1, 'asan');
      if (!inPerson) throw new Error('member');
      expect((await register(inPerson, summit.id, 'in_person')).json()).toMatchObject({ status: 'confirmed' });

      for (const session of [held, calledOff]) {
        expect((await detail(session, inPerson)).live).toBe('attendee');
      }
      expect((await join(held, inPerson)).snapshot.you.moderator).toBe(false);

      await organise('PATCH', `/api/sessions/${calledOff}`, { status: 'cancelled' });
      expect((await organise('POST', `/api/summits/${summit.id}/publish`, {})).statusCode).toBe(200);
      expect(await detail(calledOff, inPerson)).toMatchObject({ status: 'cancelled', live: null });
      const refused = await refusal(calledOff, { cookie: inPerson.cookie, origin: t.config.publicUrl.origin });
      expect(refused.status).toBe(409);
      expect((await detail(calledOff, organiser)).live).toBe('moderator');
      expect((await join(calledOff, organiser)).snapshot.you.moderator).toBe(true);
      expect((await detail(held, inPerson)).live).toBe('attendee');
    });

    it('tells a client speaking another protocol version to reload, and closes', async () => {
      const client = await connect(session, attendee(0), { protocol: LIVE_PROTOCOL_VERSION + 1 });
      expect(await client.take('error')).toMatchObject({ code: 'unsupported-protocol' });
      expect((await client.closed).code).toBe(LIVE_CLOSE.unsupportedProtocol);
    });
  });

  describe('questions and votes', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 3);
    });

    it('first sends a snapshot: protocol, seq, Q&A state, questions, own votes, polls, presence', async () => {
      const { snapshot } = await join(session, attendee(0));
      expect(snapshot).toEqual({
        type: 'snapshot',
        protocol: LIVE_PROTOCOL_VERSION,
        seq: 0,
        sessionId: session,
        you: { memberId: attendee(0).id, name: expect.any(String), moderator: false, muted: false },
        qa: { open: true, premoderation: false, pinnedQuestionId: null },
        questions: [],
        myVotes: [],
        polls: [],
        myPollVotes: {},
        presence: 1,
        muted: [],
      });
    });

    it('shows a new question to everyone with its author, after committing it', async () => {
      const { client: asker } = await join(session, attendee(0));
      const { client: other } = await join(session, attendee(1));
      const text = 'Can ctDNA clearance replace imaging as the early endpoint in adjuvant trials?';
      await asker.ok({ type: 'question.ask', text });

      // Acknowledged, hence committed: the row is in the database.
      const rows = t.app.db
        .select()
        .from(tables.liveQuestions)
        .where(eq(tables.liveQuestions.sessionId, session))
        .all();
      expect(rows.map((row) => row.text)).toEqual([text]);
      const event = await other.take('question');
      expect(event.question).toMatchObject({
        text,
        anonymous: false,
        author: { id: attendee(0).id, moderator: false },
        status: 'approved',
        votes: 0,
        editedAt: null,
        answeredAt: null,
      });
      expect(event.seq).toBe(1);
      expect((await asker.take('question')).seq).toBe(1);
    });

    it('counts one vote per member and question, and un-voting takes it back', async () => {
      const { client: voter, snapshot } = await join(session, attendee(1));
      const { client: watcher } = await join(session, attendee(2));
      const questionId = snapshot.questions[0]?.id as string;

      await voter.ok({ type: 'question.vote', questionId });
      expect(await voter.take('question.myVote')).toEqual({ type: 'question.myVote', questionId, voted: true });
      const counted = await watcher.take('votes');
      expect(counted.votes).toEqual({ [questionId]: 1 });
      expect(counted.seq).toBeGreaterThan(snapshot.seq);
      expect((await voter.refused({ type: 'question.vote', questionId }, 'conflict')).message).toMatch(/already/);

      const again = await join(session, attendee(1));
      expect(again.snapshot.myVotes).toEqual([questionId]);
      expect(again.snapshot.questions[0]?.votes).toBe(1);

      await voter.ok({ type: 'question.unvote', questionId });
      expect((await watcher.take('votes')).votes).toEqual({ [questionId]: 0 });
      await voter.refused({ type: 'question.unvote', questionId }, 'conflict');
    });

    it('lets authors edit or withdraw their question until it is answered, and nobody else', async () => {
      const { client: author, snapshot } = await join(session, attendee(0));
      const { client: other } = await join(session, attendee(1));
      const { client: moderator } = await join(session, organiser);
      const questionId = snapshot.questions[0]?.id as string;

      await author.ok({ type: 'question.edit', questionId, text: 'Can ctDNA clearance replace imaging?' });
      const edited = await other.take('question');
      expect(edited.question).toMatchObject({
        text: 'Can ctDNA clearance replace imaging?',
        editedAt: expect.any(String),
      });
      await other.refused({ type: 'question.edit', questionId, text: 'Mine now' }, 'forbidden');
      await other.refused({ type: 'question.withdraw', questionId }, 'forbidden');

      await moderator.ok({ type: 'question.answer', questionId });
      await author.refused({ type: 'question.edit', questionId, text: 'Too late' }, 'conflict');
      await author.refused({ type: 'question.withdraw', questionId }, 'conflict');

      const { client: second } = await join(session, attendee(2));
      await second.ok({ type: 'question.ask', text: 'A question I will take back' });
      const asked = await other.take('question', (m) => m.question.text === 'A question I will take back');
      await second.ok({ type: 'question.withdraw', questionId: asked.question.id });
      expect(await other.take('question.removed')).toMatchObject({ questionId: asked.question.id });
      const fresh = await join(session, attendee(1));
      expect(fresh.snapshot.questions.map((q) => q.id)).not.toContain(asked.question.id);
    });

    it('takes questions before the session starts, for members who will be asleep when it runs', async () => {
      const starts = t.app.db.select().from(tables.sessions).where(eq(tables.sessions.id, session)).get()?.startsAt;
      expect(starts?.getTime()).toBeGreaterThan(Date.now());
      const { client } = await join(session, attendee(3));
      await client.ok({ type: 'question.ask', text: 'Asked from Melbourne the evening before' });
    });

    it('refuses an empty question and one over 500 characters', async () => {
      const { client } = await join(session, attendee(4));
      await client.refused(
        { type: 'question.ask', text: 'x'.repeat(LIVE_LIMITS.questionChars + 1) },
        'invalid-message',
      );
      await client.refused({ type: 'question.ask', text: '   ' }, 'invalid-message');
    });
  });

  describe('anonymous questions', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 5);
    });

    it('hide their author from attendees, never from moderators or from the author', async () => {
      const { client: author } = await join(session, attendee(0));
      const { client: other } = await join(session, attendee(1));
      const { client: moderator } = await join(session, organiser);
      await author.ok({ type: 'question.ask', text: 'Is our site under-recruiting women?', anonymous: true });

      expect((await other.take('question')).question).toMatchObject({ anonymous: true, author: null });
      expect((await moderator.take('question')).question).toMatchObject({ author: { id: attendee(0).id } });
      expect((await author.take('question')).question).toMatchObject({ author: { id: attendee(0).id } });

      const later = await join(session, attendee(2));
      expect(later.snapshot.questions[0]).toMatchObject({ anonymous: true, author: null });
      expect(JSON.stringify(later.snapshot)).not.toContain(attendee(0).id);
      expect((await join(session, organiser)).snapshot.questions[0]?.author?.id).toBe(attendee(0).id);
      expect((await join(session, attendee(0))).snapshot.questions[0]?.author?.id).toBe(attendee(0).id);
    });
  });

  describe('pre-moderation', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 12);
    });

    it('keeps a new question between its author and the moderators until it is approved', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: author } = await join(session, attendee(0));
      const { client: other } = await join(session, attendee(1));
      await moderator.ok({ type: 'qa.settings', premoderation: true });
      expect((await other.take('qa')).qa).toMatchObject({ premoderation: true });

      await author.ok({ type: 'question.ask', text: 'Should we pool our biobanks?' });
      const waiting = await moderator.take('question');
      expect(waiting.question.status).toBe('pending');
      expect((await author.take('question')).question.status).toBe('pending');
      await other.settle();
      expect(other.pending('question', 'votes')).toEqual([]);

      expect((await join(session, attendee(1))).snapshot.questions).toEqual([]);
      expect((await join(session, attendee(0))).snapshot.questions).toMatchObject([{ status: 'pending' }]);
      expect((await join(session, organiser)).snapshot.questions).toMatchObject([{ status: 'pending' }]);
      await other.refused({ type: 'question.vote', questionId: waiting.question.id }, 'not-found');

      await moderator.ok({ type: 'question.approve', questionId: waiting.question.id });
      expect((await other.take('question')).question).toMatchObject({ id: waiting.question.id, status: 'approved' });
    });

    it('hides a dismissed question from attendees again, while its author sees it dismissed', async () => {
      const { client: moderator, snapshot } = await join(session, organiser);
      const { client: author } = await join(session, attendee(0));
      const { client: other } = await join(session, attendee(1));
      const questionId = snapshot.questions[0]?.id as string;

      await moderator.ok({ type: 'question.dismiss', questionId });
      expect(await other.take('question.removed')).toMatchObject({ questionId });
      expect((await author.take('question')).question).toMatchObject({ id: questionId, status: 'dismissed' });
      expect((await join(session, attendee(1))).snapshot.questions).toEqual([]);
    });

    it('sends an approved question back for approval when its author edits it', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: author } = await join(session, attendee(2));
      const { client: other } = await join(session, attendee(1));
      await author.ok({ type: 'question.ask', text: 'What do we share first?' });
      const asked = await moderator.take('question');
      await moderator.ok({ type: 'question.approve', questionId: asked.question.id });
      await other.take('question', (m) => m.question.id === asked.question.id);

      await author.ok({ type: 'question.edit', questionId: asked.question.id, text: 'Buy my product' });
      expect(await other.take('question.removed')).toMatchObject({ questionId: asked.question.id });
      expect((await moderator.take('question', (m) => m.question.text === 'Buy my product')).question.status).toBe(
        'pending',
      );
    });
  });

  describe('moderation', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 6);
    });
    let first: string;
    let second: string;

    it('pins one question at a time as "now answering", and unpins it once answered', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: watcher } = await join(session, attendee(1));
      const { client: a } = await join(session, attendee(0));
      const { client: c } = await join(session, attendee(2));
      await a.ok({ type: 'question.ask', text: 'First question' });
      await c.ok({ type: 'question.ask', text: 'Second question' });
      first = (await watcher.take('question', (m) => m.question.text === 'First question')).question.id;
      second = (await watcher.take('question', (m) => m.question.text === 'Second question')).question.id;

      await moderator.ok({ type: 'question.pin', questionId: first });
      expect((await watcher.take('qa')).qa.pinnedQuestionId).toBe(first);
      await moderator.ok({ type: 'question.pin', questionId: second });
      expect((await watcher.take('qa')).qa.pinnedQuestionId).toBe(second);

      await moderator.ok({ type: 'question.answer', questionId: second });
      const answered = await watcher.take('question', (m) => m.question.id === second);
      expect(answered.question).toMatchObject({ status: 'answered', answeredAt: expect.any(String) });
      expect((await watcher.take('qa')).qa.pinnedQuestionId).toBeNull();
      expect((await join(session, attendee(3))).snapshot.questions.map((q) => q.status)).toEqual([
        'approved',
        'answered',
      ]);
    });

    it('lets moderators edit the text of any question', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: watcher } = await join(session, attendee(1));
      await moderator.ok({ type: 'question.edit', questionId: first, text: 'First question, clarified' });
      expect((await watcher.take('question')).question).toMatchObject({ id: first, text: 'First question, clarified' });
    });

    it('stops questions, edits and votes while Q&A is closed, until it is reopened', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: d } = await join(session, attendee(3));
      const { client: f } = await join(session, attendee(5));
      await moderator.ok({ type: 'qa.settings', open: false });
      expect((await d.take('qa')).qa.open).toBe(false);
      await d.refused({ type: 'question.ask', text: 'Too late?' }, 'qa-closed');
      await d.refused({ type: 'question.vote', questionId: first }, 'qa-closed');
      expect((await join(session, attendee(3))).snapshot.qa.open).toBe(false);

      await moderator.ok({ type: 'qa.settings', open: true });
      expect((await f.take('qa', (m) => m.qa.open)).qa.open).toBe(true);
      await f.ok({ type: 'question.ask', text: 'Open again' });
      await d.ok({ type: 'question.vote', questionId: first });
    });

    it('mutes a member in this session: told so, they can no longer ask or vote until unmuted', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: muted } = await join(session, attendee(4));
      const { client: other } = await join(session, attendee(1));
      await moderator.ok({ type: 'member.mute', memberId: attendee(4).id, muted: true });
      expect((await muted.take('muted')).member).toMatchObject({ memberId: attendee(4).id, muted: true });
      expect((await moderator.take('muted')).member.memberId).toBe(attendee(4).id);
      await other.settle();
      expect(other.pending('muted')).toEqual([]);

      await muted.refused({ type: 'question.ask', text: 'Let me speak' }, 'muted');
      await muted.refused({ type: 'question.vote', questionId: first }, 'muted');
      expect((await join(session, attendee(4))).snapshot.you.muted).toBe(true);
      expect((await join(session, organiser)).snapshot.muted).toMatchObject([{ memberId: attendee(4).id }]);
      expect((await join(demoSession(demo.nextVirtual, 7), attendee(4))).snapshot.you.muted).toBe(false);

      await moderator.refused({ type: 'member.mute', memberId: 'm-organiser', muted: true }, 'conflict');
      await moderator.ok({ type: 'member.mute', memberId: attendee(4).id, muted: false });
      expect((await muted.take('muted')).member.muted).toBe(false);
      await muted.ok({ type: 'question.vote', questionId: first });
    });

    it('refuses moderation to attendees, and lets the session’s chairs moderate', async () => {
      const { client: attendeeClient } = await join(session, attendee(1));
      await attendeeClient.refused({ type: 'question.answer', questionId: first }, 'forbidden');
      await attendeeClient.refused({ type: 'qa.settings', open: false }, 'forbidden');
      await attendeeClient.refused(
        { type: 'poll.create', question: 'Q?', kind: 'single', options: ['a', 'b'] },
        'forbidden',
      );

      const chair = { id: 'm-dana-farber-raman', cookie: await signIn(t, 'priya.raman@demo.apoc.test') };
      const { client: chairClient, snapshot } = await join(session, chair);
      expect(snapshot.you.moderator).toBe(true);
      await chairClient.ok({ type: 'question.answer', questionId: first });

      // A chair's question says its author moderates (and so cannot be muted: the console offers no Mute).
      await chairClient.ok({ type: 'question.ask', text: 'From the room: is MRD testing reimbursed anywhere yet?' });
      const asked = await attendeeClient.take('question', (event) => event.question.author?.id === chair.id);
      expect(asked.question.author).toMatchObject({ id: chair.id, moderator: true });
      await chairClient.refused({ type: 'member.mute', memberId: chair.id, muted: true }, 'conflict');
    });
  });

  describe('polls', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 7);
    });
    let pollId: string;

    it('shows a poll being prepared to moderators only, and to everyone once opened', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: watcher } = await join(session, attendee(1));
      await moderator.ok({
        type: 'poll.create',
        question: 'Which endpoint should the next trial use?',
        kind: 'single',
        options: ['Overall survival', 'ctDNA clearance', 'Event-free survival'],
      });
      const draft = await moderator.take('poll');
      expect(draft.poll).toMatchObject({ status: 'draft', results: [0, 0, 0], voters: 0, resultsVisible: false });
      pollId = draft.poll.id;
      await watcher.settle();
      expect(watcher.pending('poll')).toEqual([]);
      await watcher.refused({ type: 'poll.vote', pollId, choices: [0] }, 'not-found');
      expect((await join(session, attendee(1))).snapshot.polls).toEqual([]);

      await moderator.ok({ type: 'poll.open', pollId });
      expect((await watcher.take('poll')).poll).toMatchObject({
        id: pollId,
        status: 'open',
        results: null,
        voters: null,
      });
    });

    it('takes one vote per member, with results hidden from attendees until moderators show them', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: voter } = await join(session, attendee(0));
      const { client: watcher } = await join(session, attendee(1));

      await voter.ok({ type: 'poll.vote', pollId, choices: [1] });
      expect(await voter.take('poll.myVote')).toEqual({ type: 'poll.myVote', pollId, choices: [1] });
      expect(await moderator.take('poll.results')).toMatchObject({ pollId, results: [0, 1, 0], voters: 1 });
      await watcher.settle();
      expect(watcher.pending('poll.results')).toEqual([]);
      await voter.refused({ type: 'poll.vote', pollId, choices: [2] }, 'conflict');
      expect((await join(session, attendee(0))).snapshot.myPollVotes).toEqual({ [pollId]: [1] });

      await moderator.ok({ type: 'poll.reveal', pollId, visible: true });
      expect((await watcher.take('poll')).poll).toMatchObject({ resultsVisible: true, results: [0, 1, 0], voters: 1 });
      await watcher.ok({ type: 'poll.vote', pollId, choices: [2] });
      expect(await voter.take('poll.results')).toMatchObject({ results: [0, 1, 1], voters: 2 });
    });

    it('takes exactly one option in a single-choice poll, and several in a multiple-choice one', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: voter } = await join(session, attendee(2));
      await voter.refused({ type: 'poll.vote', pollId, choices: [0, 1] }, 'invalid-message');
      await voter.refused({ type: 'poll.vote', pollId, choices: [3] }, 'invalid-message');

      await moderator.ok({
        type: 'poll.create',
        question: 'Which sites?',
        kind: 'multiple',
        options: ['Essen', 'Seoul'],
      });
      const multiple = (await moderator.take('poll')).poll.id;
      await moderator.ok({ type: 'poll.open', pollId: multiple });
      await voter.ok({ type: 'poll.vote', pollId: multiple, choices: [0, 1] });
      expect(await moderator.take('poll.results', (m) => m.pollId === multiple)).toMatchObject({
        results: [1, 1],
        voters: 1,
      });
    });

    it('takes no more votes once closed, and refuses polls without 2 to 10 distinct options', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: late } = await join(session, attendee(3));
      await moderator.ok({ type: 'poll.close', pollId });
      expect((await late.take('poll')).poll).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
      await late.refused({ type: 'poll.vote', pollId, choices: [0] }, 'conflict');

      const poll = (options: string[]) => ({
        type: 'poll.create' as const,
        question: 'Q?',
        kind: 'single' as const,
        options,
      });
      await moderator.refused(poll(['only one']), 'invalid-message');
      await moderator.refused(poll(Array.from({ length: 11 }, (_, i) => `option ${i}`)), 'invalid-message');
      await moderator.refused(poll(['Yes', 'yes']), 'invalid-message');
    });
  });

  describe('presence', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 8);
    });

    it('counts members connected, not their connections, and records their presence', async () => {
      const { client: first, snapshot } = await join(session, attendee(0));
      expect(snapshot.presence).toBe(1);
      const { client: second, snapshot: secondSnapshot } = await join(session, attendee(1));
      expect(secondSnapshot.presence).toBe(2);
      expect((await first.take('presence', (m) => m.count === 2)).count).toBe(2);
      const { snapshot: thirdTab } = await join(session, attendee(1));
      expect(thirdTab.presence).toBe(2);

      second.close();
      for (const client of clients.filter((c) => c !== first)) client.socket.terminate();
      expect((await first.take('presence', (m) => m.count === 1)).count).toBe(1);

      // One interval of presence per member, however many tabs; closed when their last tab closed.
      const presence = () =>
        t.app.db.select().from(tables.livePresence).where(eq(tables.livePresence.sessionId, session)).all();
      const rows = await eventually(() => {
        const all = presence();
        return all.find((row) => row.memberId === attendee(1).id)?.leftAt ? all : undefined;
      });
      expect(rows.map((row) => row.memberId).sort()).toEqual([attendee(0).id, attendee(1).id].sort());
      expect(rows.find((row) => row.memberId === attendee(0).id)?.leftAt).toBeNull();
    });
  });

  describe('reconnecting', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 9);
    });

    it('replays only the events missed since the last seq, then says resumed', async () => {
      const { client: moderator } = await join(session, organiser);
      const { client: away, snapshot } = await join(session, attendee(0));
      away.close();
      await away.closed;
      await moderator.ok({ type: 'question.ask', text: 'While you were away' });
      await moderator.ok({ type: 'qa.settings', premoderation: true });

      const back = await connect(session, attendee(0), { lastSeq: snapshot.seq });
      const missed = await back.take('question');
      expect(missed).toMatchObject({ seq: snapshot.seq + 1, question: { text: 'While you were away' } });
      expect((await back.take('qa')).seq).toBe(snapshot.seq + 2);
      expect(await back.take('resumed')).toMatchObject({ seq: snapshot.seq + 2, replayed: 2, myVotes: [] });
      expect(back.pending('snapshot')).toEqual([]);
    });

    it('says resumed at once when nothing was missed, and resynchronises on request', async () => {
      const { snapshot } = await join(session, attendee(1));
      const back = await connect(session, attendee(1), { lastSeq: snapshot.seq });
      expect(await back.take('resumed')).toMatchObject({ seq: snapshot.seq, replayed: 0 });
      back.send({ type: 'sync', lastSeq: snapshot.seq - 1 });
      expect((await back.take('qa')).seq).toBe(snapshot.seq);
      expect(await back.take('resumed')).toMatchObject({ replayed: 1 });
      back.send({ type: 'sync' });
      expect((await back.take('snapshot')).seq).toBe(snapshot.seq);
    });

    it('sends a fresh snapshot when the last seq is older than the events kept, or unknown', async () => {
      const access = {
        sessionId: session,
        summitId: demo.nextVirtual,
        memberId: 'm-organiser',
        name: 'x',
        moderator: true,
        role: 'organiser' as const,
        viaRegistration: false,
        signInId: null,
      };
      for (let i = 0; i < LIVE_LIMITS.keptEvents + 200; i++) {
        t.app.live.service.handle(access, { type: 'qa.settings', premoderation: i % 2 === 0 });
      }
      const kept = t.app.db.select().from(tables.liveEvents).where(eq(tables.liveEvents.sessionId, session)).all();
      expect(kept.length).toBeLessThanOrEqual(LIVE_LIMITS.keptEvents + 100);
      const latest = Math.max(...kept.map((event) => event.seq));

      const stale = await connect(session, attendee(1), { lastSeq: 1 });
      expect((await stale.take('snapshot')).seq).toBe(latest);
      const unknown = await connect(session, attendee(1), { lastSeq: latest + 10 });
      expect((await unknown.take('snapshot')).seq).toBe(latest);
      const recent = await connect(session, attendee(1), { lastSeq: latest - 5 });
      expect(await recent.take('resumed')).toMatchObject({ seq: latest, replayed: 5 });
    });
  });

  describe('bad input and abuse', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 11);
    });

    it('answers invalid JSON, unknown types, invalid fields and binary frames with an error, and stays usable', async () => {
      const { client } = await join(session, attendee(0));
      client.send('this is not JSON');
      expect(await client.take('error')).toMatchObject({ code: 'invalid-json', ref: null });
      client.send(JSON.stringify({ type: 'question.delete', ref: 7 }));
      expect(await client.take('error')).toMatchObject({ code: 'unknown-type', ref: 7, of: 'question.delete' });
      client.send(JSON.stringify({ type: 'question.vote', ref: 'v' }));
      expect(await client.take('error')).toMatchObject({ code: 'invalid-message', ref: 'v', of: 'question.vote' });
      client.send(JSON.stringify({ type: 'question.ask', text: 'Hi', sneaky: true }));
      expect(await client.take('error')).toMatchObject({ code: 'invalid-message' });
      client.send(JSON.stringify([1, 2, 3]));
      expect(await client.take('error')).toMatchObject({ code: 'unknown-type' });
      client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
      expect(await client.take('error')).toMatchObject({ code: 'invalid-json' });
      await client.settle();
      await client.ok({ type: 'question.ask', text: 'Still here' });
    });

    it('refuses a message over 4 KB and stays usable; closes the connection at frames over 16 KB', async () => {
      const { client } = await join(session, attendee(1));
      client.send(JSON.stringify({ type: 'question.ask', text: 'x'.repeat(LIVE_LIMITS.messageBytes) }));
      expect(await client.take('error')).toMatchObject({ code: 'too-large' });
      await client.settle();
      client.send(JSON.stringify({ type: 'question.ask', text: 'x'.repeat(LIVE_LIMITS.frameBytes + 1) }));
      expect((await client.closed).code).toBe(LIVE_CLOSE.messageTooBig);
    });

    it('closes a connection that keeps sending what the protocol refuses', async () => {
      const { client } = await join(session, attendee(2));
      for (let i = 0; i < 15; i++) client.send('{');
      expect((await client.closed).code).toBe(LIVE_CLOSE.policyViolation);
      expect(client.pending('error').length).toBeGreaterThanOrEqual(10);
    });

    it('limits questions to one per 5 seconds per member, across their connections', async () => {
      const { client } = await join(session, attendee(3));
      const { client: otherTab } = await join(session, attendee(3));
      await client.ok({ type: 'question.ask', text: 'One' });
      const limited = await client.refused({ type: 'question.ask', text: 'Two' }, 'rate-limited');
      expect(limited.retryAfterMs).toBeGreaterThan(0);
      expect(limited.retryAfterMs).toBeLessThanOrEqual(LIVE_LIMITS.askEveryMs);
      await otherTab.refused({ type: 'question.ask', text: 'Three' }, 'rate-limited');
      await client.settle();
    });

    it('limits votes to 10 a second per member, with an error rather than a disconnection', async () => {
      const { client, snapshot } = await join(session, attendee(4));
      const questionId = snapshot.questions[0]?.id as string;
      const answers = [];
      for (let i = 0; i < 12; i++) {
        answers.push(await client.request({ type: i % 2 === 0 ? 'question.vote' : 'question.unvote', questionId }));
      }
      const limited = answers.filter((answer) => answer.type === 'error');
      expect(limited.length).toBeGreaterThan(0);
      expect(limited.every((answer) => answer.type === 'error' && answer.code === 'rate-limited')).toBe(true);
      await client.settle();
    });

    it('refuses a flood of messages on one connection, without closing it at once', async () => {
      const { client } = await join(session, attendee(5));
      for (let i = 0; i < 45; i++) client.send({ type: 'ping', ref: i });
      const last = await client.take('pong', (m) => m.ref === 39);
      expect(last.ref).toBe(39);
      expect((await client.take('error')).code).toBe('rate-limited');
      expect(client.socket.readyState).toBe(WebSocket.OPEN);
    });

    it('drops a connection that stops answering pings', async () => {
      const { client: silent } = await (async () => {
        const c = await connect(session, attendee(0), {}, { autoPong: false });
        await c.take('snapshot');
        return { client: c };
      })();
      const { client: lively } = await join(session, attendee(1));
      t.app.live.connections.heartbeat();
      await lively.settle();
      t.app.live.connections.heartbeat();
      expect((await silent.closed).code).toBe(1006);
      await lively.settle();
      expect(lively.socket.readyState).toBe(WebSocket.OPEN);
    });
  });

  describe('exports', () => {
    let session = '';
    beforeAll(() => {
      session = demoSession(demo.nextVirtual, 13);
    });

    it('gives moderators the questions with votes, status and authors as CSV and Markdown', async () => {
      const { client: author } = await join(session, attendee(0));
      const { client: voter } = await join(session, attendee(1));
      await author.ok({ type: 'question.ask', text: '=HYPERLINK("http://evil.example") *bold*', anonymous: true });
      const asked = await voter.take('question');
      await voter.ok({ type: 'question.vote', questionId: asked.question.id });
      await voter.take('votes');

      const get = (format: string, cookie?: string) =>
        t.app.inject({
          method: 'GET',
          url: `/api/sessions/${session}/questions.${format}`,
          headers: browserHeaders(t.config, cookie),
        });
      const csv = await get('csv', organiser.cookie);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body).toContain(`'=HYPERLINK`);
      expect(csv.body).toMatch(/^\uFEFFvotes,question,status,asked by,anonymous/);
      expect(csv.body).toContain(',yes,');
      const markdown = await get('md', organiser.cookie);
      expect(markdown.statusCode).toBe(200);
      expect(markdown.body).toContain('**1 vote**, approved');
      expect(markdown.body).toContain('\\*bold\\*');
      expect(markdown.body).toContain('(anonymous to attendees)');

      expect((await get('csv', attendee(1).cookie)).statusCode).toBe(403);
      expect((await get('md')).statusCode).toBe(401);
    });
  });
});

describe('a restart of the server', () => {
  it('says it is going away (1001) and loses no question or vote: clients resume where they were, and seq goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apoc-live-restart-'));
    let session = '';
    const bases = new Map<TestApp, string>();
    const open = async (t: TestApp, person: Person, query: Record<string, number> = {}) => {
      const base = bases.get(t) ?? (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
      bases.set(t, base);
      const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
      const socket = new WebSocket(`${base}/api/sessions/${session}/live${search ? `?${search}` : ''}`, {
        headers: { cookie: person.cookie, origin: t.config.publicUrl.origin },
      });
      const client = new LiveTestClient(socket);
      await once(socket, 'open');
      return client;
    };

    const before = await buildTestApp({ seed: 'demo', dir });
    const { nextVirtual } = demoSummitIds(before.app.db);
    session = demoSession(nextVirtual, 1);
    let after: TestApp | undefined;
    try {
      const [person] = await signedInMembers(before, 1, 'asan');
      const member = person as Person;
      await before.app.inject({
        method: 'POST',
        url: `/api/summits/${nextVirtual}/registrations`,
        headers: browserHeaders(before.config, member.cookie),
        payload: { mode: 'virtual' },
      });
      const client = await open(before, member);
      let lastSeq = (await client.take('snapshot')).seq;
      await client.ok({ type: 'question.ask', text: 'Will this survive a restart?' });
      const asked = await client.take('question');
      lastSeq = asked.seq;
      // Voted, acknowledged, and the server stops before the coalesced count goes out.
      await client.ok({ type: 'question.vote', questionId: asked.question.id });
      await before.close();
      expect(await client.closed).toEqual({ code: 1001, reason: 'Server restarting' });

      after = await buildTestApp({ seed: 'demo', dir });
      const back = await open(after, member, { lastSeq });
      const missed = await back.take('votes');
      expect(missed.votes).toEqual({ [asked.question.id]: 1 });
      expect(missed.seq).toBeGreaterThan(lastSeq);
      expect(await back.take('resumed')).toMatchObject({ seq: missed.seq, myVotes: [asked.question.id] });

      const fresh = await open(after, member);
      const snapshot = await fresh.take('snapshot');
      expect(snapshot.questions).toMatchObject([{ id: asked.question.id, votes: 1 }]);
      expect(snapshot.myVotes).toEqual([asked.question.id]);
      await fresh.ok({ type: 'question.unvote', questionId: asked.question.id });
      expect((await back.take('votes')).seq).toBe(missed.seq + 1);
      back.close();
      fresh.close();
    } finally {
      await after?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('announces at the next start the counts of votes committed just before a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apoc-live-crash-'));
    let t = await buildTestApp({ seed: 'demo', dir });
    const { nextVirtual } = demoSummitIds(t.app.db);
    const session = demoSession(nextVirtual, 14);
    const organiser = {
      sessionId: session,
      summitId: nextVirtual,
      memberId: 'm-organiser',
      name: 'x',
      moderator: true,
      role: 'organiser' as const,
      viaRegistration: false,
      signInId: null,
    };
    try {
      t.app.live.service.handle(organiser, { type: 'question.ask', text: 'Counted before the crash?' });
      const question = t.app.db
        .select()
        .from(tables.liveQuestions)
        .where(eq(tables.liveQuestions.sessionId, session))
        .get() as typeof tables.liveQuestions.$inferSelect;
      // A vote committed by a transaction whose coalesced count never went out.
      t.app.db.transaction(() => {
        t.app.db
          .insert(tables.liveQuestionVotes)
          .values({ questionId: question.id, memberId: 'm-asan-han', sessionId: session, createdAt: new Date() })
          .run();
        t.app.db.update(tables.liveQuestions).set({ votes: 1 }).where(eq(tables.liveQuestions.id, question.id)).run();
      });
      await t.close();

      t = await buildTestApp({ seed: 'demo', dir });
      const events = t.app.db.select().from(tables.liveEvents).where(eq(tables.liveEvents.sessionId, session)).all();
      expect(events.map((event) => JSON.parse(event.attendeeMessage ?? '{}') as { type: string })).toMatchObject([
        { type: 'question' },
        { type: 'votes', seq: 2, votes: { [question.id]: 1 } },
      ]);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
