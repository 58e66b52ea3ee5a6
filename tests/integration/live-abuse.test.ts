import { LIVE_CLOSE, LIVE_LIMITS } from '@apoc/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type TestApp } from '../helpers/app';
import { demoSession, type DemoSummitIds } from '../helpers/demo';
import { liveWorld } from '../helpers/live-world';

// Real WebSocket clients against a listening server on a real SQLite file (see tests/helpers/live-world.ts).

describe('live Q&A over a WebSocket: bad input and abuse', () => {
  const world = liveWorld();
  let t: TestApp;
  let demo: DemoSummitIds;
  const { attendee, connect, join } = world;
  beforeAll(() => {
    ({ t, demo } = world);
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
      // Sent at once, as a script would: one after another, a loaded machine's round trips can outlast the second.
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          client.request({ type: i % 2 === 0 ? 'question.vote' : 'question.unvote', questionId }),
        ),
      );
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
});
