import type { LiveClientMessageOf, LiveServerMessageOf } from '@apoc/shared';
import type { LiveHub } from './live.hub';
import type { LiveLedger } from './live.ledger';
import type { LiveRepository, PollRow } from './live.repository';
import type { LiveAccess } from './live.service';
import { mustModerate, pollEvent, refuse } from './live.views';

/** Polls in a live session: moderators create, open, close and reveal them; attendees vote once each. */
export class LivePolls {
  constructor(
    private readonly live: LiveRepository,
    private readonly ledger: LiveLedger,
    private readonly hub: LiveHub,
  ) {}

  async create(access: LiveAccess, request: LiveClientMessageOf<'poll.create'>): Promise<void> {
    mustModerate(access);
    const question = request.question.trim();
    const options = request.options.map((option) => option.trim());
    if (!question || options.some((option) => !option)) {
      throw refuse('invalid-message', 'A poll needs a question and options with some text.');
    }
    if (new Set(options.map((option) => option.toLowerCase())).size !== options.length) {
      throw refuse('invalid-message', 'The options of a poll must differ.');
    }
    await this.ledger.commit(access.sessionId, async (emit, now) => {
      const id = await this.live.insertPoll({
        sessionId: access.sessionId,
        question,
        kind: request.kind,
        options,
        status: 'draft',
        results: options.map(() => 0),
        createdBy: access.memberId,
        createdAt: now,
      });
      await emit(pollEvent(await this.poll(access, id)));
    });
  }

  async change(
    access: LiveAccess,
    request: LiveClientMessageOf<'poll.open'> | LiveClientMessageOf<'poll.close'> | LiveClientMessageOf<'poll.reveal'>,
  ): Promise<void> {
    mustModerate(access);
    await this.ledger.commit(access.sessionId, async (emit, now) => {
      const poll = await this.poll(access, request.pollId);
      switch (request.type) {
        case 'poll.open':
          if (poll.status === 'open') throw refuse('conflict', 'This poll is already open.');
          await this.live.updatePoll(poll.id, { status: 'open', openedAt: poll.openedAt ?? now, closedAt: null });
          break;
        case 'poll.close':
          if (poll.status !== 'open') throw refuse('conflict', 'This poll is not open.');
          await this.live.updatePoll(poll.id, { status: 'closed', closedAt: now });
          break;
        case 'poll.reveal':
          if (poll.resultsVisible === request.visible) return;
          await this.live.updatePoll(poll.id, { resultsVisible: request.visible });
          break;
      }
      await emit(pollEvent(await this.poll(access, poll.id)));
    });
  }

  async vote(access: LiveAccess, pollId: string, choices: number[]): Promise<void> {
    await this.ledger.commit(access.sessionId, async (_emit, now) => {
      const poll = await this.poll(access, pollId);
      if (poll.status !== 'open') throw refuse('conflict', 'This poll is not open.');
      if (poll.kind === 'single' && choices.length !== 1) {
        throw refuse('invalid-message', 'Choose exactly one option in this poll.');
      }
      if (choices.some((choice) => choice >= poll.options.length)) {
        throw refuse('invalid-message', `This poll has ${poll.options.length} options, numbered from 0.`);
      }
      if (!(await this.live.addBallot(poll, access.memberId, choices, now))) {
        throw refuse('conflict', 'You already voted in this poll.');
      }
    });
    const mine: LiveServerMessageOf<'poll.myVote'> = { type: 'poll.myVote', pollId, choices };
    this.hub.toMember(access.sessionId, access.memberId, JSON.stringify(mine));
    this.ledger.announceCounts(access.sessionId);
  }

  private async poll(access: LiveAccess, id: string): Promise<PollRow> {
    const row = await this.live.poll(id);
    if (!row || row.sessionId !== access.sessionId || (row.status === 'draft' && !access.moderator)) {
      throw refuse('not-found', `This session has no poll with the id "${id}".`);
    }
    return row;
  }
}
