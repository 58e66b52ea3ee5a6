import type { PlannedSlot, PlannerResponse } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { institution, session } from '../../testing/fixtures';
import PlannerPanel from './PlannerPanel.svelte';

const asan = institution();
const dana = institution({ id: 'dana', shortName: 'Dana-Farber', city: 'Boston', timeZone: 'America/New_York' });

const talk = session({
  id: 'talk',
  title: 'Liquid biopsy update',
  summitId: 'summit-9',
  startsAt: '2027-03-09T02:00:00.000Z',
  endsAt: '2027-03-09T03:30:00.000Z',
  people: [{ memberId: 'm1', name: 'Ada', role: 'speaker', institutionId: 'asan' }],
});

const slot = (startsAt: string, endsAt: string, score: number): PlannedSlot => ({
  startsAt,
  endsAt,
  score,
  deepNight: 0,
  penalty: 4,
  counts: { working: 0, acceptable: 1, night: 1 },
  grades: { working: 0, fringe: 1, unsocial: 1, 'deep-night': 0 },
  explanation: 'Seoul at 21:00: late evening from 22:00; Boston at 07:00: early.',
  local: [
    {
      institutionId: 'dana',
      label: 'Dana-Farber',
      timeZone: 'America/New_York',
      headcount: 1,
      localStart: '2027-03-09T07:00',
      localEnd: '2027-03-09T08:30',
      weekday: 2,
      comfort: 'acceptable',
      grade: 'fringe',
      gradeAt: '07:00',
      gradeWords: 'early',
      explanation: 'Boston at 07:00: early',
      penalty: 1,
    },
    {
      institutionId: 'asan',
      label: 'Asan',
      timeZone: 'Asia/Seoul',
      headcount: 1,
      localStart: '2027-03-09T21:00',
      localEnd: '2027-03-09T22:30',
      weekday: 2,
      comfort: 'night',
      grade: 'unsocial',
      gradeAt: '22:00',
      gradeWords: 'late evening',
      explanation: 'Seoul at 21:00: late evening from 22:00',
      penalty: 3,
    },
  ],
});

const answer: PlannerResponse = {
  slots: [
    slot('2027-03-09T12:00:00.000Z', '2027-03-09T13:30:00.000Z', 91),
    slot('2027-03-09T12:15:00.000Z', '2027-03-09T13:45:00.000Z', 88),
  ],
  pairs: [],
  rotation: { applied: false, strength: 0.5, decay: 0.5, editions: [], institutions: [] },
  timeZone: 'Europe/London',
  durationMinutes: 90,
  candidates: 96,
  feasible: 40,
};

const json = (body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));

describe('<PlannerPanel>', () => {
  let component: ReturnType<typeof mount> | undefined;
  const fetch = vi.fn((url: string, init?: RequestInit) =>
    url === '/api/planner/slots' ? json(answer) : json({ ...talk, startsAt: init?.body ? 'x' : null }),
  );

  beforeEach(() => {
    vi.stubGlobal('fetch', fetch);
    // jsdom lays nothing out, so it has no scrolling either.
    Element.prototype.scrollIntoView = vi.fn();
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
  });

  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };

  function render(onplaced = vi.fn()) {
    component = mount(PlannerPanel, {
      target: document.body,
      props: {
        session: talk,
        day: '2027-03-09',
        summitZone: 'Europe/London',
        institutions: [asan, dana],
        onplaced,
        onclose: () => undefined,
      },
    });
    flushSync();
    return onplaced;
  }

  it('colours the day’s hours per institution and outlines the session where it is now', async () => {
    render();
    await settle();
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="heat-map"] tbody tr')];
    expect(rows.map((row) => row.dataset['institutionId'])).toEqual(['dana', 'asan']);
    // 02:00 in London is 21:00 the day before in Boston and 11:00 in Seoul.
    const cells = (row: HTMLElement) => [...row.querySelectorAll<HTMLElement>('td')];
    expect(cells(rows[0] as HTMLElement)[2]?.dataset['comfort']).toBe('acceptable');
    expect(cells(rows[0] as HTMLElement)[2]?.textContent).toContain('21:00, the day before');
    expect(cells(rows[1] as HTMLElement)[2]?.dataset['comfort']).toBe('working');
    expect(document.querySelector<HTMLElement>('[data-testid="heat-band"]')?.getAttribute('style')).toContain(
      '--from: 2; --span: 1.5',
    );
  });

  it('grades every hour in shades with a mark and words, and keys the four grades in text', async () => {
    render();
    await settle();
    const legend = document.querySelector<HTMLElement>('[data-testid="heat-legend"]');
    expect(
      [...legend!.querySelectorAll<HTMLElement>('li[data-grade]')].map((item) => item.textContent?.trim()),
    ).toEqual([
      expect.stringContaining('Working hours'),
      expect.stringContaining('Early, late or weekend'),
      expect.stringContaining('Late evening or early morning'),
      expect.stringContaining('Deep night'),
    ]);
    const asan = document.querySelector<HTMLElement>('[data-testid="heat-map"] tr[data-institution-id="asan"]')!;
    // London's 17:00 is 02:00 in Seoul, its 21:00 06:00, its 14:00 23:00.
    const cells = [...asan.querySelectorAll<HTMLElement>('td')];
    expect(cells[17]).toMatchObject({ dataset: expect.objectContaining({ grade: 'deep-night', comfort: 'night' }) });
    expect(cells[17]?.textContent).toContain('02:00, the next day, deep night');
    expect(cells[17]?.title).toBe('Seoul at 02:00, the next day: deep night');
    expect(cells[21]?.dataset['grade']).toBe('unsocial');
    expect(cells[21]?.textContent).toContain('early morning');
    expect(cells[14]?.textContent).toContain('late evening');
  });

  it('explains each suggestion by its worst places, in words', async () => {
    render();
    await settle();
    const [first] = document.querySelectorAll<HTMLElement>('[data-testid="suggestion"]');
    expect(first?.querySelector('[data-testid="suggestion-explanation"]')?.textContent).toBe(
      'Seoul at 21:00: late evening from 22:00; Boston at 07:00: early.',
    );
    expect(first?.textContent).toContain('1 late evening or early morning · 1 early, late or weekend');
    expect(first?.querySelector('[data-grade="unsocial"]')?.textContent).toContain('late evening');
  });

  it('asks for the day’s suggestions with the speakers’ institutions protected, and lists them with local times', async () => {
    render();
    await settle();
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/planner/slots');
    expect(JSON.parse(String(init?.body))).toMatchObject({
      dates: ['2027-03-09'],
      durationMinutes: 90,
      summitId: 'summit-9',
      mustAttend: ['asan'],
    });
    const items = [...document.querySelectorAll<HTMLElement>('[data-testid="suggestion"]')];
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('Score 91/100');
    expect(items[0]?.textContent).toContain('Dana-Farber');
    expect(items[0]?.textContent).toContain('07:00');
  });

  it('“Place here” sends the suggestion’s start and end as the session’s PATCH, then tells the builder', async () => {
    const onplaced = render();
    await settle();
    const button = document.querySelector<HTMLButtonElement>('[data-testid="suggestion"] button');
    expect(button?.textContent).toContain('Place here');
    button?.click();
    await settle();
    const patch = fetch.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(patch?.[0]).toBe('/api/sessions/talk');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({
      startsAt: '2027-03-09T12:00:00.000Z',
      endsAt: '2027-03-09T13:30:00.000Z',
    });
    expect(onplaced).toHaveBeenCalledOnce();
    expect(onplaced.mock.calls[0]?.[0]).toContain('“Liquid biopsy update” placed at');
  });
});
