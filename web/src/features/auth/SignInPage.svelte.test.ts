import type { SsoDiscovery, SsoProvider } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { session } from '../../lib/session.svelte';
import { jsonResponse, settle } from '../../testing/http';
import SignInPage from './SignInPage.svelte';

const { leaveFor } = vi.hoisted(() => ({ leaveFor: vi.fn<(url: string) => void>() }));
vi.mock('./leave', () => ({ leaveFor }));

const dfci: SsoProvider = { id: 'p-dfci', name: 'Dana-Farber Cancer Institute', institutionId: 'dfci', mailLink: true };
const asan: SsoProvider = { id: 'p-asan', name: 'Asan Medical Center', institutionId: 'asan', mailLink: false };

describe('<SignInPage> with institutions’ providers', () => {
  let component: ReturnType<typeof mount> | undefined;
  const fetch = vi.fn<(path: string, init?: RequestInit) => Promise<Response>>();
  let providers: SsoProvider[] = [];
  let discovery: SsoDiscovery = { provider: null, mailLink: true };

  beforeEach(() => {
    // Set directly: jsdom cannot scroll as navigate() does.
    router.path = '/sign-in';
    router.search = '?next=%2Fme';
    session.clear();
    providers = [];
    discovery = { provider: null, mailLink: true };
    fetch.mockImplementation((path) => {
      if (path === '/api/auth/sso/providers') return Promise.resolve(jsonResponse(providers));
      if (path === '/api/auth/sso/discover') return Promise.resolve(jsonResponse(discovery));
      if (path === '/api/auth/login') return Promise.resolve(jsonResponse({ message: 'sent' }, 202));
      return Promise.resolve(jsonResponse({ title: 'Not Found', status: 404 }, 404));
    });
    vi.stubGlobal('fetch', fetch);
    vi.spyOn(window, 'stop').mockImplementation(() => undefined);
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    fetch.mockReset();
    leaveFor.mockReset();
  });

  async function render(): Promise<void> {
    component = mount(SignInPage, { target: document.body });
    await settle();
  }

  async function continueWith(address: string): Promise<void> {
    const input = document.querySelector<HTMLInputElement>('#sign-in-email');
    if (!input) throw new Error('no e-mail field');
    input.value = address;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    document.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();
    await settle();
  }

  const called = (path: string) => fetch.mock.calls.some(([called]) => called === path);
  const button = (name: string) =>
    [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);

  it('looks as before when no institution has a provider', async () => {
    await render();
    expect(document.querySelector('[data-testid="sign-in-institutions"]')).toBeNull();
    expect(document.body.textContent).not.toContain('Or sign in with your institution');
    expect(button('Send me a sign-in link')).toBeDefined();
  });

  it('offers one button per provider, returning to where the person was going', async () => {
    providers = [dfci, asan];
    await render();
    const links = [...document.querySelectorAll<HTMLAnchorElement>('[data-testid="sign-in-institutions"] a')];
    expect(document.body.textContent).toContain('Or sign in with your institution');
    expect(links.map((link) => link.textContent?.trim())).toEqual([
      'Sign in with Dana-Farber Cancer Institute',
      'Sign in with Asan Medical Center',
    ]);
    expect(links[1]?.getAttribute('href')).toBe('/api/auth/sso/p-asan/start?returnTo=%2Fme');
    // The address may lead to a provider rather than to a mailed link: the page says so, and its button too.
    expect(document.querySelector('.lead')?.textContent).toContain('If your institution signs you in with its own');
    expect(button('Continue')).toBeDefined();
    expect(button('Send me a sign-in link')).toBeUndefined();
  });

  it('sends an address of an institution with a provider to that provider, without a mail link', async () => {
    discovery = { provider: dfci, mailLink: true };
    await render();
    await continueWith(' ana@dfci.harvard.edu ');
    expect(called('/api/auth/sso/discover')).toBe(true);
    expect(called('/api/auth/login')).toBe(false);
    expect(leaveFor).toHaveBeenCalledWith('/api/auth/sso/p-dfci/start?email=ana%40dfci.harvard.edu&returnTo=%2Fme');
    expect(document.querySelector('[data-testid="sign-in-provider"]')?.textContent).toBe(
      'Dana-Farber Cancer Institute signs you in with its own account.',
    );
  });

  it('offers the mail link instead only where the institution allows it', async () => {
    discovery = { provider: dfci, mailLink: true };
    await render();
    await continueWith('ana@dfci.harvard.edu');
    expect(button('Send me a link instead')).toBeDefined();

    if (component) void unmount(component);
    document.body.innerHTML = '';
    discovery = { provider: asan, mailLink: false };
    await render();
    await continueWith('minjun@amc.seoul.kr');
    expect(leaveFor).toHaveBeenLastCalledWith('/api/auth/sso/p-asan/start?email=minjun%40amc.seoul.kr&returnTo=%2Fme');
    expect(button('Send me a link instead')).toBeUndefined();
  });

  it('sends the mail link after all when asked to', async () => {
    discovery = { provider: dfci, mailLink: true };
    await render();
    await continueWith('ana@dfci.harvard.edu');
    button('Send me a link instead')?.click();
    await settle();
    await settle();
    expect(called('/api/auth/login')).toBe(true);
    expect(document.querySelector('[data-testid="sign-in-sent"]')?.textContent).toContain('ana@dfci.harvard.edu');
  });

  it('sends the mail link as before when no provider handles the address', async () => {
    providers = [dfci];
    await render();
    await continueWith('guest@example.org');
    expect(called('/api/auth/sso/discover')).toBe(true);
    expect(leaveFor).not.toHaveBeenCalled();
    const login = fetch.mock.calls.find(([path]) => path === '/api/auth/login');
    expect(JSON.parse(String(login?.[1]?.body))).toEqual({ email: 'guest@example.org', next: '/me' });
    expect(document.querySelector('[data-testid="sign-in-sent"]')).not.toBeNull();
  });

  it('sends the mail link when discovery fails', async () => {
    fetch.mockImplementation((path) =>
      Promise.resolve(
        path === '/api/auth/login'
          ? jsonResponse({ message: 'sent' }, 202)
          : jsonResponse({ title: 'Gone', status: 500 }, 500),
      ),
    );
    await render();
    await continueWith('ana@dfci.harvard.edu');
    expect(leaveFor).not.toHaveBeenCalled();
    expect(document.querySelector('[data-testid="sign-in-sent"]')).not.toBeNull();
  });

  it('skips the provider when the e-mail link was chosen (?link=1)', async () => {
    router.search = '?link=1';
    discovery = { provider: dfci, mailLink: true };
    await render();
    await continueWith('ana@dfci.harvard.edu');
    expect(called('/api/auth/sso/discover')).toBe(false);
    expect(called('/api/auth/login')).toBe(true);
  });
});
