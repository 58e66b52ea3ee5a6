import type { Member, Registration } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatInstant } from '../../lib/instant';
import { session } from '../../lib/session.svelte';
import { summit as makeSummit } from '../../testing/fixtures';
import RegistrationBox from './RegistrationBox.svelte';

// Registration for the London summit (9–10 March 2027) opened on 10 January; "now" is 1 February.
const NOW = new Date('2027-02-01T12:00:00Z');
const hybrid = makeSummit({
  format: 'hybrid',
  seats: { inPerson: 100, virtual: null },
  registration: { opensAt: '2027-01-10T09:00:00.000Z', closesAt: '2027-03-11T00:00:00.000Z', requiresApproval: false },
});

const member = {
  id: 'm-vhio-ferrer',
  email: 'jordi.ferrer@demo.apoc.test',
  name: 'Jordi Ferrer',
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
    checkInCode: 'K7M2Q9XW4P',
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

describe('<RegistrationBox>', () => {
  let component: ReturnType<typeof mount> | undefined;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function render(viewerZone = 'Asia/Seoul') {
    component = mount(RegistrationBox, { target: document.body, props: { summit: hybrid, viewerZone } });
    flushSync();
  }

  const box = () => document.querySelector<HTMLElement>('[data-testid="registration-box"]');
  const text = () => box()?.textContent?.replace(/\s+/g, ' ') ?? '';

  it('tells a visitor that registration is open, until when in both zones, and to sign in', () => {
    session.clear();
    render();
    expect(document.querySelector('[data-testid="registration-state"]')?.textContent).toBe('Open');
    // The default closing time: the end of the summit's last day, 00:00 in London, 09:00 in Seoul.
    const closes = hybrid.registration.closesAt;
    expect(text()).toContain(`${formatInstant(closes, 'Europe/London')} summit time`);
    expect(text()).toContain(`${formatInstant(closes, 'Asia/Seoul')} your time`);
    expect(text()).toContain('100 seats at the venue');
    const link = [...document.querySelectorAll('a')].find((a) => a.textContent === 'Sign in to register');
    expect(link?.getAttribute('href')).toBe('/sign-in?next=%2Fsummits%2Fsummit-1');
  });

  it('lets a member without a registration register, choosing the mode, and shows the outcome', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(answer(200, []))
      .mockResolvedValueOnce(
        answer(201, registration({ mode: 'virtual', dietaryNeeds: 'Vegetarian', checkInCode: undefined })),
      );
    vi.stubGlobal('fetch', fetch);
    session.setMember(member);
    render();
    await settle();

    const form = document.querySelector<HTMLFormElement>('[data-testid="register-form"]');
    expect(form).not.toBeNull();
    document.querySelector<HTMLInputElement>('input[type="radio"][value="virtual"]')?.click();
    const dietary = [...document.querySelectorAll('label')].find((l) => l.textContent?.startsWith('Dietary needs'));
    const input = document.getElementById(dietary?.htmlFor ?? '') as HTMLInputElement;
    input.value = 'Vegetarian';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    form?.requestSubmit();
    await settle();

    const [url, init] = fetch.mock.calls[1] as [string, RequestInit];
    expect(url).toBe('/api/summits/summit-1/registrations');
    expect(JSON.parse(init.body as string)).toEqual({ mode: 'virtual', dietaryNeeds: 'Vegetarian' });
    expect(document.querySelector('[data-testid="registration-status"]')?.textContent).toBe('Confirmed');
    expect(text()).toContain('You are registered to attend online.');
    expect(document.querySelector('[data-testid="register-form"]')).toBeNull();
  });

  it('shows a confirmed member their check-in code, the switch to the other mode, and the way to cancel', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(200, [registration()])));
    session.setMember(member);
    render();
    await settle();
    expect(document.querySelector('[data-testid="registration-status"]')?.textContent).toBe('Confirmed');
    expect(document.querySelector('[data-testid="check-in-code"]')?.textContent).toBe('K7M2Q9XW4P');
    const buttons = [...document.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).toContain('Attend online instead');
    expect(buttons.some((b) => b?.startsWith('Cancel my registration'))).toBe(true);
  });

  it('gives a member with an offer its deadline, the time left, and Accept or Decline', async () => {
    const offered = registration({
      status: 'offered',
      checkInCode: undefined,
      offerExpiresAt: new Date(NOW.getTime() + 5 * 3_600_000 + 12 * 60_000).toISOString(),
    });
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(200, [offered])));
    session.setMember(member);
    render('Europe/London');
    await settle();
    const offer = document.querySelector('[data-testid="offer"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(offer).toContain('5 hours 12 minutes left');
    expect(offer).toContain(`Accept by ${formatInstant(offered.offerExpiresAt, 'Europe/London')} summit time`);
    // The viewer is in the summit's zone: the deadline is written once.
    expect(offer).not.toContain('your time');
    const buttons = [...document.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(expect.arrayContaining(['Accept the seat', 'Decline']));
    expect(buttons.some((b) => b?.startsWith('Cancel my registration'))).toBe(false);
  });

  it('says where a waitlisted member stands', async () => {
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValue(
          answer(200, [registration({ status: 'waitlisted', waitlistPosition: 4, checkInCode: undefined })]),
        ),
    );
    session.setMember(member);
    render();
    await settle();
    expect(text()).toContain('You are number 4 on the waitlist for in-person seats.');
    expect([...document.querySelectorAll('button')].some((b) => b.textContent?.startsWith('Leave the waitlist'))).toBe(
      true,
    );
  });
});
