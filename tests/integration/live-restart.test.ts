import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { first, tables } from '../helpers/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signedInMembers } from '../helpers/auth';
import { demoSession, demoSummitIds } from '../helpers/demo';
import { LiveTestClient, type Person } from '../helpers/live-client';

// A live session outlives its server: what was acknowledged is there after a restart or a crash.

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
    const { nextVirtual } = await demoSummitIds(before.app.db);
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
    const { nextVirtual } = await demoSummitIds(t.app.db);
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
      await t.app.live.service.handle(organiser, { type: 'question.ask', text: 'Counted before the crash?' });
      const question = (await first(
        t.app.db.q.select().from(tables.liveQuestions).where(eq(tables.liveQuestions.sessionId, session)),
      )) as typeof tables.liveQuestions.$inferSelect;
      // A vote committed by a transaction whose coalesced count never went out.
      await t.app.db.unit(async () => {
        await t.app.db.unit(async () =>
          t.app.db.q
            .insert(tables.liveQuestionVotes)
            .values({ questionId: question.id, memberId: 'm-asan-han', sessionId: session, createdAt: new Date() }),
        );
        await t.app.db.unit(async () =>
          t.app.db.q.update(tables.liveQuestions).set({ votes: 1 }).where(eq(tables.liveQuestions.id, question.id)),
        );
      });
      await t.close();

      t = await buildTestApp({ seed: 'demo', dir });
      const events = await t.app.db.q.select().from(tables.liveEvents).where(eq(tables.liveEvents.sessionId, session));
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
