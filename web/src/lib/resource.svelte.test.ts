import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { keyedResource, Resource } from './resource.svelte';

/** A promise the test settles by hand, with the signal it was read with. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Resource', () => {
  it('is loading, then ready with the value, and keeps it shown while it reads again', async () => {
    const reads = [deferred<string>(), deferred<string>()];
    let n = 0;
    const resource = new Resource<string>(() => (reads[n++] as ReturnType<typeof deferred<string>>).promise);
    expect(resource.state.status).toBe('loading');
    reads[0]?.resolve('first');
    await settle();
    expect(resource.value).toBe('first');
    resource.reload();
    expect(resource.value).toBe('first');
    reads[1]?.resolve('second');
    await settle();
    expect(resource.value).toBe('second');
  });

  it('shows the loading state again for a fresh read, and an ApiError when a read fails', async () => {
    const resource = new Resource<string>(async () => 'ready');
    await settle();
    const failing = deferred<string>();
    const fresh = new Resource<string>(() => failing.promise);
    failing.reject(new Error('offline'));
    await settle();
    expect(fresh.state).toMatchObject({ status: 'error' });
    expect(fresh.state.status === 'error' && fresh.state.error).toBeInstanceOf(ApiError);
    resource.reload({ fresh: true });
    expect(resource.state.status).toBe('loading');
  });

  it('ignores the answer of a read dropped by abort() or replaced by set()', async () => {
    const read = deferred<string>();
    const resource = new Resource<string>(() => read.promise);
    resource.set('from a change the page made');
    read.resolve('stale');
    await settle();
    expect(resource.value).toBe('from a change the page made');
  });

  it('waits for the first reload when lazy', () => {
    let reads = 0;
    const resource = new Resource<number>(async () => ++reads, { lazy: true });
    expect(reads).toBe(0);
    resource.reload();
    expect(reads).toBe(1);
  });
});

describe('keyedResource', () => {
  it('reads for each key, afresh, never for a null key, and drops a read whose key changed', async () => {
    let key = $state<string | null>(null);
    const reads: { key: string; read: ReturnType<typeof deferred<string>>; signal: AbortSignal }[] = [];
    let resource!: Resource<string>;
    const stop = $effect.root(() => {
      resource = keyedResource(
        () => key,
        (k, signal) => {
          const read = deferred<string>();
          reads.push({ key: k, read, signal });
          return read.promise;
        },
      );
    });
    flushSync();
    expect(reads).toEqual([]);
    key = 'ada';
    flushSync();
    key = 'grace';
    flushSync();
    expect(reads.map((r) => r.key)).toEqual(['ada', 'grace']);
    expect(reads[0]?.signal.aborted).toBe(true);
    reads[0]?.read.resolve('Ada’s');
    reads[1]?.read.resolve('Grace’s');
    await settle();
    expect(resource.value).toBe('Grace’s');
    key = null;
    flushSync();
    expect(resource.state.status).toBe('loading');
    stop();
  });

  it('with keep, shows the previous key’s value while the next is read, and reads once per key', async () => {
    let key = $state('ada');
    const keys: string[] = [];
    let resource!: Resource<string>;
    const stop = $effect.root(() => {
      resource = keyedResource(
        () => key,
        async (k) => {
          keys.push(k);
          return `${k}’s`;
        },
        { keep: true },
      );
    });
    flushSync();
    await settle();
    flushSync();
    expect(resource.value).toBe('ada’s');
    key = 'grace';
    flushSync();
    expect(resource.value).toBe('ada’s');
    expect(resource.busy).toBe(true);
    await settle();
    flushSync();
    await settle();
    flushSync();
    expect(resource.value).toBe('grace’s');
    // The answer changes the resource's state, which is no key: nothing is read again.
    expect(keys).toEqual(['ada', 'grace']);
    stop();
  });
});
