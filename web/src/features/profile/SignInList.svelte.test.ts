import type { SignIn } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SignInList from './SignInList.svelte';

const signIn = (id: string, provider: SignIn['provider'], current = false): SignIn => ({
  id,
  device: id === 's-1' ? 'Firefox on Linux' : 'Safari on iPhone',
  createdAt: '2026-12-01T09:00:00.000Z',
  lastSeenAt: id === 's-1' ? '2026-12-06T09:00:00.000Z' : '2026-12-05T09:00:00.000Z',
  expiresAt: '2027-01-05T09:00:00.000Z',
  current,
  provider,
});

describe('<SignInList>', () => {
  let component: ReturnType<typeof mount> | undefined;
  const fetch = vi.fn<(path: string) => Promise<Response>>();

  beforeEach(() => vi.stubGlobal('fetch', fetch));

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockReset();
  });

  it('names the institution a sign-in was made through, and nothing for a mail link', async () => {
    const list = [signIn('s-1', { id: 'p-dfci', name: 'Dana-Farber Cancer Institute' }, true), signIn('s-2', null)];
    fetch.mockResolvedValue(
      new Response(JSON.stringify(list), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    component = mount(SignInList, { target: document.body });
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
    const names = [...document.querySelectorAll('.device-name')].map((name) => name.textContent ?? '');
    expect(names[0]).toContain('via Dana-Farber Cancer Institute');
    expect(names[1]).toContain('Safari on iPhone');
    expect(names[1]).not.toContain('via');
  });
});
