import type { SsoProvider } from '@apoc/shared';
import { SSO_FAILURES } from '@apoc/shared/domain';
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { jsonResponse, settle } from '../../testing/http';
import SignInProblemPage from './SignInProblemPage.svelte';

const dfci: SsoProvider = { id: 'p-dfci', name: 'Dana-Farber Cancer Institute', institutionId: 'dfci', mailLink: true };
const asan: SsoProvider = { id: 'p-asan', name: 'Asan Medical Center', institutionId: 'asan', mailLink: false };

describe('<SignInProblemPage>', () => {
  let component: ReturnType<typeof mount> | undefined;
  const fetch = vi.fn<(path: string) => Promise<Response>>();

  beforeEach(() => {
    router.path = '/sign-in/problem';
    fetch.mockImplementation(() => Promise.resolve(jsonResponse([dfci, asan])));
    vi.stubGlobal('fetch', fetch);
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockReset();
  });

  async function render(search: string): Promise<void> {
    if (component) void unmount(component);
    document.body.innerHTML = '';
    router.search = search;
    component = mount(SignInProblemPage, { target: document.body });
    await settle();
  }

  const reason = () => document.querySelector('[data-testid="sign-in-problem-reason"]')?.textContent?.trim();
  const link = (name: string) =>
    [...document.querySelectorAll<HTMLAnchorElement>('a')].find((candidate) => candidate.textContent?.trim() === name);

  it.each([
    ['denied', 'The sign-in at Dana-Farber Cancer Institute was cancelled before it finished'],
    ['expired', 'took too long and expired. Try again.'],
    ['misconfigured', 'is not set up correctly, so nobody can sign in with it for now. Tell the network’s admins.'],
    ['email-unverified', 'According to Dana-Farber Cancer Institute, your e-mail address is not verified yet.'],
    ['domain-not-owned', 'gave an address outside the institution’s own domains'],
    ['not-a-member', 'you are not a member of the network here yet. Ask the network’s admins to add you.'],
    ['deactivated', 'Your membership of the network has been deactivated.'],
    ['provider-unreachable', 'could not be reached or reported an error. Try again in a few minutes.'],
  ])('says what happened when the reason is %s', async (slug, text) => {
    await render(`?reason=${slug}&provider=p-dfci`);
    expect(reason()).toContain(text);
  });

  it('has a sentence for every reason the server sends', async () => {
    const general = 'Signing in with Dana-Farber Cancer Institute did not work. Try again, or sign in another way.';
    for (const slug of SSO_FAILURES) {
      await render(`?reason=${slug}&provider=p-dfci`);
      if (slug === 'internal') expect(reason()).toBe(general);
      else expect(reason(), slug).not.toBe(general);
    }
  });

  it('says something general for a reason it does not know', async () => {
    await render('?reason=gremlins&provider=p-dfci');
    expect(reason()).toBe(
      'Signing in with Dana-Farber Cancer Institute did not work. Try again, or sign in another way.',
    );
  });

  it('offers to try again with the provider, and the mail link where the institution allows it', async () => {
    await render('?reason=expired&provider=p-dfci');
    expect(link('Try again')?.getAttribute('href')).toBe('/api/auth/sso/p-dfci/start');
    expect(link('Sign in with an e-mail link instead')?.getAttribute('href')).toBe('/sign-in?link=1');
  });

  it('does not offer the mail link where the institution does not allow it', async () => {
    await render('?reason=denied&provider=p-asan');
    expect(link('Try again')?.getAttribute('href')).toBe('/api/auth/sso/p-asan/start');
    expect(link('Sign in with an e-mail link instead')).toBeUndefined();
  });

  it('names no institution and offers no retry for a provider it does not know', async () => {
    await render('?reason=expired&provider=p-gone');
    expect(reason()).toBe('The sign-in at your institution took too long and expired. Try again.');
    expect(link('Try again')).toBeUndefined();
    expect(link('Sign in with an e-mail link instead')).toBeDefined();
  });
});
