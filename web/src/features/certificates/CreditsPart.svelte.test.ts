import type { MyCredits } from '@apoc/shared';
import { viewerTimeZone } from '@apoc/shared/time';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatInstant } from '../../lib/instant';
import { creditSession, myCredits, summit } from '../../testing/fixtures';
import { jsonResponse, settle } from '../../testing/http';
import { zonePreference } from '../summits/agenda/zone-preference.svelte';
import CreditsPart from './CreditsPart.svelte';

// The London summit (9–10 March 2027): a keynote attended online, a workshop at the venue, a panel missed.
const london = summit();
const credits = myCredits({
  sessions: [
    creditSession(),
    creditSession({
      sessionId: 'workshop',
      title: 'Workshop',
      startsAt: '2027-03-10T09:00:00.000Z',
      endsAt: '2027-03-10T10:30:00.000Z',
      credits: 1.5,
      minutesPresent: null,
      checkedIn: true,
    }),
    creditSession({
      sessionId: 'panel',
      title: 'Panel',
      startsAt: '2027-03-10T14:00:00.000Z',
      endsAt: '2027-03-10T14:45:00.000Z',
      credits: 0.75,
      minutesPresent: 20,
      earned: false,
    }),
  ],
  earnedCredits: 2.5,
  availableAt: '2027-03-10T14:45:00.000Z',
});

describe('<CreditsPart>', () => {
  let component: ReturnType<typeof mount> | undefined;
  const fetch = vi.fn<(path: string, init?: RequestInit) => Promise<Response>>();

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-11T09:00:00Z'));
    vi.stubGlobal('fetch', fetch);
    zonePreference.mode = 'mine';
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
    vi.unstubAllGlobals();
    vi.useRealTimers();
    fetch.mockReset();
  });

  async function render(viewerZone = 'Asia/Seoul'): Promise<void> {
    component = mount(CreditsPart, { target: document.body, props: { summit: london, viewerZone } });
    await settle();
  }

  const part = () => document.querySelector<HTMLElement>('[data-testid="credits"]');
  const download = () => document.querySelector<HTMLButtonElement>('[data-testid="certificate-download"]');

  it('shows nothing for a summit without accreditation', async () => {
    fetch.mockResolvedValue(jsonResponse({ ...credits, accredited: false, sessions: [], earnedCredits: 0 }));
    await render();
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/summits/summit-1/credits/me');
    expect(document.body.textContent?.trim()).toBe('');
  });

  it('sums up the credits earned and says how each session counted', async () => {
    fetch.mockResolvedValue(jsonResponse(credits));
    await render();
    expect(part()?.querySelector('h4')?.textContent).toBe('Credits and certificate');
    expect(document.querySelector('[data-testid="credits-total"]')?.textContent?.trim()).toBe(
      '2.5 of 3.25 ECMEC®s earned',
    );
    const rows = [...document.querySelectorAll('[data-testid="credit-session"]')].map((row) => [
      row.querySelector('a')?.textContent,
      row.querySelector('.hours')?.textContent,
      row.querySelector('.badge')?.textContent,
    ]);
    expect(rows).toEqual([
      ['Keynote', '1 h', 'Earned: 55 min in the live room'],
      ['Workshop', '1.5 h', 'Earned: checked in at the venue'],
      ['Panel', '0.75 h', 'Not earned: 20 of 36 min'],
    ]);
    expect(part()?.textContent).toContain('at least 80% of its duration');
  });

  it('asks for the evaluation before the certificate, with a link to it', async () => {
    fetch.mockResolvedValue(jsonResponse(credits));
    await render();
    const needed = document.querySelector('[data-testid="evaluation-needed"]');
    expect(needed?.textContent).toContain('Fill in the summit’s evaluation to receive your certificate.');
    expect(needed?.querySelector('a')?.getAttribute('href')).toBe('/summits/summit-1/evaluation');
    expect(download()).toBeNull();
  });

  it('says from when the certificate will be available, in my time with the summit’s a click away', async () => {
    vi.setSystemTime(new Date('2027-03-10T12:00:00Z'));
    fetch.mockResolvedValue(jsonResponse({ ...credits, evaluation: { required: false, submitted: false } }));
    await render();
    const waiting = () => document.querySelector('[data-testid="certificate-waiting"]')?.textContent ?? '';
    expect(waiting()).toContain(
      `Your certificate will be available after ${formatInstant(credits.availableAt, 'Asia/Seoul')}`,
    );
    document.querySelector<HTMLButtonElement>('[data-testid="zone-switch"]')?.click();
    flushSync();
    expect(waiting()).toContain(formatInstant(credits.availableAt, 'Europe/London'));
    expect(waiting()).toContain('Show in my time');
  });

  it('downloads the PDF when it is ready, then shows its code and the page that verifies it', async () => {
    const ready = { ...credits, evaluation: { required: true, submitted: true } };
    const issued: MyCredits = {
      ...ready,
      certificates: [{ code: 'APOC-7K2M-Q9XW', day: null, hours: 2.5, issuedAt: '2027-03-11T09:00:00.000Z' }],
    };
    fetch.mockResolvedValueOnce(jsonResponse(ready));
    await render(viewerTimeZone());
    expect(download()?.textContent).toBe('Download the certificate (PDF)');

    const saved: string[] = [];
    const revoked = vi.fn();
    // jsdom has no object URLs: stand-ins, removed after the test.
    Object.assign(URL, { createObjectURL: () => 'blob:certificate', revokeObjectURL: revoked });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`);
    });
    fetch
      .mockResolvedValueOnce(
        new Response('%PDF-1.7', {
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': 'attachment; filename="certificate-APOC-7K2M-Q9XW.pdf"',
          },
        }),
      )
      .mockResolvedValueOnce(jsonResponse(issued));
    download()?.click();
    await settle();
    await settle();

    expect(fetch.mock.calls[1]?.[0]).toBe('/api/summits/summit-1/certificate');
    expect(saved).toEqual(['certificate-APOC-7K2M-Q9XW.pdf blob:certificate']);
    const code = document.querySelector('[data-testid="certificate-code"]');
    expect(code?.querySelector('code')?.textContent).toBe('APOC-7K2M-Q9XW');
    expect(code?.querySelector('a')?.getAttribute('href')).toBe('/certificates/APOC-7K2M-Q9XW');
    click.mockRestore();
    // The PDF's address is let go when the part is.
    void unmount(component!);
    component = undefined;
    expect(revoked).toHaveBeenCalledWith('blob:certificate');
  });

  it('says why a download was refused', async () => {
    fetch.mockResolvedValueOnce(jsonResponse({ ...credits, evaluation: { required: false, submitted: false } }));
    await render();
    // Refused (the page's picture was out of date): the credits are read again.
    fetch.mockResolvedValueOnce(
      jsonResponse(
        {
          type: 'https://apoc.example/problems/certificate-not-ready',
          title: 'Certificate not ready',
          status: 409,
          detail: 'The certificate is available once the summit’s last accredited session has ended.',
        },
        409,
      ),
    );
    fetch.mockResolvedValueOnce(jsonResponse({ ...credits, evaluation: { required: false, submitted: false } }));
    download()?.click();
    await settle();
    await settle();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(document.querySelector('[role="alert"]')?.textContent).toContain(
      'The certificate is available once the summit’s last accredited session has ended.',
    );
  });
});
