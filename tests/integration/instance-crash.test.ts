import { once } from 'node:events';
import type { LiveServerMessage } from '@apoc/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildTestApp, type TestApp } from '../helpers/app';
import { crowd, signedIn } from '../helpers/auth';
import { first, tables } from '../helpers/db';
import { demoSession, demoSummitIds } from '../helpers/demo';
import { LiveTestClient } from '../helpers/live-client';
import { prepareProxy, type Proxy } from '../helpers/nginx';
import { startServer, type RunningServer } from '../helpers/server';
import { silentMailServer, startSmtpSink, type SmtpSink } from '../helpers/smtp';

// kill -9 of one of two instances on one PostgreSQL, behind the shipped nginx, during live Q&A: clients reconnect
// through nginx (to the instance left), resume from their last sequence number, and nothing acknowledged is lost;
// the mail the dead instance held and the job it scheduled are taken over. Instance A runs in this process;
// instance B is the real server in a process of its own, so that it can die as a process does. Runs in the
// `integration-pg` project only.

const LIVE_PEOPLE = 8;
const CROWD = 30;
const HELD_MAIL = 6;
/** Instance A takes over a claim older than this: in production five minutes, longer than any delivery. */
const LEASE_MS = 3_000;

/** What a live client was told, over all its connections: the questions' vote counts and the last seq. */
interface Mirror {
  lastSeq: number;
  votes: Map<string, number>;
}

/** An attendee in the session, as its screen would follow it. */
interface Follower {
  person: { id: string; cookie: string };
  client: LiveTestClient;
  mirror: Mirror;
  /** Question ids it acknowledged voting for (or was told it had: a vote repeated after a lost answer). */
  voted: Set<string>;
  pollVoted: boolean;
  /** Which instance answered its first connection. */
  onA: boolean;
}

function follow(follower: Mirror, socket: WebSocket): void {
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as LiveServerMessage;
    if ('seq' in message && typeof message.seq === 'number') {
      follower.lastSeq = Math.max(follower.lastSeq, message.seq);
    }
    if (message.type === 'snapshot') {
      for (const question of message.questions) follower.votes.set(question.id, question.votes);
    } else if (message.type === 'question') {
      follower.votes.set(message.question.id, message.question.votes);
    } else if (message.type === 'votes') {
      for (const [id, count] of Object.entries(message.votes)) follower.votes.set(id, count);
    }
  });
}

