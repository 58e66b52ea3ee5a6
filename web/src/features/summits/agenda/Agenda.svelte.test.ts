import type { Member, SummitDetail } from '@apoc/shared';
import { formatCalendarDate, formatTime } from '@apoc/shared/time';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session as signedIn } from '../../../lib/session.svelte';
import { stars } from '../../my-agenda/stars.svelte';
import { institution, session, summit as makeSummit } from '../../../testing/fixtures';
import Agenda from './Agenda.svelte';
import { SummitZonePreferences } from './zone-preference.svelte';

// A hybrid London summit on 9–10 March 2027 (UTC then), seen from Seoul (UTC+9): it opens in the viewer's zone.
const summit: SummitDetail = makeSummit({
  format: 'hybrid',
  sessions: [
    session({ id: 'morning', title: 'Opening keynote', kind: 'keynote', trackId: 'thoracic', roomId: 'auditorium' }),
    session({
      id: 'late',
      title: 'Late satellite for Asia-Pacific',
      startsAt: '2027-03-09T23:30:00.000Z',
      endsAt: '2027-03-10T00:30:00.000Z',
      trackId: 'gi',
      people: [{ memberId: 'm1', name: 'Hana Kim', role: 'speaker', institutionId: 'asan' }],
    }),
    session({
      id: 'closing',
      title: 'Closing panel',
      kind: 'panel',
      status: 'cancelled',
      startsAt: '2027-03-10T09:00:00.000Z',
      endsAt: '2027-03-10T10:00:00.000Z',
    }),
  ],
});

let component: ReturnType<typeof mount> | undefined;

/** Mounts the agenda as the summit page does, seen from `viewerZone`; one at a time. */
function renderAgenda(shown: SummitDetail, viewerZone: string, now = 0) {
  unmountAgenda();
  component = mount(Agenda, {
    target: document.body,
    props: { summit: shown, institutions: [institution()], viewerZone, now },
  });
  flushSync();
}

function unmountAgenda() {
  if (component) void unmount(component);
  component = undefined;
  document.body.innerHTML = '';
}

function chooseLayout(name: 'List' | 'Timetable by room') {
  [...document.querySelectorAll<HTMLButtonElement>('button')]
    .find((button) => button.textContent?.includes(name))
    ?.click();
  flushSync();
}

beforeEach(() => {
  localStorage.clear();
});

afterEach(unmountAgenda);

