import type { Member, Registration } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatInstant } from '../../lib/instant';
import { session } from '../../lib/session.svelte';
import { summit as makeSummit } from '../../testing/fixtures';
import NextSummitRegistration from './NextSummitRegistration.svelte';

// The London summit (9–10 March 2027), registration open since 10 January; "now" is 1 February.
const NOW = Date.parse('2027-02-01T12:00:00Z');
const SEOUL = 'Asia/Seoul';
const hybrid = makeSummit({
  id: 'spring-2027',
  format: 'hybrid',
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

function registration(overrides: Partial<Registration> = {}): Registration {
  return {
    id: 'r-1',
    summitId: hybrid.id,
    mode: 'in_person',
    status: 'confirmed',
    offerExpiresAt: null,
    dietaryNeeds: '',
    accessibilityNeeds: '',
    note: '',
    checkedInAt: null,
    createdAt: '2027-01-11T09:00:00.000Z',
    updatedAt: '2027-01-11T09:00:00.000Z',
    ...overrides,
  };
}

const answer = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

/** Lets the stubbed fetch answer and Svelte apply what it changed. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

describe('<NextSummitRegistration> on the home page’s next summit', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  function render(summit = hybrid, now = NOW) {
    component = mount(NextSummitRegistration, {
      target: document.body,
      props: { summit, now, viewerZone: SEOUL },
    });
    flushSync();
  }

  const state = () => document.querySelector<HTMLElement>('[data-testid="next-summit-registration"]');
  const text = () => state()?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const link = (name: string) =>
    [...document.querySelectorAll('a')].find((a) => a.textContent?.replace(/\s+/g, ' ').trim() === name);
  const status = () => document.querySelector('[data-testid="next-summit-status"]')?.textContent;

  function signInAndAnswer(status: number, body: unknown) {
    const fetch = vi.fn().mockResolvedValue(answer(status, body));
    vi.stubGlobal('fetch', fetch);
    session.setMember(member);
    return fetch;
  }

  it('asks a visitor to sign in, returning to the summit’s registration box, while registration is open', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    session.clear();
    render();
    expect(link('Sign in to register')?.getAttribute('href')).toBe(
      '/sign-in?next=%2Fsummits%2Fspring-2027%23registration-title',
    );
    expect(text()).toContain(`Open until ${formatInstant(hybrid.registration.closesAt, SEOUL)} your time`);
    // A visitor has no registration to read.
    expect(fetch).not.toHaveBeenCalled();
  });

  it('tells a visitor when registration opens, in their own zone, before it does', () => {
    session.clear();
    render(hybrid, Date.parse('2027-01-05T12:00:00Z'));
    expect(text()).toBe(`Registration opens ${formatInstant('2027-01-10T09:00:00.000Z', SEOUL)} your time`);
    // 09:00 in London is 18:00 in Seoul, written with Seoul's name.
    expect(text()).toMatch(/(18:00|6:00 PM) \(Seoul\)/);
    expect(link('Sign in to register')).toBeUndefined();
  });

  it('tells a visitor that registration is closed once it is', () => {
    session.clear();
    render(hybrid, Date.parse('2027-03-12T12:00:00Z'));
    expect(text()).toBe('Registration closed');
  });

  it('shows a placeholder while the member’s registration is on its way, then the way to register', async () => {
    let reply: (response: Response) => void = () => {};
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (reply = resolve)));
    vi.stubGlobal('fetch', fetch);
    session.setMember(member);
    render();
    expect(state()?.getAttribute('aria-busy')).toBe('true');
    expect(fetch).toHaveBeenCalledWith('/api/me/registrations?summitId=spring-2027', expect.anything());

    reply(answer(200, []));
    await settle();
    expect(state()?.getAttribute('aria-busy')).toBe('false');
    // One click to the summit page's registration box, where the member chooses how to attend.
    expect(link(`Register: ${hybrid.title}`)?.getAttribute('href')).toBe('/summits/spring-2027#registration-title');
    expect(link('My registrations')).toBeUndefined();
  });

  it('shows a confirmed member’s seat as a badge, with the way to all their registrations', async () => {
    signInAndAnswer(200, [registration({ checkInCode: 'K7M2Q9XW4P' })]);
    render();
    await settle();
    expect(status()).toBe('Confirmed — in person');
    expect(link('My registrations')?.getAttribute('href')).toBe('/me/registrations');
    expect(link(`Register: ${hybrid.title}`)).toBeUndefined();
  });

  it('says “online” for a member confirmed to attend online', async () => {
    signInAndAnswer(200, [registration({ mode: 'virtual' })]);
    render();
    await settle();
    expect(status()).toBe('Confirmed — online');
  });

  it('gives a waitlisted member their place in line', async () => {
    signInAndAnswer(200, [registration({ status: 'waitlisted', waitlistPosition: 4 })]);
    render();
    await settle();
    expect(status()).toBe('Waitlisted #4');
    expect(link('My registrations')).toBeDefined();
  });

  it('gives a member offered a seat the deadline in their zone and the way to accept it', async () => {
    const deadline = '2027-02-02T08:00:00.000Z';
    signInAndAnswer(200, [registration({ status: 'offered', offerExpiresAt: deadline })]);
    render();
    await settle();
    expect(status()).toBe('Seat offered');
    expect(text()).toContain(`Seat offered until ${formatInstant(deadline, SEOUL)} your time`);
    expect(link('Accept the seat')?.getAttribute('href')).toBe('/summits/spring-2027#registration-title');
  });

  it('says a registration awaits the organisers’ approval', async () => {
    signInAndAnswer(200, [registration({ status: 'pending' })]);
    render();
    await settle();
    expect(status()).toBe('Awaiting approval');
  });

  it('leaves a plain link to the summit when the registration cannot be read', async () => {
    signInAndAnswer(500, { type: 'about:blank', title: 'Internal Server Error', status: 500 });
    render();
    await settle();
    expect(link('Your registration, on the summit’s page')?.getAttribute('href')).toBe(
      '/summits/spring-2027#registration-title',
    );
  });
});
