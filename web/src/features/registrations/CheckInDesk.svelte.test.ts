import type { CheckInResult, SummitDetail } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { institution, session, summit as summitFixture } from '../../testing/fixtures';
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
    vi.useRealTimers();
    history.replaceState(null, '', '/');
    router.search = '';
  });

  function render(oncheckedin = vi.fn(), summit: Pick<SummitDetail, 'timeZone' | 'sessions'> = summitFixture()) {
    component = mount(CheckInDesk, {
      target: document.body,
      props: {
        summitId: 's-2027-essen',
        summit,
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

  describe('at a room door', () => {
    // Wednesday 10 March 2027, 09:40 in London (UTC in March): the second day of the summit.
    const NOW = new Date('2027-03-10T09:40:00Z');
    const lungs = session({
      id: 's-lungs',
      title: 'Lung cancer screening',
      startsAt: '2027-03-10T09:00:00.000Z',
      endsAt: '2027-03-10T10:00:00.000Z',
      credits: 1,
    });
    const immuno = session({
      id: 's-immuno',
      title: 'Immunotherapy toxicities',
      startsAt: '2027-03-10T09:00:00.000Z',
      endsAt: '2027-03-10T10:00:00.000Z',
      credits: 0.75,
    });
    const opening = session({
      id: 's-opening',
      title: 'Opening keynote',
      startsAt: '2027-03-09T09:00:00.000Z',
      endsAt: '2027-03-09T10:00:00.000Z',
    });
    const seoul = summitFixture({
      sessions: [
        opening,
        immuno,
        lungs,
        session({ id: 's-coffee', title: 'Coffee', kind: 'break', startsAt: '2027-03-10T10:00:00.000Z' }),
        session({ id: 's-withdrawn', title: 'Withdrawn talk', status: 'cancelled' }),
        session({ id: 's-unscheduled', title: 'Not yet scheduled', startsAt: null, endsAt: null }),
      ],
    });
    const atDoor = (door: { id: string; title: string }, alreadyScanned = false, scanned = 1): CheckInResult => ({
      ...result(alreadyScanned),
      door: { sessionId: door.id, title: door.title, scannedAt: NOW.toISOString(), alreadyScanned, scanned },
    });
    const title = () => document.querySelector('h2')?.textContent?.trim();
    const select = () => document.querySelector<HTMLSelectElement>('select');
    const mode = (which: 'desk' | 'door') =>
      document.querySelector<HTMLButtonElement>(`[data-testid="check-in-mode-${which}"]`);
    /** The desk's server: the doors' counts when read, then each scan's answer in turn. */
    const doorServer = (counts: { sessionId: string; scanned: number }[], ...scans: Response[]) =>
      vi.fn((url: string) =>
        Promise.resolve(
          url.endsWith('/check-in/doors')
            ? answer(200, { doors: counts })
            : (scans.shift() ?? answer(500, { title: 'no answer left', status: 500 })),
        ),
      );
    const scans = (fetch: ReturnType<typeof vi.fn>) =>
      fetch.mock.calls.filter((call) => (call[1] as RequestInit | undefined)?.method === 'POST');
    const body = (fetch: ReturnType<typeof vi.fn>, call: number) =>
      JSON.parse((scans(fetch)[call] as [string, RequestInit])[1].body as string) as unknown;
    async function type(value: string): Promise<void> {
      const field = input();
      if (!field) throw new Error('no field');
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.form?.requestSubmit();
      await settle();
    }

    it('switches to a room door, keeps its session in the address, and scans badges for that session', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW);
      const fetch = doorServer([], answer(200, atDoor(lungs)));
      vi.stubGlobal('fetch', fetch);
      const oncheckedin = render(vi.fn(), seoul);
      expect(title()).toBe('Check-in');
      expect(mode('desk')?.getAttribute('aria-pressed')).toBe('true');
      expect(select()).toBeNull();

      mode('door')?.click();
      flushSync();
      expect(mode('door')?.getAttribute('aria-pressed')).toBe('true');
      // Two sessions run at once: the organiser chooses the door's, the desk does not guess.
      expect(title()).toBe('Room door');
      expect(select()?.value).toBe('');
      expect(location.search).toBe('');
      const choice = select();
      if (!choice) throw new Error('no select');
      choice.value = 's-lungs';
      choice.dispatchEvent(new Event('change', { bubbles: true }));
      flushSync();
      expect(title()).toBe('Room door: Lung cancer screening');
      expect(location.search).toBe('?session=s-lungs');
      expect(router.search).toBe('?session=s-lungs');
      // Today's sessions first; no break, nothing cancelled or unscheduled; credits where a session has some.
      const groups = [...document.querySelectorAll('optgroup')].map((group) => ({
        day: group.label,
        doors: [...group.querySelectorAll('option')].map((option) => option.textContent?.trim()),
      }));
      expect(groups.map((group) => group.day)).toEqual(['Wed Mar 10 2027 (today)', 'Tue Mar 9 2027']);
      expect(groups[0]?.doors).toEqual([
        expect.stringMatching(/ · Immunotherapy toxicities · credits: 0\.75 h$/),
        expect.stringMatching(/ · Lung cancer screening · credits: 1 h$/),
      ]);
      expect(groups[1]?.doors).toEqual([expect.stringMatching(/ · Opening keynote$/)]);

      await type('k7m2q9xw4p');
      expect(body(fetch, 0)).toEqual({ code: 'K7M2Q9XW4P', sessionId: 's-lungs' });
      expect(resultText()).toBe(
        "Scanned in to Lung cancer screening: Jordi Ferrer (Vall d'Hebron Institute of Oncology (VHIO))",
      );
      expect(document.querySelector('[data-testid="door-count"]')?.textContent?.trim()).toBe(
        '1 badge scanned at this door',
      );
      expect(oncheckedin).toHaveBeenCalledWith(
        expect.objectContaining({ door: expect.objectContaining({ scanned: 1 }) }),
      );

      // The parallel session's door: its own address, its own count (none scanned there yet).
      choice.value = 's-immuno';
      choice.dispatchEvent(new Event('change', { bubbles: true }));
      flushSync();
      expect(title()).toBe('Room door: Immunotherapy toxicities');
      expect(location.search).toBe('?session=s-immuno');
      expect(document.querySelector('[data-testid="door-count"]')?.textContent?.trim()).toBe(
        '0 badges scanned at this door',
      );
      expect(resultText()).toBe('');

      mode('desk')?.click();
      flushSync();
      expect(title()).toBe('Check-in');
      expect(location.search).toBe('');
      expect(router.search).toBe('');
    });

    it('opens at the door the address names, as a door’s tablet does when reloaded, and says a badge was scanned before', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW);
      history.replaceState(null, '', '/organise/summits/s-2027-essen/registrations?session=s-immuno');
      router.search = location.search;
      const fetch = doorServer(
        [
          { sessionId: 's-immuno', scanned: 11 },
          { sessionId: 's-lungs', scanned: 30 },
        ],
        answer(200, atDoor(immuno, true, 12)),
      );
      vi.stubGlobal('fetch', fetch);
      render(vi.fn(), seoul);
      expect(title()).toBe('Room door: Immunotherapy toxicities');
      expect(select()?.value).toBe('s-immuno');
      // Its count before the next badge, as the server keeps it.
      await settle();
      expect(fetch.mock.calls[0]?.[0]).toBe('/api/summits/s-2027-essen/check-in/doors');
      expect(document.querySelector('[data-testid="door-count"]')?.textContent?.trim()).toBe(
        '11 badges scanned at this door',
      );

      await type('K7M2Q9XW4P');
      expect(body(fetch, 0)).toEqual({ code: 'K7M2Q9XW4P', sessionId: 's-immuno' });
      expect(resultText()).toMatch(
        /^Already scanned in to Immunotherapy toxicities at .+ \(Berlin\): Jordi Ferrer \(Vall d'Hebron/,
      );
      expect(document.querySelector('[data-testid="door-count"]')?.textContent?.trim()).toBe(
        '12 badges scanned at this door',
      );
    });

    it('says when the door opens, and scans once the organiser confirms', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2027-03-10T08:10:00Z'));
      history.replaceState(null, '', '/?session=s-lungs');
      router.search = location.search;
      const early = {
        type: 'https://apoc.invalid/problems/check-in-outside-window',
        title: 'The room door is not open yet',
        status: 409,
        detail: 'The door of “Lung cancer screening” opens on Wed 10 Mar 2027, 08:30 (Europe/London).',
        checkIn: {
          timing: 'early',
          opensAt: '2027-03-10T08:30:00.000Z',
          closesAt: '2027-03-10T10:00:00.000Z',
          timeZone: 'Europe/London',
        },
        sessionId: 's-lungs',
      };
      const fetch = doorServer([], answer(409, early), answer(200, atDoor(lungs)));
      vi.stubGlobal('fetch', fetch);
      const oncheckedin = render(vi.fn(), seoul);
      await type('K7M2Q9XW4P');
      expect(resultText()).toMatch(/^The door of Lung cancer screening opens at .+ \(London\), 30 minutes before/);
      expect(oncheckedin).not.toHaveBeenCalled();

      const confirm = document.querySelector<HTMLButtonElement>('[data-testid="check-in-confirm"]');
      expect(confirm?.textContent?.trim()).toBe('Scan K7M2Q9XW4P in anyway');
      confirm?.click();
      await settle();
      expect(body(fetch, 1)).toEqual({ code: 'K7M2Q9XW4P', confirm: true, sessionId: 's-lungs' });
      expect(resultText()).toContain('Scanned in to Lung cancer screening');
    });

    it('asks for the session first when the address names none the agenda has', async () => {
      history.replaceState(null, '', '/?session=s-withdrawn');
      router.search = location.search;
      const fetch = doorServer([]);
      vi.stubGlobal('fetch', fetch);
      render(vi.fn(), seoul);
      expect(mode('door')?.getAttribute('aria-pressed')).toBe('true');
      expect(select()?.value).toBe('');
      await type('K7M2Q9XW4P');
      expect(scans(fetch)).toEqual([]);
      expect(resultText()).toBe('Choose the session at this door first.');
    });
  });
});
