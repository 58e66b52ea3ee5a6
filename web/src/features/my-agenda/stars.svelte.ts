// The signed-in member's starred sessions ("my agenda"), shared by every star button on screen: read
// once per member, changed optimistically (the star fills at once; a failure puts it back and says so).
import { ApiError, listStars, starSession, unstarSession } from '../../lib/api';
import { toasts } from '../../lib/toasts.svelte';
import { m } from '../../paraglide/messages.js';

export interface StarsApi {
  listStars: () => Promise<string[]>;
  starSession: (id: string) => Promise<void>;
  unstarSession: (id: string) => Promise<void>;
}

const realApi: StarsApi = { listStars: () => listStars(), starSession, unstarSession };

export class Stars {
  // Replaced, never mutated (stars change a few times a minute at most); each button's check is O(1).
  #ids = $state.raw<Readonly<Record<string, true>>>({});
  #api: StarsApi;
  /** Whose stars are held; a sign-out or another member's sign-in starts afresh. */
  #memberId: string | null = null;
  #loading: Promise<string[]> | null = null;
  /** Each session's writes in order, so that star-unstar-star never reaches the server shuffled. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping that nothing on screen reads
  #queues = new Map<string, Promise<void>>();

  constructor(api: StarsApi = realApi) {
    this.#api = api;
  }

  has(id: string): boolean {
    return Object.hasOwn(this.#ids, id);
  }

  /** The starred ids as loaded (then as changed on this page). */
  get ids(): string[] {
    return Object.keys(this.#ids);
  }

  /** Loads `memberId`'s stars unless they are loaded already; `force` asks again (after a failure). */
  load(memberId: string, force = false): Promise<string[]> {
    if (this.#memberId === memberId && this.#loading && !force) return this.#loading;
    this.#memberId = memberId;
    const loading = this.#api.listStars().then(
      (ids) => {
        if (this.#loading !== loading) return this.ids;
        this.#ids = Object.fromEntries(ids.map((id) => [id, true]));
        return ids;
      },
      (error: unknown) => {
        // Forget the failure, so that the next button or page asks again.
        if (this.#loading === loading) this.#loading = null;
        throw error;
      },
    );
    this.#loading = loading;
    return loading;
  }

  /** Signed out: nothing is starred any more as far as this page knows. */
  reset(): void {
    // Every button on screen calls this on sign-out: only the first has anything to forget.
    if (this.#memberId === null && this.#loading === null) return;
    this.#memberId = null;
    this.#loading = null;
    this.#ids = {};
  }

  #set(id: string, starred: boolean): void {
    const { [id]: _, ...others } = this.#ids;
    this.#ids = starred ? { ...others, [id]: true } : others;
  }

  /** Stars or unstars `id` at once on screen, then on the server; resolves once the server answered. */
  toggle(id: string, title: string): Promise<void> {
    const star = !this.has(id);
    this.#set(id, star);
    const previous = this.#queues.get(id) ?? Promise.resolve();
    const write = previous
      .then(() => (star ? this.#api.starSession(id) : this.#api.unstarSession(id)))
      .catch((error: unknown) => {
        // Put the star back as the server has it, unless a later click already changed it again.
        if (this.has(id) === star) this.#set(id, !star);
        const reason =
          error instanceof ApiError && error.isUnauthenticated
            ? m.agenda_star_reason_sign_in()
            : error instanceof ApiError
              ? (error.detail ?? error.title)
              : m.agenda_star_reason_retry();
        toasts.error(
          star ? m.agenda_star_add_failed({ title, reason }) : m.agenda_star_remove_failed({ title, reason }),
        );
      });
    this.#queues.set(id, write);
    void write.then(() => {
      if (this.#queues.get(id) === write) this.#queues.delete(id);
    });
    return write;
  }
}

export const stars = new Stars();
