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

  const shown = async (list: SignIn[]) => {
    fetch.mockResolvedValue(
      new Response(JSON.stringify(list), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    component = mount(SignInList, { target: document.body });
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };

  it('names the institution a sign-in was made through, and nothing for a mail link', async () => {
    await shown([signIn('s-1', { id: 'p-dfci', name: 'Dana-Farber Cancer Institute' }, true), signIn('s-2', null)]);
    const names = [...document.querySelectorAll('.device-name')].map((name) => name.textContent ?? '');
    expect(names[0]).toContain('via Dana-Farber Cancer Institute');
    expect(names[1]).toContain('Safari on iPhone');
    expect(names[1]).not.toContain('via');
  });

  it('shows "Sign out" on each sign-in, and says which one to assistive technology', async () => {
    await shown([signIn('s-1', null, true), signIn('s-2', null)]);
    // One per sign-in, beside the buttons that end all the others at once.
    const buttons = [...document.querySelectorAll('li button')];
    const visible = (button: Element) =>
      [...button.childNodes]
        .filter((node) => !(node instanceof HTMLElement && node.classList.contains('visually-hidden')))
        .map((node) => node.textContent)
        .join('')
        .trim();
    expect(buttons.map(visible)).toEqual(['Sign out', 'Sign out']);
    expect(buttons.map((button) => button.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Sign out this browser',
      'Sign out Safari on iPhone',
    ]);
  });
});
