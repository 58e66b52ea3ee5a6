// A refused or failed live request in words, for attendees and moderators alike: one wording per refusal,
// so that the same rate limit never reads two ways on two screens.
import { LiveRequestError } from '../../lib/live.svelte';

/** Refusals said better than the server's generic words; the others are the server's own message. */
const FAILURES: Partial<Record<LiveRequestError['code'], string>> = {
  'qa-closed': 'The moderators closed Q&A for now.',
  muted: 'A moderator muted you in this session.',
  'too-large': 'That is too long to send.',
};

/** A refused or failed request in words for the person who made it; `asking` when it was a new question. */
export function failureText(error: unknown, asking = false): string {
  if (!(error instanceof LiveRequestError)) return 'Something went wrong; try again.';
  if (error.code === 'rate-limited') {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
    return asking
      ? `You asked a moment ago: you can ask again in ${seconds} s.`
      : `That was a lot at once: try again in ${seconds} s.`;
  }
  return FAILURES[error.code] ?? error.message;
}
