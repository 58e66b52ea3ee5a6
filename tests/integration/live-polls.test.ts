import { beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSummitIds } from '../helpers/demo';
import type { Person } from '../helpers/live-client';
import { liveWorld } from '../helpers/live-world';

// Real WebSocket clients against a listening server on a real SQLite file (see tests/helpers/live-world.ts).

describe('live Q&A over a WebSocket: polls', () => {
  const world = liveWorld();
  let demo: DemoSummitIds;
  let organiser: Person;
  const { attendee, join } = world;
  beforeAll(() => {
    ({ demo, organiser } = world);
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
});
