import type { CheckInResult } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { institution } from '../../testing/fixtures';
import CheckInDesk from './CheckInDesk.svelte';

const result = (alreadyCheckedIn: boolean): CheckInResult => ({
  registration: {
    id: 'r-1',
    summitId: 's-2027-essen',
    mode: 'in_person',
    status: 'confirmed',
    offerExpiresAt: null,
    dietaryNeeds: '',
    accessibilityNeeds: '',
    note: '',
    checkInCode: 'K7M2Q9XW4P',
    checkedInAt: new Date().toISOString(),
    createdAt: '2027-01-11T09:00:00.000Z',
    updatedAt: '2027-01-11T09:00:00.000Z',
    memberId: 'm-vhio-ferrer',
    name: 'Jordi Ferrer',
    email: 'jordi.ferrer@demo.apoc.test',
    institutionId: 'vhio',
  },
  alreadyCheckedIn,
  checkedIn: 1,
});

const answer = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function settle(ms = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  flushSync();
}

describe('<CheckInDesk>', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  function render(oncheckedin = vi.fn()) {
    component = mount(CheckInDesk, {
      target: document.body,
      props: {
        summitId: 's-2027-essen',
        institutions: [institution({ id: 'vhio', name: "Vall d'Hebron Institute of Oncology (VHIO)" })],
        viewerZone: 'Europe/Berlin',
        oncheckedin,
      },
    });
    flushSync();
    return oncheckedin;
  }

  const input = () => document.querySelector<HTMLInputElement>('input');
  const resultText = () => document.querySelector('[data-testid="check-in-result"]')?.textContent?.trim();
  const cameraButton = () =>
    [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('the camera'));

  it('capitalises the typed code, checks it in, and names who was checked in', async () => {
    const fetch = vi.fn().mockResolvedValue(answer(200, result(false)));
    vi.stubGlobal('fetch', fetch);
    const oncheckedin = render();
    const field = input();
    if (!field) throw new Error('no field');
    field.value = 'k7m2q 9xw4p';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(field.value).toBe('K7M2Q 9XW4P');
    field.form?.requestSubmit();
    await settle();
    expect(JSON.parse((fetch.mock.calls[0] as [string, RequestInit])[1].body as string)).toEqual({
      code: 'K7M2Q9XW4P',
    });
    expect(resultText()).toBe("Checked in: Jordi Ferrer (Vall d'Hebron Institute of Oncology (VHIO))");
    expect(oncheckedin).toHaveBeenCalledWith(expect.objectContaining({ alreadyCheckedIn: false, checkedIn: 1 }));
    expect(field.value).toBe('');
  });

  it('says when a code is unknown', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(answer(404, { type: 'about:blank', title: 'Not found', status: 404 })),
    );
    render();
    const field = input();
    if (!field) throw new Error('no field');
    field.value = 'ABCD1234';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.form?.requestSubmit();
    await settle();
    expect(resultText()).toBe('No registration has the code ABCD1234: check it and try again.');
  });

  it('says why a check-in before the summit is refused, and checks in once the organiser confirms', async () => {
    const early = {
      type: 'https://apoc.invalid/problems/check-in-outside-window',
      title: 'Check-in is not open yet',
      status: 409,
      detail:
        'Check-in opens on Mon 17 May 2027, 16:00 (Europe/Berlin), the evening before the summit. Confirm to check this attendee in anyway.',
      checkIn: {
        timing: 'early',
        opensAt: '2027-05-17T14:00:00.000Z',
        closesAt: '2027-05-19T22:00:00.000Z',
        timeZone: 'Europe/Berlin',
      },
    };
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(answer(409, early))
      .mockResolvedValueOnce(answer(200, result(false)));
    vi.stubGlobal('fetch', fetch);
    const oncheckedin = render();
    const field = input();
    if (!field) throw new Error('no field');
    field.value = 'K7M2Q9XW4P';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.form?.requestSubmit();
    await settle();
    expect(resultText()).toBe(`Check-in is not open yet. ${early.detail}`);
    expect(oncheckedin).not.toHaveBeenCalled();

    const confirm = document.querySelector<HTMLButtonElement>('[data-testid="check-in-confirm"]');
    expect(confirm?.textContent?.trim()).toBe('Check K7M2Q9XW4P in anyway');
    confirm?.click();
    await settle();
    expect(JSON.parse((fetch.mock.calls[1] as [string, RequestInit])[1].body as string)).toEqual({
      code: 'K7M2Q9XW4P',
      confirm: true,
    });
    expect(resultText()).toBe("Checked in: Jordi Ferrer (Vall d'Hebron Institute of Oncology (VHIO))");
    expect(document.querySelector('[data-testid="check-in-confirm"]')).toBeNull();
  });

  it('offers no camera where the browser cannot read QR codes', async () => {
    render();
    await settle();
    expect(cameraButton()).toBeUndefined();
  });

  it('checks people in from the camera where the browser can read QR codes, once per code held up', async () => {
    const stop = vi.fn();
    const detect = vi.fn().mockResolvedValue([{ rawValue: 'k7m2q9xw4p' }]);
    vi.stubGlobal(
      'BarcodeDetector',
      class {
        static getSupportedFormats = () => Promise.resolve(['qr_code', 'ean_13']);
        detect = detect;
      },
    );
    vi.stubGlobal('navigator', {
      ...navigator,
      mediaDevices: { getUserMedia: vi.fn().mockResolvedValue({ getTracks: () => [{ stop }] }) },
    });
    const readyState = vi.spyOn(HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(4);
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const fetch = vi.fn().mockResolvedValue(answer(200, result(false)));
    vi.stubGlobal('fetch', fetch);
    const oncheckedin = render();
    await settle();

    cameraButton()?.click();
    await settle(700);
    expect(document.querySelector('video')).not.toBeNull();
    expect(detect).toHaveBeenCalled();
    // Read many times while held in front of the camera, checked in once.
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(oncheckedin).toHaveBeenCalledTimes(1);
    expect(resultText()).toContain('Checked in: Jordi Ferrer');

    cameraButton()?.click();
    flushSync();
    expect(stop).toHaveBeenCalled();
    expect(document.querySelector('video')).toBeNull();
    readyState.mockRestore();
  });
});