describe('<Agenda>', () => {
  // Each test its own summit id: a zone chosen on one summit's agenda is remembered for that summit.
  let summitNumber = 0;
  const render = (viewerZone = 'Asia/Seoul') =>
    renderAgenda({ ...summit, id: `london-${++summitNumber}` }, viewerZone, Date.parse('2027-01-01T00:00:00Z'));

  const tabs = () => [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const tabLabels = () => tabs().map((tab) => tab.querySelector('.tab-label')?.textContent);
  const shownSessions = () =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="session"]')].map((row) => row.dataset['sessionId']);
  const click = (element: HTMLElement | null | undefined) => {
    element?.click();
    flushSync();
  };
  const openDay = (date: string) => click(tabs().find((tab) => tab.textContent?.includes(formatCalendarDate(date))));

  it('names the zone it shows times in', () => {
    render();
    expect(document.querySelector('[data-testid="zone-sentence"]')?.textContent).toContain(
      'Times shown in your time zone: Asia/Seoul (Seoul)',
    );
    click(document.querySelector<HTMLElement>('[data-testid="zone-summit"]'));
    expect(document.querySelector('[data-testid="zone-sentence"]')?.textContent).toContain(
      "Times shown in the summit's time zone: Europe/London (London)",
    );
  });

  it('groups sessions by their local day in the viewer’s zone: 23:30 UTC is the next morning in Seoul', () => {
    render('Asia/Seoul');
    expect(tabLabels()).toEqual([formatCalendarDate('2027-03-09'), formatCalendarDate('2027-03-10')]);
    expect(shownSessions()).toEqual(['morning']);

    openDay('2027-03-10');
    expect(shownSessions()).toEqual(['late', 'closing']);
    const late = document.querySelector('[data-session-id="late"] [data-testid="session-time"]');
    expect(late?.textContent?.startsWith(formatTime(Date.parse('2027-03-09T23:30:00.000Z'), 'Asia/Seoul'))).toBe(true);
    expect(late?.textContent).toContain('(Seoul)');
  });

  it('groups sessions by the summit’s days in summit time, and remembers the choice', () => {
    render('Asia/Seoul');
    click(document.querySelector<HTMLElement>('[data-testid="zone-summit"]'));
    expect(document.querySelector('[data-testid="zone-summit"]')?.getAttribute('aria-pressed')).toBe('true');
    expect(localStorage.getItem('apoc.agenda.zone')).toBe('summit');
    expect(shownSessions()).toEqual(['morning', 'late']);
    openDay('2027-03-10');
    expect(shownSessions()).toEqual(['closing']);
  });

  it('shows speakers with their institution, and cancelled sessions struck through with a badge', () => {
    render('Europe/London');
    expect(document.querySelector('[data-session-id="late"]')?.textContent).toContain('Hana Kim (Asan)');
    openDay('2027-03-10');
    const closing = document.querySelector('[data-session-id="closing"]');
    expect(closing?.querySelector('s')?.textContent).toBe('Closing panel');
    expect(closing?.textContent).toContain('Cancelled');
  });

  it('says when the filters match nothing and clears them on request', () => {
    render('Europe/London');
    const search = document.querySelector<HTMLInputElement>('input[type="search"]');
    if (!search) throw new Error('no search box');
    search.value = 'no such session';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(shownSessions()).toEqual([]);
    expect(document.body.textContent).toContain('No sessions match these filters');

    click([...document.querySelectorAll('button')].find((button) => button.textContent === 'Clear filters'));
    expect(shownSessions()).toEqual(['morning', 'late']);
    expect(search.value).toBe('');
  });

  it('filters by track', () => {
    render('Europe/London');
    const track = document.querySelector<HTMLSelectElement>('select');
    if (!track) throw new Error('no track filter');
    track.value = 'gi';
    track.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(shownSessions()).toEqual(['late']);
  });
});

describe('<Agenda> of an in-person summit', () => {
  // An in-person summit in Berlin (UTC+1 in March), seen from Seoul.
  const berlin: SummitDetail = makeSummit({
    id: 'essen',
    format: 'in_person',
    timeZone: 'Europe/Berlin',
    sessions: [session({ id: 'opening', title: 'Opening', startsAt: '2027-03-09T08:00:00.000Z' })],
  });
  // Each test its own summit id: a zone chosen on one summit's agenda is remembered for that summit.
  let summitNumber = 0;
  const render = (shown: SummitDetail) => renderAgenda(shown, 'Asia/Seoul');

  const sentence = () => document.querySelector('[data-testid="zone-sentence"]')?.textContent ?? '';
  const openingTime = () =>
    document.querySelector('[data-session-id="opening"] [data-testid="session-time"]')?.textContent ?? '';
  const pressed = (testId: string) =>
    document.querySelector(`[data-testid="${testId}"]`)?.getAttribute('aria-pressed') === 'true';
  const fresh = (overrides: Partial<SummitDetail> = {}) => ({ ...berlin, id: `essen-${++summitNumber}`, ...overrides });

  it('opens in the summit’s own zone, where the attendee will be, and says so', () => {
    render(fresh());
    expect(pressed('zone-summit')).toBe(true);
    expect(sentence()).toContain("Times shown in the summit's time zone, where it takes place: Europe/Berlin (Berlin)");
    expect(openingTime().startsWith(formatTime(Date.parse('2027-03-09T08:00:00.000Z'), 'Europe/Berlin'))).toBe(true);
  });

  it('shows my time one click away', () => {
    render(fresh());
    document.querySelector<HTMLElement>('[data-testid="zone-mine"]')?.click();
    flushSync();
    expect(pressed('zone-mine')).toBe(true);
    expect(sentence()).toContain('Times shown in your time zone: Asia/Seoul (Seoul)');
    expect(openingTime()).toContain('(Seoul)');
  });

  it('remembers the choice for that summit after a reload, and only for that summit', () => {
    const chosen = fresh();
    render(chosen);
    document.querySelector<HTMLElement>('[data-testid="zone-mine"]')?.click();
    flushSync();

    // A reload: a new page reads what the last one stored.
    const afterReload = new SummitZonePreferences();
    expect(afterReload.modeFor(chosen)).toBe('mine');
    expect(afterReload.modeFor(fresh())).toBe('summit');

    render(chosen);
    expect(pressed('zone-mine')).toBe(true);
    render(fresh());
    expect(pressed('zone-summit')).toBe(true);
  });

  it('opens virtual and hybrid summits in the viewer’s zone, as before', () => {
    render(fresh({ format: 'virtual', venue: null }));
    expect(pressed('zone-mine')).toBe(true);
    render(fresh({ format: 'hybrid' }));
    expect(pressed('zone-mine')).toBe(true);
  });

  it('ignores a stored choice it cannot read', () => {
    localStorage.setItem('apoc.agenda.zone.by-summit', '{not json');
    expect(new SummitZonePreferences().modeFor(fresh())).toBe('summit');
    localStorage.setItem('apoc.agenda.zone.by-summit', JSON.stringify({ [berlin.id]: 'sideways' }));
    expect(new SummitZonePreferences().modeFor(berlin)).toBe('summit');
  });
});

