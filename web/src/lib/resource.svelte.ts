// One asynchronous read and the three states a page shows for it: loading, ready, failed.
import { ApiError } from './api';

export type ResourceState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ApiError };

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    type: 'about:blank',
    title: 'Something went wrong',
    status: 0,
    detail: error instanceof Error ? error.message : undefined,
  });
}

export class Resource<T> {
  // Raw: an agenda of 300 sessions is read-only data, and deep proxies would only slow it down.
  state = $state.raw<ResourceState<T>>({ status: 'loading' });
  #load: (signal: AbortSignal) => Promise<T>;
  #controller: AbortController | null = null;

  constructor(load: (signal: AbortSignal) => Promise<T>) {
    this.#load = load;
    this.reload();
  }

  get value(): T | undefined {
    return this.state.status === 'ready' ? this.state.value : undefined;
  }

  reload(): void {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    // Keep showing what we have while refreshing; only a first load shows the loading state.
    if (this.state.status !== 'ready') this.state = { status: 'loading' };
    this.#load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        this.state = { status: 'ready', value };
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.state = { status: 'error', error: asApiError(error) };
      },
    );
  }

  /** Drops the answer of a read still in flight (the page was left). */
  abort(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
