import { beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { demoSession, type DemoSummitIds } from '../helpers/demo';
import type { Person } from '../helpers/live-client';
import { liveWorld } from '../helpers/live-world';

// Real WebSocket clients against a listening server on a real SQLite file (see tests/helpers/live-world.ts).

describe('live Q&A over a WebSocket: moderation and exports', () => {
  const world = liveWorld();
  let t: TestApp;
  let demo: DemoSummitIds;
  let organiser: Person;
  const { attendee, join } = world;
  beforeAll(() => {
    ({ t, demo, organiser } = world);
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
