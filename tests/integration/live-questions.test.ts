import { LIVE_LIMITS, LIVE_PROTOCOL_VERSION } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { first, tables } from '../helpers/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestApp } from '../helpers/app';
import { demoSession, type DemoSummitIds } from '../helpers/demo';
import type { Person } from '../helpers/live-client';
import { liveWorld } from '../helpers/live-world';

// Real WebSocket clients against a listening server on a real SQLite file (see tests/helpers/live-world.ts).

describe('live Q&A over a WebSocket: questions, votes and pre-moderation', () => {
  const world = liveWorld();
  let t: TestApp;
  let demo: DemoSummitIds;
  let organiser: Person;
  const { attendee, join } = world;
  beforeAll(() => {
    ({ t, demo, organiser } = world);
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
      const rows = await t.app.db.q
        .select()
        .from(tables.liveQuestions)
        .where(eq(tables.liveQuestions.sessionId, session));
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
      const starts = (await first(t.app.db.q.select().from(tables.sessions).where(eq(tables.sessions.id, session))))
        ?.startsAt;
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
});
