import type { CertificateVerification, CreditsReport as Report } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { polyfillModalDialogs } from '../../testing/dialog';
import CreditsReport from './CreditsReport.svelte';

const json = (body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));

const report: Report = {
  summitId: 'summit-1',
  creditName: 'ECMEC®s',
  sessions: [
    {
      sessionId: 'keynote',
      title: 'Keynote: tumour boards',
      startsAt: '2027-03-09T09:00:00.000Z',
      endsAt: '2027-03-09T10:00:00.000Z',
      credits: 1,
    },
    {
      sessionId: 'panel',
      title: 'Panel: trials in Asia',
      startsAt: '2027-03-09T10:30:00.000Z',
      endsAt: '2027-03-09T11:15:00.000Z',
      credits: 0.75,
    },
  ],
  rows: [
    {
      memberId: 'm-kim',
      name: '김민준',
      institution: 'Asan Medical Center',
      mode: 'virtual',
      earnedCredits: 1,
      sessions: [
        { sessionId: 'keynote', minutesPresent: 50, checkedIn: false, earned: true },
        { sessionId: 'panel', minutesPresent: 20, checkedIn: false, earned: false },
      ],
      evaluationSubmitted: true,
      certificate: { code: 'APOC-7K2M-9QXD', status: 'valid', issuedAt: '2027-03-10T18:00:00.000Z' },
    },
    {
      memberId: 'm-souza',
      name: 'Ana Souza',
      institution: null,
      mode: 'in_person',
      earnedCredits: 1.75,
      sessions: [
        { sessionId: 'keynote', minutesPresent: null, checkedIn: true, earned: true },
        { sessionId: 'panel', minutesPresent: null, checkedIn: true, earned: true },
      ],
      evaluationSubmitted: false,
      certificate: null,
    },
  ],
};

const verification = (overrides: Partial<CertificateVerification> = {}): CertificateVerification => ({
  valid: false,
  status: 'revoked',
  name: '김민준',
  summit: 'APoC Spring Summit 2027',
  hours: 1,
  creditName: 'ECMEC®s',
  issuedAt: '2027-03-10T18:00:00.000Z',
  day: null,
  startDate: '2027-03-09',
  endDate: '2027-03-10',
  revokedAt: '2027-03-12T09:00:00.000Z',
  replacedBy: null,
  ...overrides,
});

