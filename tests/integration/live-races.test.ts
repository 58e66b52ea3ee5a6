import { EventEmitter } from 'node:events';
import type { LiveClientMessage } from '@apoc/shared';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type TestApp } from '../helpers/app';
import { tables } from '../helpers/db';
import { demoSession } from '../helpers/demo';
import type { LiveTestClient, Of } from '../helpers/live-client';
import { liveWorld } from '../helpers/live-world';
import { eventually } from '../helpers/smtp';

// Things that happen at the same moment. On SQLite units of work run one after the other anyway; on PostgreSQL
// each is a transaction of its own, and the request tests fail there when a session's units are not held one at a
// time. A connection closing while it opens is a race on either backend.

type Request = [LiveTestClient, LiveClientMessage];
type Accept = TestApp['app']['live']['connections']['accept'];

/** A socket that the server takes over without any network: the test decides when it closes. */
class QuietSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  send(): void {}
  ping(): void {}
  close(): void {
    this.readyState = 3;
  }
  terminate(): void {
    this.readyState = 3;
  }
}

describe('live Q&A over a WebSocket: requests at the same moment', () => {
  // Read through the world's getters: they are filled once its beforeAll has run.
  const world = liveWorld();
  const { attendee, join } = world;

  /** Sends each request on its connection at once, without waiting for any answer, and collects the answers. */
  const together = (requests: Request[]) => Promise.all(requests.map(([client, request]) => client.request(request)));
  const acked = (answers: (Of<'ack'> | Of<'error'>)[]) => answers.filter((answer) => answer.type === 'ack');
  /** The six attendees connected to the session. */
  const everyone = (session: string) =>
    Promise.all([0, 1, 2, 3, 4, 5].map(async (index) => (await join(session, attendee(index))).client));
  /** A moderator connected to the session, with a yes/no poll they opened. */
  async function openPoll(session: string, question: string) {
    const { client: moderator } = await join(session, world.organiser);
    await moderator.ok({ type: 'poll.create', question, kind: 'single', options: ['Yes', 'No'] });
    const pollId = (await moderator.take('poll')).poll.id;
    await moderator.ok({ type: 'poll.open', pollId });
    moderator.drain();
    return { moderator, pollId };
  }
  const storedPoll = async (id: string) =>
    (await world.t.app.db.q.select().from(tables.livePolls).where(eq(tables.livePolls.id, id)))[0];

  it('counts every ballot of attendees voting at the same moment', async () => {
    const session = demoSession(world.demo.nextVirtual, 2);
    const { pollId } = await openPoll(session, 'Adjuvant or not?');
    const voters = await everyone(session);

    const answers = await together(voters.map((voter) => [voter, { type: 'poll.vote', pollId, choices: [0] }]));
    expect(acked(answers)).toHaveLength(6);
    expect(await storedPoll(pollId)).toMatchObject({ results: [6, 0], voters: 6 });
  });

  it('counts no ballot after the poll closed: its results as announced at closing stay its results', async () => {
    const session = demoSession(world.demo.nextVirtual, 3);
    const { moderator, pollId } = await openPoll(session, 'Biopsy first?');
    const voters = await everyone(session);

    const answers = await together([
      [moderator, { type: 'poll.close', pollId }],
      ...voters.map((voter): Request => [voter, { type: 'poll.vote', pollId, choices: [1] }]),
    ]);
    const closed = (await moderator.take('poll', (message) => message.poll.status === 'closed')).poll;
    const counted = acked(answers.slice(1)).length;
    expect(await storedPoll(pollId)).toMatchObject({ status: 'closed', voters: counted, results: [0, counted] });
    expect({ voters: closed.voters, results: closed.results }).toEqual({ voters: counted, results: [0, counted] });
  });

  it('answers a question once when two moderators answer it at the same moment', async () => {
    const session = demoSession(world.demo.nextVirtual, 5);
    const { client: first } = await join(session, world.organiser);
    const { client: second } = await join(session, world.organiser);
    for (let round = 0; round < 3; round += 1) {
      const { client: asker } = await join(session, attendee(round));
      await asker.ok({ type: 'question.ask', text: `Which dose, round ${round}?` });
      const { id } = (await asker.take('question')).question;
      await first.settle();
      await second.settle();
      first.drain();
      second.drain();

      const answers = await together([
        [first, { type: 'question.answer', questionId: id }],
        [second, { type: 'question.answer', questionId: id }],
      ]);
      expect(acked(answers)).toHaveLength(1);
      expect(answers.filter((answer) => answer.type === 'error')).toMatchObject([{ code: 'conflict' }]);
      await first.settle();
      expect(first.pending('question').filter((m) => m.type === 'question' && m.question.id === id)).toHaveLength(1);
    }
  });

  it('takes no question after Q&A closed: every question asked at the closing moment comes before the closing', async () => {
    const session = demoSession(world.demo.nextVirtual, 6);
    const { client: moderator } = await join(session, world.organiser);
    const askers = await everyone(session);
    await moderator.settle();
    moderator.drain();

    const answers = await together([
      [moderator, { type: 'qa.settings', open: false }],
      ...askers.map((asker, index): Request => [asker, { type: 'question.ask', text: `Last call ${index}?` }]),
    ]);
    expect(answers[0]).toMatchObject({ type: 'ack' });
    const closing = await moderator.take('qa', (message) => !message.qa.open);
    await moderator.settle();
    const asked = moderator
      .pending('question')
      .flatMap((message) => (message.type === 'question' ? [message.seq] : []));
    expect(asked).toHaveLength(acked(answers.slice(1)).length);
    expect(asked.filter((seq) => seq > closing.seq)).toEqual([]);
  });

  it('closes the interval of presence of a connection that closed while it was being opened', async () => {
    const session = demoSession(world.demo.nextVirtual, 12);
    const member = attendee(1);
    const access: Parameters<Accept>[1] = {
      sessionId: session,
      summitId: world.demo.nextVirtual,
      memberId: member.id,
      name: 'Early leaver',
      moderator: false,
      role: 'member',
      viaRegistration: true,
      signInId: null,
    };
    const socket = new QuietSocket();
    const accepted = world.t.app.live.connections.accept(socket as unknown as Parameters<Accept>[0], access, {});
    // Gone before its arrival was written.
    socket.emit('close');
    await accepted;

    const { livePresence } = tables;
    const intervals = await eventually(async () => {
      const rows = await world.t.app.db.q
        .select()
        .from(livePresence)
        .where(and(eq(livePresence.sessionId, session), eq(livePresence.memberId, member.id)));
      return rows.length > 0 && rows.every((row) => row.leftAt !== null) ? rows : undefined;
    }, 3000);
    expect(intervals).toHaveLength(1);
    expect(world.t.app.live.hub.presence(session)).toBe(0);
  });
});