async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('kill -9 of one instance behind nginx, during live Q&A', () => {
  let smtp: SmtpSink;
  let silent: Awaited<ReturnType<typeof silentMailServer>>;
  let proxy: Proxy;
  let a: TestApp;
  let aUrl: string;
  let b: RunningServer;
  /** Instance A's clock runs ahead when the test moves it: to bring the dead instance's job due. */
  let ahead = 0;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    silent = await silentMailServer();
    proxy = await prepareProxy();
    a = await buildTestApp({
      seed: 'demo',
      env: { TRUST_PROXY: '1', PUBLIC_URL: proxy.origin, SMTP_URL: smtp.url },
      outbox: { pollMs: 250, leaseMs: LEASE_MS, retryBaseMs: 50, retryMaxMs: 200 },
      clock: () => new Date(Date.now() + ahead),
    });
    aUrl = await a.app.listen({ port: 0, host: '127.0.0.1' });
    b = await startServer({
      HOST: '127.0.0.1',
      DATABASE_URL: a.config.databaseUrl ?? '',
      APOC_SEED: 'none',
      TRUST_PROXY: '1',
      PUBLIC_URL: proxy.origin,
      SMTP_URL: silent.url,
    });
    await proxy.start([Number(new URL(aUrl).port), b.port]);
  }, 90_000);

  afterAll(async () => {
    b?.child.kill('SIGKILL');
    await proxy?.stop();
    await a?.close();
    await smtp?.stop();
    await silent?.close();
  }, 30_000);

  it('reconnects its clients to the other instance, resumes them by sequence number, loses nothing acknowledged, and takes over its mail and jobs', async () => {
    const summitId = (await demoSummitIds(a.app.db)).nextVirtual;
    const sessionId = demoSession(summitId, 2);
    const origin = proxy.origin;
    const json = (cookie: string) => ({ 'content-type': 'application/json', cookie, origin });
    const register = (cookie: string) =>
      proxy.request(`/api/summits/${summitId}/registrations`, {
        method: 'POST',
        body: { mode: 'virtual' },
        headers: { cookie },
      });
    // The same, to one instance directly rather than through nginx.
    const registerAt = (url: string, cookie: string) =>
      fetch(`${url}/api/summits/${summitId}/registrations`, {
        method: 'POST',
        headers: json(cookie),
        body: JSON.stringify({ mode: 'virtual' }),
      });

    // Attendees of the session, connected through nginx until each instance holds at least two of them. They
    // register on A, so that B's mail worker is idle when the held registrations below reach it: busy on a
    // confirmation of its own, it would leave those to A.
    const people = await crowd(a, LIVE_PEOPLE * 2, 'msk');
    for (const person of people) expect((await registerAt(aUrl, person.cookie)).status).toBe(201);
    const connect = async (person: { cookie: string }, mirror: Mirror) => {
      const query = mirror.lastSeq > 0 ? `?lastSeq=${mirror.lastSeq}` : '';
      const socket = proxy.websocket(`/api/sessions/${sessionId}/live${query}`, person.cookie);
      follow(mirror, socket);
      const client = new LiveTestClient(socket);
      await once(socket, 'open');
      return client;
    };
    const followers: Follower[] = [];
    for (const person of people) {
      const before = a.app.live.connections.count;
      const mirror: Mirror = { lastSeq: 0, votes: new Map() };
      const client = await connect(person, mirror);
      await client.take('snapshot');
      const onA = a.app.live.connections.count > before;
      followers.push({ person, client, mirror, voted: new Set(), pollVoted: false, onA });
      const onAnyA = followers.filter((f) => f.onA).length;
      if (followers.length >= LIVE_PEOPLE && onAnyA >= 2 && followers.length - onAnyA >= 2) break;
    }
    const onB = followers.filter((f) => !f.onA);
    expect(onB.length).toBeGreaterThanOrEqual(2);
    expect(followers.length - onB.length).toBeGreaterThanOrEqual(2);

    // A moderator on instance A opens a poll; every attendee asks a question, acknowledged wherever they are.
    const organiser = await signedIn(a, 'organiser@demo.apoc.test');
    const moderatorSocket = new WebSocket(`${aUrl.replace(/^http/, 'ws')}/api/sessions/${sessionId}/live`, {
      headers: { cookie: organiser, origin },
    });
    const moderator = new LiveTestClient(moderatorSocket);
    await once(moderatorSocket, 'open');
    await moderator.take('snapshot');
    await moderator.ok({
      type: 'poll.create',
      question: 'Adjuvant or neoadjuvant?',
      kind: 'single',
      options: ['A', 'N'],
    });
    const pollId = (await moderator.take('poll')).poll.id;
    await moderator.ok({ type: 'poll.open', pollId });
    const asked: string[] = [];
    for (const [i, follower] of followers.entries()) {
      await follower.client.ok({ type: 'question.ask', text: `Question ${i} before the crash?` });
      asked.push(
        (await follower.client.take('question', (m) => m.question.text === `Question ${i} before the crash?`)).question
          .id,
      );
    }

    // The organiser publishes an agenda change through instance B: B schedules the change notice (due in minutes).
    const third = demoSession(summitId, 3);
    const before = (await (await fetch(`${b.url}/api/sessions/${third}`, { headers: json(organiser) })).json()) as {
      startsAt: string;
      endsAt: string;
    };
    const later = (iso: string) => new Date(Date.parse(iso) + 10 * 60_000).toISOString();
    const patched = await fetch(`${b.url}/api/sessions/${third}`, {
      method: 'PATCH',
      headers: json(organiser),
      body: JSON.stringify({ startsAt: later(before.startsAt), endsAt: later(before.endsAt) }),
    });
    expect(patched.status).toBe(200);
    const published = await fetch(`${b.url}/api/summits/${summitId}/publish`, {
      method: 'POST',
      headers: json(organiser),
    });
    expect(published.status).toBe(200);
    const notice = await first(
      a.app.db.q
        .select()
        .from(tables.scheduledJobs)
        .where(and(eq(tables.scheduledJobs.kind, 'agenda-changes'), eq(tables.scheduledJobs.status, 'pending'))),
    );
    expect(notice, 'the change notice B scheduled').toBeDefined();

    // Registrations through B itself: B, idle, claims a confirmation as soon as it has committed it, and waits on a
    // mail server that never answers; A, which looks only every 250 ms, sends the others.
    const held = await crowd(a, HELD_MAIL, 'msk');
    const heldAnswers = Promise.all(held.map((person) => registerAt(b.url, person.cookie)));
    const heldRows = () =>
      a.app.db.q
        .select()
        .from(tables.outbox)
        .where(
          and(
            inArray(
              tables.outbox.recipient,
              held.map((person) => person.email),
            ),
            eq(tables.outbox.status, 'sending'),
          ),
        );
    // Looked for while the registrations are still being answered: A takes over a claim once its lease (3 s) has
    // run out, so on a loaded machine the last answer could come after B's claim had already passed to A.
    await eventually(async () => (await heldRows()).length > 0, 'B claims a confirmation');
    const heldByB = (await heldRows()).map((row) => row.id);
    for (const answer of await heldAnswers) expect(answer.status).toBe(201);

    // Votes flow and a crowd registers through nginx; B dies in the middle of it.
    const crowded = await crowd(a, CROWD, 'msk');
    const registrations = crowded.map((person) => register(person.cookie).catch(() => ({ status: 0 })));
    let killed = false;
    const voting = followers.map(async (follower, i) => {
      for (const questionId of asked.filter((_, j) => j !== i)) {
        if (killed && !follower.onA) return;
        const answer = await follower.client.request({ type: 'question.vote', questionId }).catch(() => null);
        if (answer?.type === 'ack') follower.voted.add(questionId);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      const answer = await follower.client.request({ type: 'poll.vote', pollId, choices: [i % 2] }).catch(() => null);
      if (answer?.type === 'ack') follower.pollVoted = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    b.child.kill('SIGKILL');
    killed = true;
    await once(b.child, 'exit');

    // B's clients lost their line; A's kept theirs.
    for (const follower of onB) expect((await follower.client.closed).code).toBe(1006);
    await Promise.all(voting);
    const answered = await Promise.all(registrations);

    // They reconnect through nginx, which finds B down and hands them to A: a replay since their last seq.
    for (const follower of onB) {
      follower.client = await connect(follower.person, follower.mirror);
      const resumed = await follower.client.take('resumed', () => true, 5_000);
      expect(follower.client.pending('snapshot')).toEqual([]);
      // Every vote it was told about before the crash is its own, as the other instance says.
      for (const questionId of follower.voted) expect(resumed.myVotes).toContain(questionId);
      if (follower.pollVoted) expect(Object.keys(resumed.myPollVotes)).toContain(pollId);
    }
    expect(a.app.live.connections.count).toBe(followers.length + 1);

    // What B never answered is repeated; a vote B had committed says so (conflict), and counts as cast.
    for (const [i, follower] of followers.entries()) {
      for (const questionId of asked.filter((_, j) => j !== i)) {
        if (follower.voted.has(questionId)) continue;
        const answer = await follower.client.request({ type: 'question.vote', questionId });
        expect(answer.type === 'ack' || (answer.type === 'error' && answer.code === 'conflict')).toBe(true);
        follower.voted.add(questionId);
      }
      if (!follower.pollVoted) {
        const answer = await follower.client.request({ type: 'poll.vote', pollId, choices: [i % 2] });
        expect(answer.type === 'ack' || (answer.type === 'error' && answer.code === 'conflict')).toBe(true);
      }
    }

    // Every question asked is there, with one vote from each other attendee, in the database and on every screen:
    // counts B committed but never announced are announced by A.
    const everyone = followers.length - 1;
    const questions = await a.app.db.q
      .select()
      .from(tables.liveQuestions)
      .where(eq(tables.liveQuestions.sessionId, sessionId));
    expect(questions.map((q) => q.id).sort()).toEqual([...asked].sort());
    expect(questions.map((q) => q.votes)).toEqual(Array(asked.length).fill(everyone));
    await eventually(
      () => followers.every((f) => asked.every((id) => f.mirror.votes.get(id) === everyone)),
      'every client shows every count',
    );
    const pollVotes = await a.app.db.q
      .select()
      .from(tables.livePollVotes)
      .where(eq(tables.livePollVotes.pollId, pollId));
    expect(pollVotes.map((vote) => vote.memberId).sort()).toEqual(followers.map((f) => f.person.id).sort());

    // Every registration acknowledged (those B answered before it died among them) is there; those in flight
    // to B got 502 from nginx and are repeated (repeating is harmless); there is one each.
    const lost = crowded.filter((_, i) => answered[i]?.status !== 201);
    expect(answered.filter((answer) => answer.status === 201).length).toBeGreaterThan(0);
    for (const person of lost) expect([200, 201]).toContain((await register(person.cookie)).status);
    const everyRegistrant = [...held, ...crowded];
    const registered = await a.app.db.q
      .select()
      .from(tables.registrations)
      .where(
        and(
          eq(tables.registrations.summitId, summitId),
          inArray(
            tables.registrations.memberId,
            everyRegistrant.map((person) => person.id),
          ),
        ),
      );
    expect(registered.map((row) => row.memberId).sort()).toEqual(everyRegistrant.map((person) => person.id).sort());

    // The mail B held goes out from A once B's lease has run out; every registrant gets exactly one confirmation.
    const registrants = [...people, ...held, ...crowded].map((person) => person.email);
    await eventually(
      async () => {
        const rows = await a.app.db.q.select().from(tables.outbox).where(inArray(tables.outbox.id, heldByB));
        return rows.every((row) => row.status === 'sent');
      },
      'A delivers what B held',
      LEASE_MS + 15_000,
    );
    await eventually(() => {
      const confirmations = smtp.messages.filter((m) =>
        registrants.includes(String([m.to].flat()[0]?.value[0]?.address)),
      );
      return confirmations.length >= registrants.length;
    }, 'every registrant’s confirmation');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const confirmed = smtp.messages
      .filter((m) => !m.subject?.startsWith('Agenda changes'))
      .map((m) => String([m.to].flat()[0]?.value[0]?.address))
      .filter((address) => registrants.includes(address));
    expect(confirmed.sort()).toEqual([...registrants].sort());

    // The change notice B scheduled runs on A when it comes due, once.
    ahead = 6 * 60_000;
    await a.app.reminders.runDue();
    await a.app.reminders.runDue();
    const job = await first(
      a.app.db.q
        .select()
        .from(tables.scheduledJobs)
        .where(eq(tables.scheduledJobs.id, notice?.id ?? '')),
    );
    expect(job?.status).toBe('done');
    a.app.outbox.kick();
    await eventually(
      () => smtp.messages.some((m) => m.subject?.startsWith('Agenda changes')),
      'the change notice goes out',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const notices = smtp.messages
      .filter((m) => m.subject?.startsWith('Agenda changes'))
      .map((m) => String([m.to].flat()[0]?.value[0]?.address));
    expect(new Set(notices).size).toBe(notices.length);

    moderator.close();
    for (const follower of followers) follower.client.close();
  }, 120_000);
});
