// One asynchronous read and the three states a page shows for it: loading, ready, failed.
import { untrack } from 'svelte';
import { m } from '../paraglide/messages.js';
import { ApiError } from './api';

export type ResourceState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ApiError };

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    type: 'about:blank',
    title: m.common_something_went_wrong(),
    status: 0,
    detail: error instanceof Error ? error.message : undefined,
  });
}

export class Resource<T> {
  // Raw: an agenda of 300 sessions is read-only data, and deep proxies would only slow it down.
  state = $state.raw<ResourceState<T>>({ status: 'loading' });
  /** Whether a read is in flight (a refresh shows the previous value meanwhile). */
  busy = $state(false);
  #load: (signal: AbortSignal) => Promise<T>;
  #controller: AbortController | null = null;

  /** `lazy`: wait for the first reload() instead of reading at once (see keyedResource). */
  constructor(load: (signal: AbortSignal) => Promise<T>, options: { lazy?: boolean } = {}) {
    this.#load = load;
    if (!options.lazy) this.reload();
  }

  get value(): T | undefined {
    return this.state.status === 'ready' ? this.state.value : undefined;
  }

  /**
   * Reads again. What is shown stays while refreshing, unless `fresh` (the read is about something else now,
   * such as another member's registration): then, as on a first read, the loading state.
   *
   * Untracked: called from an effect (keyedResource's, or a page's), reading this resource's own state would make
   * the effect run again when the answer arrives, and so read again, forever.
   */
  reload(options: { fresh?: boolean } = {}): void {
    untrack(() => {
      this.#controller?.abort();
      const controller = new AbortController();
      this.#controller = controller;
      if (options.fresh || this.state.status !== 'ready') this.state = { status: 'loading' };
      this.busy = true;
      this.#load(controller.signal).then(
        (value) => {
          if (controller.signal.aborted) return;
          this.state = { status: 'ready', value };
          this.busy = false;
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          this.state = { status: 'error', error: asApiError(error) };
          this.busy = false;
        },
      );
    });
  }

  /** Shows a value the page already has (the answer of a change it made), dropping any read in flight. */
  set(value: T): void {
    this.abort();
    this.state = { status: 'ready', value };
  }

  /** Drops the answer of a read still in flight (the page was left). */
  abort(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.busy = false;
  }
}

/**
 * A read that follows a reactive key: read when the component starts and again whenever `key()` changes,
 * showing the loading state meanwhile (unless `keep`); nothing is read while the key is null (the resource stays loading).
 * Reads in flight are dropped when the key changes or the component goes. Call it while the component
 * initialises, as it registers an effect.
 */
export function keyedResource<K, T>(
  key: () => K | null,
  load: (key: K, signal: AbortSignal) => Promise<T>,
  /** `keep`: go on showing the previous key's value while the new one is read (search results as one types). */
  options: { keep?: boolean } = {},
): Resource<T> {
  let current: K | null = null;
  const resource = new Resource<T>((signal) => load(current as K, signal), { lazy: true });
  $effect(() => {
    current = key();
    if (current === null) {
      resource.abort();
      resource.state = { status: 'loading' };
      return;
    }
    resource.reload({ fresh: !options.keep });
    return () => resource.abort();
  });
  return resource;
}

/** Waits `ms`, or rejects as soon as `signal` aborts: debounces a read that follows typing. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
