import { LIVE_LIMITS } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { tables } from '../helpers/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestApp } from '../helpers/app';
import { demoSession, type DemoSummitIds } from '../helpers/demo';
import type { Person } from '../helpers/live-client';
import { liveWorld } from '../helpers/live-world';
import { eventually } from '../helpers/smtp';

// Real WebSocket clients against a listening server on a real SQLite file (see tests/helpers/live-world.ts).

describe('live Q&A over a WebSocket: presence and reconnecting', () => {
  const world = liveWorld();
  let t: TestApp;
  let demo: DemoSummitIds;
  let organiser: Person;
  const { clients, attendee, connect, join } = world;
  beforeAll(() => {
    ({ t, demo, organiser } = world);
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
      const presence = async () =>
        await t.app.db.q.select().from(tables.livePresence).where(eq(tables.livePresence.sessionId, session));
      const rows = await eventually(async () => {
        const all = await presence();
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
        await t.app.live.service.handle(access, { type: 'qa.settings', premoderation: i % 2 === 0 });
      }
      const kept = await t.app.db.q.select().from(tables.liveEvents).where(eq(tables.liveEvents.sessionId, session));
      expect(kept.length).toBeLessThanOrEqual(LIVE_LIMITS.keptEvents + 100);
      const latest = Math.max(...kept.map((event) => event.seq));

      const stale = await connect(session, attendee(1), { lastSeq: 1 });
      expect((await stale.take('snapshot')).seq).toBe(latest);
      const unknown = await connect(session, attendee(1), { lastSeq: latest + 10 });
      expect((await unknown.take('snapshot')).seq).toBe(latest);
      const recent = await connect(session, attendee(1), { lastSeq: latest - 5 });
      expect(await recent.take('resumed')).toMatchObject({ seq: latest, replayed: 5 });
      // 1,200 changes one after another, each its own transaction: 3–6 s on PostgreSQL, more on a busy machine.
    }, 60_000);
  });
});
