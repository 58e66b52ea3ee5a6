import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import {
  LIVE_LIMITS,
  LIVE_MODERATOR_MESSAGES,
  LiveClientMessages,
  LiveServerMessages,
  type LiveClientMessageType,
} from './live';

const client = (type: LiveClientMessageType) => Compile(LiveClientMessages[type]);

describe('the live protocol', () => {
  it('names each message by its own type, in both directions', () => {
    for (const map of [LiveClientMessages, LiveServerMessages]) {
      for (const [type, schema] of Object.entries(map)) {
        expect(schema.properties.type.const).toBe(type);
      }
    }
  });

  it('lists as moderators’ messages only messages that exist', () => {
    for (const type of LIVE_MODERATOR_MESSAGES) expect(LiveClientMessages).toHaveProperty(type);
  });

  it('takes questions of up to 500 characters, with a ref the client chooses', () => {
    const ask = client('question.ask');
    expect(ask.Check({ type: 'question.ask', text: 'x'.repeat(LIVE_LIMITS.questionChars), ref: 'r1' })).toBe(true);
    expect(ask.Check({ type: 'question.ask', text: 'x', anonymous: true, ref: 7 })).toBe(true);
    expect(ask.Check({ type: 'question.ask', text: 'x'.repeat(LIVE_LIMITS.questionChars + 1) })).toBe(false);
    expect(ask.Check({ type: 'question.ask', text: '' })).toBe(false);
  });

  it('refuses fields a message does not define', () => {
    expect(client('question.vote').Check({ type: 'question.vote', questionId: 'q1', weight: 10 })).toBe(false);
  });

  it('takes polls of 2 to 10 options and ballots of distinct option indexes', () => {
    const create = client('poll.create');
    const poll = (options: string[]) => ({ type: 'poll.create', question: 'Which?', kind: 'single', options });
    expect(create.Check(poll(['a', 'b']))).toBe(true);
    expect(create.Check(poll(['a']))).toBe(false);
    expect(create.Check(poll(Array.from({ length: 11 }, (_, i) => `option ${i}`)))).toBe(false);
    const vote = client('poll.vote');
    expect(vote.Check({ type: 'poll.vote', pollId: 'p1', choices: [0, 2] })).toBe(true);
    expect(vote.Check({ type: 'poll.vote', pollId: 'p1', choices: [1, 1] })).toBe(false);
    expect(vote.Check({ type: 'poll.vote', pollId: 'p1', choices: [] })).toBe(false);
  });
});