describe('<Agenda> timetable by room', () => {
  // Two virtual sessions at overlapping times, neither in a room, and a later one; seen from Seoul.
  const parallel: SummitDetail = makeSummit({
    id: 'parallel',
    format: 'virtual',
    venue: null,
    rooms: [],
    sessions: [
      session({
        id: 'lung',
        title: 'Lung cancer screening',
        startsAt: '2027-03-09T09:00:00.000Z',
        endsAt: '2027-03-09T10:30:00.000Z',
      }),
      session({
        id: 'colon',
        title: 'Colorectal trials',
        startsAt: '2027-03-09T09:30:00.000Z',
        endsAt: '2027-03-09T10:30:00.000Z',
      }),
      session({
        id: 'wrap',
        title: 'Wrap-up',
        startsAt: '2027-03-09T11:00:00.000Z',
        endsAt: '2027-03-09T11:20:00.000Z',
      }),
    ],
  });

  function renderGrid(shown = parallel) {
    renderAgenda(shown, 'Asia/Seoul');
    chooseLayout('Timetable by room');
  }

  const blocks = () => [...document.querySelectorAll<HTMLElement>('[data-testid="timetable-block"]')];
  const block = (id: string) => blocks().find((element) => element.dataset['sessionId'] === id);

  it('draws overlapping sessions without a room side by side, both visible, nothing hidden', () => {
    renderGrid();
    expect(blocks().map((element) => element.dataset['sessionId'])).toEqual(['lung', 'colon', 'wrap']);
    const lung = block('lung');
    const colon = block('colon');
    if (!lung || !colon) throw new Error('a session is missing from the timetable');
    expect(lung.textContent).toContain('Lung cancer screening');
    expect(colon.textContent).toContain('Colorectal trials');
    // Same column, distinct lanes, each half the width.
    expect(lung.dataset['column']).toBe(colon.dataset['column']);
    expect([lung.dataset['lane'], colon.dataset['lane']].sort()).toEqual(['0', '1']);
    expect([lung.style.getPropertyValue('--lanes'), colon.style.getPropertyValue('--lanes')]).toEqual(['2', '2']);
    expect(lung.style.getPropertyValue('--lane')).not.toBe(colon.style.getPropertyValue('--lane'));
    // The later session overlaps nothing and has the whole width.
    expect(block('wrap')?.dataset['lanes']).toBe('1');
    for (const element of blocks()) {
      expect(element.hidden).toBe(false);
      expect(getComputedStyle(element).display).not.toBe('none');
    }
  });

  it('spans the day from its first session to its last in whole hours of the zone shown', () => {
    renderGrid();
    // 09:00–11:20 UTC is 18:00–20:20 in Seoul: drawn from 18:00 to 21:00, labelled every half hour.
    const labels = [...document.querySelectorAll('[data-testid="timetable"] .time-label')].map((l) => l.textContent);
    expect(document.querySelector('[data-testid="timetable-gap"]')).toBeNull();
    const seoul = (iso: string) => formatTime(Date.parse(iso), 'Asia/Seoul');
    expect(labels[0]).toBe(seoul('2027-03-09T09:00:00.000Z'));
    expect(labels.at(-1)).toBe(seoul('2027-03-09T11:30:00.000Z'));
    expect(labels).toHaveLength(6);
  });

  it('says which hours it leaves out when a local day holds two summit days half a day apart', () => {
    renderGrid({
      ...parallel,
      id: 'split-day',
      sessions: [
        session({ id: 'evening', startsAt: '2027-03-09T17:00:00.000Z', endsAt: '2027-03-09T18:30:00.000Z' }),
        session({ id: 'morning', startsAt: '2027-03-10T08:00:00.000Z', endsAt: '2027-03-10T09:00:00.000Z' }),
      ],
    });
    // In Seoul both fall on 10 March: 02:00–03:30 and 17:00–18:00.
    expect(blocks().map((element) => element.dataset['sessionId'])).toEqual(['evening', 'morning']);
    const seoul = (iso: string) => formatTime(Date.parse(iso), 'Asia/Seoul');
    expect(document.querySelector('[data-testid="timetable-gap"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      `No sessions from ${seoul('2027-03-09T18:30:00.000Z')} to ${seoul('2027-03-10T08:00:00.000Z')} (Seoul)`,
    );
  });
});

describe('<Agenda> stars', () => {
  const member: Member = {
    id: 'm-star',
    email: 'star@demo.apoc.test',
    name: 'Hana Kim',
    role: 'member',
    institutionId: 'asan',
    timeZone: null,
    effectiveTimeZone: 'Asia/Seoul',
    reminders: 'starred',
    language: null,
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  };

  beforeEach(() => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(new Response('[]', { headers: { 'content-type': 'application/json' } })),
    );
    signedIn.setMember(member);
  });

  afterEach(() => {
    signedIn.clear();
    stars.reset();
    vi.unstubAllGlobals();
  });

  it('offers a star on every session but the breaks', () => {
    const sessions = [
      session({ id: 'talk', title: 'Keynote', kind: 'keynote' }),
      session({ id: 'coffee', title: 'Coffee break', kind: 'break', startsAt: '2027-03-09T11:00:00.000Z' }),
      session({ id: 'reception', title: 'Reception', kind: 'networking', startsAt: '2027-03-09T17:00:00.000Z' }),
    ];
    renderAgenda(makeSummit({ id: 'stars', sessions }), 'Europe/London');
    const starFor = (id: string) => document.querySelector(`[data-session-id="${id}"] [data-testid="star"]`);
    expect(starFor('talk')).not.toBeNull();
    expect(starFor('reception')).not.toBeNull();
    expect(starFor('coffee')).toBeNull();
    expect(document.querySelector('[data-session-id="coffee"]')?.textContent).toContain('Coffee break');
  });
});

describe('<Agenda> printed or captured whole', () => {
  const render = () => renderAgenda({ ...summit, id: 'printed' }, 'Europe/London');

  const shownSessions = () =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="session"]')].map((row) => row.dataset['sessionId']);

  it('prints every day of the agenda, not only the tab on screen, and goes back to the tab afterwards', () => {
    render();
    expect(shownSessions()).toEqual(['morning', 'late']);

    window.dispatchEvent(new Event('beforeprint'));
    expect(document.querySelectorAll('[data-testid="printed-day"]')).toHaveLength(2);
    expect(shownSessions()).toEqual(['morning', 'late', 'closing']);

    window.dispatchEvent(new Event('afterprint'));
    expect(shownSessions()).toEqual(['morning', 'late']);
  });

  it('lays the list out whole once the browser is idle, so that a full-page screenshot has no blank rows', async () => {
    render();
    const list = () => document.querySelector<HTMLElement>('[data-testid="session-list"]');
    expect(list()?.dataset['settled']).toBe('false');
    await vi.waitFor(() => expect(list()?.dataset['settled']).toBe('true'));
    expect(list()?.classList.contains('settled')).toBe(true);
  });
});
