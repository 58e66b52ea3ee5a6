import { EventEmitter } from 'node:events';
import { LIVE_LIMITS } from '@apoc/shared';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { LiveConnections, type LiveSocket } from './live.connection';
import { InProcessLiveHub } from './live.hub';
import type { LiveService } from './live.service';
import type { LivePresence } from './live.presence';

/** A socket that records what the server does with it; `bufferedAmount` says how far behind the client is. */
class FakeSocket extends EventEmitter implements LiveSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  terminated = false;
  pinged = 0;

  send(data: Buffer | string): void {
    this.sent.push(String(data));
  }
  ping(): void {
    this.pinged++;
  }
  close(): void {
    this.readyState = 3;
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close');
  }
}

const presence = { arrived: () => undefined, departed: () => undefined } as unknown as LivePresence;
const service = {
  snapshot: () => '{"type":"snapshot"}',
  resume: () => null,
  handle: () => undefined,
} as unknown as LiveService;
const silent = { error: () => undefined } as unknown as FastifyBaseLogger;

async function connect(connections: LiveConnections, memberId: string) {
  const socket = new FakeSocket();
  const access = {
    sessionId: 's1',
    summitId: 'summit',
    memberId,
    name: memberId,
    moderator: false,
    role: 'member' as const,
    viaRegistration: true,
    signInId: null,
  };
  await connections.accept(socket, access, {});
  return socket;
}

describe('live connections', () => {
  it('drops a client that stopped reading once its send buffer passes the limit, and serves the others', async () => {
    const hub = new InProcessLiveHub();
    const connections = new LiveConnections(service, presence, hub, silent);
    const reading = await connect(connections, 'm1');
    const stuck = await connect(connections, 'm2');
    stuck.bufferedAmount = LIVE_LIMITS.sendBufferBytes + 1;

    hub.publish('s1', { moderators: '{"type":"qa"}', attendees: '{"type":"qa"}', member: null });
    expect(stuck.terminated).toBe(true);
    expect(reading.sent).toEqual(['{"type":"snapshot"}', '{"type":"qa"}']);
    await vi.waitFor(() => expect(hub.presence('s1')).toBe(1));
    hub.close();
  });

  it('pings every connection at each heartbeat and drops one silent since the previous beat', async () => {
    const hub = new InProcessLiveHub();
    const connections = new LiveConnections(service, presence, hub, silent);
    const lively = await connect(connections, 'm1');
    const silentOne = await connect(connections, 'm2');
    connections.heartbeat();
    expect([lively.pinged, silentOne.pinged]).toEqual([1, 1]);
    lively.emit('pong');
    connections.heartbeat();
    expect(silentOne.terminated).toBe(true);
    expect(lively.terminated).toBe(false);
    hub.close();
  });

  it('answers a message that makes the service fail with an internal error, without throwing', async () => {
    const hub = new InProcessLiveHub();
    const failing = {
      ...service,
      handle: () => {
        throw new Error('disk full');
      },
    } as unknown as LiveService;
    const socket = await connect(new LiveConnections(failing, presence, hub, silent), 'm1');
    socket.emit('message', Buffer.from('{"type":"question.vote","questionId":"q1","ref":1}'), false);
    await vi.waitFor(() =>
      expect(socket.sent.map((sent) => JSON.parse(sent) as object)).toContainEqual(
        expect.objectContaining({ type: 'error', code: 'internal', ref: 1 }),
      ),
    );
    hub.close();
  });

  it('counts a burst of votes against the limit as it arrives, not as the database gets to each vote', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      let open: () => void = () => undefined;
      const database = new Promise<void>((resolve) => (open = resolve));
      let reached: () => void = () => undefined;
      const withDatabase = new Promise<void>((resolve) => (reached = resolve));
      const slow = {
        ...service,
        handle: () => {
          reached();
          return database;
        },
      } as unknown as LiveService;
      const hub = new InProcessLiveHub();
      const socket = await connect(new LiveConnections(slow, presence, hub, silent), 'm1');
      for (let ref = 1; ref <= 12; ref++) {
        socket.emit('message', Buffer.from(`{"type":"question.vote","questionId":"q1","ref":${ref}}`), false);
      }
      // The first vote is still with the database two seconds on, long enough for the limit to have refilled.
      await withDatabase;
      vi.setSystemTime(Date.now() + 2000);
      open();
      const answers = () =>
        socket.sent
          .map((sent) => JSON.parse(sent) as { type: string; ref?: number; code?: string })
          .filter((answer) => answer.ref !== undefined);
      await vi.waitFor(() => expect(answers()).toHaveLength(12));
      expect(answers().map((answer) => answer.ref)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(answers().filter((answer) => answer.type === 'ack')).toHaveLength(LIVE_LIMITS.votesPerSecond);
      expect(
        answers()
          .filter((answer) => answer.code === 'rate-limited')
          .map((answer) => answer.ref),
      ).toEqual([11, 12]);
      hub.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends the snapshot first: events published while it is read follow it, those it includes are not sent again', async () => {
    const hub = new InProcessLiveHub();
    let answer: (snapshot: string) => void = () => undefined;
    let asked: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => (asked = resolve));
    const slow = {
      ...service,
      snapshot: () =>
        new Promise<string>((resolve) => {
          answer = resolve;
          asked();
        }),
    } as unknown as LiveService;
    const connections = new LiveConnections(slow, presence, hub, silent);
    const socket = new FakeSocket();
    const access = {
      sessionId: 's1',
      summitId: 'summit',
      memberId: 'm1',
      name: 'm1',
      moderator: false,
      role: 'member' as const,
      viaRegistration: true,
      signInId: null,
    };
    const accepted = connections.accept(socket, access, {});
    await reading;
    // The connection has joined the hub; the snapshot (at seq 6) is still being read.
    const event = (seq: number) => `{"type":"votes","seq":${seq},"votes":{}}`;
    hub.publish('s1', { seq: 6, moderators: event(6), attendees: event(6), member: null });
    hub.toMember('s1', 'm1', '{"type":"question.myVote","questionId":"q1","voted":true}');
    hub.publish('s1', { seq: 7, moderators: event(7), attendees: event(7), member: null });
    expect(socket.sent).toEqual([]);
    answer('{"type":"snapshot","protocol":1,"seq":6}');
    await accepted;
    expect(socket.sent).toEqual([
      '{"type":"snapshot","protocol":1,"seq":6}',
      '{"type":"question.myVote","questionId":"q1","voted":true}',
      event(7),
    ]);
    hub.publish('s1', { seq: 8, moderators: event(8), attendees: event(8), member: null });
    expect(socket.sent.at(-1)).toBe(event(8));
    hub.close();
  });
});
