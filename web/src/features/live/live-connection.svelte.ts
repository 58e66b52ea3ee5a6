// The one live connection of a live page (the attendee's panel, the moderator console, the projector): made
// for the session, opened while the component is mounted and closed when it goes.
import { untrack } from 'svelte';
import { LiveClient } from '../../lib/live.svelte';

/**
 * The page's live client, open for the calling component's life; call it while the component initialises.
 * A test passes its own `client`, which is opened and closed the same way. The session is read once: the live
 * pages are keyed by session, so it never changes under them.
 */
export function liveConnection(props: () => { sessionId: string; client?: LiveClient | undefined }): LiveClient {
  const { sessionId, client: given } = untrack(props);
  const client = given ?? new LiveClient({ sessionId });
  $effect(() => {
    client.start();
    return () => client.close();
  });
  return client;
}
