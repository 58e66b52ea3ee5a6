import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { toasts } from '../../lib/toasts.svelte';
import { Stars, type StarsApi } from './stars.svelte';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Stars', () => {
  afterEach(() => {
    for (const toast of toasts.items) toasts.dismiss(toast.id);
  });

  it('loads a member’s stars once and shares the answer', async () => {
    let calls = 0;
    const stars = new Stars({
      listStars: () => {
        calls += 1;
        return Promise.resolve(['a', 'b']);
      },
      starSession: () => Promise.resolve(),
      unstarSession: () => Promise.resolve(),
    });
    await Promise.all([stars.load('m1'), stars.load('m1')]);
    expect(calls).toBe(1);
    expect(stars.has('a')).toBe(true);
    expect(stars.ids).toEqual(['a', 'b']);
    stars.reset();
    expect(stars.has('a')).toBe(false);
  });

  it('fills the star at once and keeps it when the server agrees', async () => {
    const write = deferred();
    const api: StarsApi = {
      listStars: () => Promise.resolve([]),
      starSession: () => write.promise,
      unstarSession: () => Promise.resolve(),
    };
    const stars = new Stars(api);
    const done = stars.toggle('s1', 'Opening keynote');
    expect(stars.has('s1')).toBe(true);
    write.resolve();
    await done;
    expect(stars.has('s1')).toBe(true);
    expect(toasts.items).toHaveLength(0);
  });

  it('puts the star back and says why when the server refuses', async () => {
    const stars = new Stars({
      listStars: () => Promise.resolve(['s1']),
      starSession: () => Promise.resolve(),
      unstarSession: () =>
        Promise.reject(new ApiError({ type: 'about:blank', title: 'Server error', status: 500, detail: 'Try later.' })),
    });
    await stars.load('m1');
    await stars.toggle('s1', 'Opening keynote');
    flushSync();
    expect(stars.has('s1')).toBe(true);
    expect(toasts.items.at(-1)?.tone).toBe('error');
    expect(toasts.items.at(-1)?.message).toContain(
      '“Opening keynote” could not be removed from your agenda: Try later.',
    );
  });

  it('sends a quick star-unstar in order, ending unstarred', async () => {
    const calls: string[] = [];
    const first = deferred();
    const stars = new Stars({
      listStars: () => Promise.resolve([]),
      starSession: (id) => {
        calls.push(`star ${id}`);
        return first.promise;
      },
      unstarSession: (id) => {
        calls.push(`unstar ${id}`);
        return Promise.resolve();
      },
    });
    void stars.toggle('s1', 'A');
    const second = stars.toggle('s1', 'A');
    expect(stars.has('s1')).toBe(false);
    await Promise.resolve();
    // The unstar waits for the star's answer.
    expect(calls).toEqual(['star s1']);
    first.resolve();
    await second;
    expect(calls).toEqual(['star s1', 'unstar s1']);
    expect(stars.has('s1')).toBe(false);
  });
});