describe('<CreditsReport>', () => {
  let component: ReturnType<typeof mount> | undefined;
  const onchanged = vi.fn();
  let answer: () => Promise<Response> = () => json(verification());
  const fetch = vi.fn((_path: string, _init?: RequestInit) => answer());

  beforeAll(polyfillModalDialogs);

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
    onchanged.mockClear();
  });

  function render() {
    vi.stubGlobal('fetch', fetch);
    component = mount(CreditsReport, { target: document.body, props: { summitId: 'summit-1', report, onchanged } });
    flushSync();
  }

  const click = (element: Element | null | undefined) => {
    (element as HTMLElement).click();
    flushSync();
  };
  const dialog = () => document.querySelector('dialog')!;
  const dialogButton = (text: string) =>
    [...dialog().querySelectorAll('button')].find((node) => node.textContent?.trim() === text);
  const row = (memberId: string) => document.querySelector(`tr[data-member-id="${memberId}"]`)!;
  /** What each cell says on a wide screen (a phone's card says the hours with their unit instead). */
  const cells = (memberId: string) =>
    [...row(memberId).children].map((cell) => {
      const copy = cell.cloneNode(true) as Element;
      for (const hidden of copy.querySelectorAll('.with-unit')) hidden.remove();
      return copy.textContent?.trim();
    });

  it('lists each member’s hours, mode, evaluation and certificate', () => {
    render();
    expect(cells('m-kim').slice(0, 6)).toEqual([
      '김민준',
      'Asan Medical Center',
      'Online',
      '1',
      'Submitted',
      'Valid APOC-7K2M-9QXD',
    ]);
    expect(cells('m-souza').slice(0, 6)).toEqual(['Ana Souza', '—', 'In person', '1.75', 'Not yet', 'Not issued yet']);
    // Without a certificate there is nothing to revoke or re-issue.
    expect(row('m-souza').querySelectorAll('.row-actions button')).toHaveLength(0);
    expect(row('m-kim').querySelector('a.code')?.getAttribute('href')).toBe('/certificates/APOC-7K2M-9QXD');
  });

  it('unfolds a member to their sessions: minutes in the live room, check-in, earned', () => {
    render();
    const toggle = row('m-kim').querySelector<HTMLButtonElement>('button.expand')!;
    expect(toggle.getAttribute('aria-label')).toBe('김민준: sessions');
    const detail = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(detail.hidden).toBe(true);
    click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(detail.hidden).toBe(false);
    const lines = [...detail.querySelectorAll('table.sessions > tbody > tr')].map((line) =>
      [...line.querySelectorAll('td')].map((cell) => cell.textContent?.trim()),
    );
    expect(lines).toEqual([
      ['1', '50', 'No', 'Earned'],
      ['0.75', '20', 'No', 'Not earned'],
    ]);
  });

  it('revokes a certificate with the reason asked for, then says it is done', async () => {
    render();
    click(row('m-kim').querySelector('button[aria-label="Revoke the certificate of 김민준"]'));
    expect(dialog().open).toBe(true);
    expect(dialog().textContent).toContain('Revoke this certificate?');
    expect(dialog().textContent).toContain('김민준 · certificate APOC-7K2M-9QXD');

    // No reason, no revocation.
    click(dialogButton('Revoke certificate'));
    expect(dialog().querySelector('.field-error')?.textContent).toBe('Say why the certificate is revoked.');
    expect(fetch).not.toHaveBeenCalled();

    const reason = dialog().querySelector('textarea')!;
    reason.value = '  Checked in by mistake at the desk. ';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    click(dialogButton('Revoke certificate'));

    await vi.waitFor(() => expect(onchanged).toHaveBeenCalled());
    expect(fetch.mock.calls.map(([path, init]) => [path, init?.method, JSON.parse(String(init?.body))])).toEqual([
      ['/api/certificates/APOC-7K2M-9QXD/revoke', 'POST', { reason: 'Checked in by mistake at the desk.' }],
    ]);
    flushSync();
    expect(dialog().querySelector('[role="status"]')?.textContent).toContain('Certificate APOC-7K2M-9QXD is revoked.');
    click(dialogButton('Close'));
    expect(dialog().open).toBe(false);
  });

  it('re-issues after asking, and tells that the old code now shows “replaced”', async () => {
    answer = () => json(verification({ valid: true, status: 'valid', revokedAt: null, hours: 1.75 }));
    render();
    click(row('m-kim').querySelector('button[aria-label="Re-issue the certificate of 김민준"]'));
    expect(dialog().textContent).toContain('The code APOC-7K2M-9QXD will then show “replaced”.');
    click(dialogButton('Issue a new certificate'));

    await vi.waitFor(() => expect(onchanged).toHaveBeenCalled());
    expect(fetch.mock.calls.map(([path, init]) => [path, init?.method])).toEqual([
      ['/api/summits/summit-1/certificates/m-kim/reissue', 'POST'],
    ]);
    flushSync();
    expect(dialog().querySelector('[role="status"]')?.textContent).toContain(
      'A new certificate is issued (1.75\u00a0h); APOC-7K2M-9QXD now shows “replaced”.',
    );
  });

  it('shows why a revocation failed, in the dialog', async () => {
    answer = () =>
      Promise.resolve(
        new Response(
          JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Already revoked.' }),
          {
            status: 409,
            headers: { 'content-type': 'application/problem+json' },
          },
        ),
      );
    render();
    click(row('m-kim').querySelector('button[aria-label="Revoke the certificate of 김민준"]'));
    const reason = dialog().querySelector('textarea')!;
    reason.value = 'Duplicate';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    click(dialogButton('Revoke certificate'));
    await vi.waitFor(() => expect(dialog().querySelector('[role="alert"]')?.textContent).toContain('Already revoked.'));
    expect(onchanged).not.toHaveBeenCalled();
  });
});
