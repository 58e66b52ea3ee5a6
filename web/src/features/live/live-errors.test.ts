import { describe, expect, it } from 'vitest';
import { LiveRequestError } from '../../lib/live.svelte';
import { failureText } from './live-errors';

describe('failureText', () => {
  it('tells an asker how long to wait, in whole seconds', () => {
    const error = new LiveRequestError('rate-limited', 'Too many questions: try again shortly.', 4100);
    expect(failureText(error, true)).toBe('You asked a moment ago: you can ask again in 5 s.');
    expect(failureText(error)).toBe('That was a lot at once: try again in 5 s.');
  });

  it('uses the server’s words for refusals it explains itself', () => {
    expect(failureText(new LiveRequestError('conflict', 'This question was already answered.'))).toBe(
      'This question was already answered.',
    );
    expect(failureText(new LiveRequestError('qa-closed', 'Q&A is closed for this session.'))).toBe(
      'The moderators closed Q&A for now.',
    );
    expect(failureText(new Error('boom'))).toBe('Something went wrong; try again.');
  });
});
