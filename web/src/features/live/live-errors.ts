// A refused or failed live request in words, for attendees and moderators alike: one wording per refusal,
// so that the same rate limit never reads two ways on two screens.
import { LiveRequestError } from '../../lib/live.svelte';
import { m } from '../../paraglide/messages.js';

/** Refusals said better than the server's generic words; the others are the server's own message. */
const FAILURES: Partial<Record<LiveRequestError['code'], () => string>> = {
  'qa-closed': () => m.live_error_qa_closed(),
  muted: () => m.live_muted_you(),
  'too-large': () => m.live_error_too_large(),
};

/** A refused or failed request in words for the person who made it; `asking` when it was a new question. */
export function failureText(error: unknown, asking = false): string {
  if (!(error instanceof LiveRequestError)) return m.live_error_generic();
  if (error.code === 'rate-limited') {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
    return asking ? m.live_error_rate_limited_asking({ seconds }) : m.live_error_rate_limited({ seconds });
  }
  return FAILURES[error.code]?.() ?? error.message;
}
