// How component tests stand in for the server: an answer as fetch gives it, and a wait until the page has read its
// answers and drawn them.
import { flushSync } from 'svelte';

/** `body` as JSON, as the API answers it: a problem (application/problem+json) from 400 on. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

/** Lets the answers' promises settle (a few microtasks, then a task) and draws what they changed. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}
