import type { Member } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../lib/session.svelte';
import { summit as makeSummit } from '../../testing/fixtures';
import SummitHero from './SummitHero.svelte';

const NOW = Date.parse('2027-02-01T12:00:00Z');
const next = makeSummit({
  id: 'spring-2027',
  registration: { opensAt: '2027-01-10T09:00:00.000Z', closesAt: '2027-03-11T00:00:00.000Z', requiresApproval: false },
});

const member = {
  id: 'm-vhio-puig',
  email: 'laia.puig@demo.apoc.test',
  name: 'Laia Puig',
  role: 'member',
  institutionId: 'vhio',
  timeZone: null,
  effectiveTimeZone: 'Europe/Madrid',
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
} as Member;

describe('<SummitHero>', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('shows the next summit at once, and its registration state once the member’s registration is read', async () => {
    let reply: (response: Response) => void = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((resolve) => (reply = resolve))),
    );
    session.setMember(member);
    component = mount(SummitHero, {
      target: document.body,
      props: { summit: next, now: NOW, viewerZone: 'Asia/Seoul' },
    });
    flushSync();

    expect(document.querySelector('#hero-title')?.textContent?.trim()).toBe(next.title);
    // 21:00 on 1 February in Seoul to 09:00 on 9 March: 35½ days, 36 dates on.
    expect(document.body.textContent).toContain('Starts in 36 days');
    const agenda = [...document.querySelectorAll('a')].find((a) => a.textContent?.startsWith('See the agenda'));
    expect(agenda?.getAttribute('href')).toBe('/summits/spring-2027');

    await vi.waitFor(() => {
      expect(document.querySelector('[data-testid="next-summit-registration"]')?.getAttribute('aria-busy')).toBe(
        'true',
      );
    });
    // Not registered yet: the member's registrations for this summit are an empty list.
    reply(new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } }));
    await vi.waitFor(() => {
      flushSync();
      const register = [...document.querySelectorAll('a')].find((a) => a.textContent?.startsWith('Register'));
      expect(register?.getAttribute('href')).toBe('/summits/spring-2027#registration-title');
    });
  });
});
