import type { CertificateVerification } from '@apoc/shared';
import { formatCalendarDate } from '@apoc/shared/time';
import { mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { jsonResponse, settle } from '../../testing/http';
import VerificationPage from './VerificationPage.svelte';

const CODE = 'APOC-7K2M-Q9XW-4PRT';

const valid: CertificateVerification = {
  valid: true,
  status: 'valid',
  name: '김민준',
  summit: 'APoC Spring Summit 2027',
  hours: 5.25,
  creditName: 'ECMEC®s',
  issuedAt: '2027-03-11T09:00:00.000Z',
  day: null,
  startDate: '2027-03-09',
  endDate: '2027-03-10',
  revokedAt: null,
  replacedBy: null,
};

describe('<VerificationPage>', () => {
  let component: ReturnType<typeof mount> | undefined;
  const fetch = vi.fn<(path: string) => Promise<Response>>();

  beforeEach(() => {
    // The page reads the code from the address (set directly: jsdom cannot scroll as navigate() does).
    router.path = `/certificates/${CODE}`;
    vi.stubGlobal('fetch', fetch);
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockReset();
  });

  async function render(status: number, body: unknown): Promise<void> {
    fetch.mockResolvedValue(jsonResponse(body, status));
    component = mount(VerificationPage, { target: document.body });
    await settle();
  }

  const card = () => document.querySelector<HTMLElement>('[data-testid="verification"]');
  const facts = () =>
    Object.fromEntries(
      [...document.querySelectorAll('.facts > div')].map((row) => [
        row.querySelector('dt')?.textContent?.trim(),
        row.querySelector('dd')?.textContent?.trim(),
      ]),
    );

  it('asks the server about the code in the address', async () => {
    await render(200, valid);
    expect(fetch.mock.calls[0]?.[0]).toBe(`/api/certificates/${CODE}`);
  });

  it('shows a valid certificate in green with what it attests', async () => {
    await render(200, valid);
    expect(card()?.dataset['status']).toBe('valid');
    expect(card()?.classList.contains('verdict-valid')).toBe(true);
    expect(document.querySelector('h1')?.textContent).toBe('Valid certificate');
    expect(facts()).toEqual({
      Name: '김민준',
      Summit: 'APoC Spring Summit 2027',
      Dates: `${formatCalendarDate('2027-03-09')} – ${formatCalendarDate('2027-03-10')}`,
      Credits: '5.25 ECMEC®s',
      'Issued on': expect.stringContaining('2027') as string,
      Code: CODE,
    });
    expect(document.title).toBe('Certificate verification · APoC Summits');
    expect(document.querySelector('button.print')?.textContent).toBe('Print');
  });

  it('names the day of a certificate for one day', async () => {
    await render(200, { ...valid, day: '2027-03-10', hours: 2.5 });
    expect(facts()['Day']).toBe(formatCalendarDate('2027-03-10'));
    expect(facts()['Credits']).toBe('2.5 ECMEC®s');
  });

  it('shows a revoked certificate in red, with the day it was revoked', async () => {
    await render(200, { ...valid, valid: false, status: 'revoked', revokedAt: '2027-03-12T10:00:00.000Z' });
    expect(card()?.classList.contains('verdict-revoked')).toBe(true);
    expect(document.querySelector('h1')?.textContent).toBe('Revoked certificate');
    expect(card()?.textContent).toContain('This certificate was revoked on');
    expect(card()?.textContent).toContain('2027: it no longer attests the credits below.');
  });

  it('shows a replaced certificate in amber, with a link to the one that replaced it', async () => {
    await render(200, { ...valid, valid: false, status: 'replaced', replacedBy: 'APOC-NEW1-CODE-2345' });
    expect(card()?.classList.contains('verdict-replaced')).toBe(true);
    expect(document.querySelector('h1')?.textContent).toBe('Replaced certificate');
    const link = document.querySelector<HTMLAnchorElement>('[data-testid="replaced-by"]');
    expect(link?.textContent).toBe('see certificate APOC-NEW1-CODE-2345');
    expect(link?.getAttribute('href')).toBe('/certificates/APOC-NEW1-CODE-2345');
  });

  it('says plainly that no certificate has an unknown code, and what to check', async () => {
    await render(404, { type: 'https://apoc.example/problems/not-found', title: 'Not found', status: 404 });
    const unknown = document.querySelector('[data-testid="verification-unknown"]');
    expect(document.querySelector('h1')?.textContent).toBe('No certificate has this code');
    expect(unknown?.textContent).toContain(CODE);
    expect(unknown?.querySelectorAll('li')).toHaveLength(3);
    expect(card()).toBeNull();
  });
});
