import type { SummitDetail } from '@apoc/shared';
import { formatCalendarDate, formatTime } from '@apoc/shared/time';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { institution, session, summit as makeSummit } from '../../../testing/fixtures';
import Agenda from './Agenda.svelte';
import { zonePreference } from './zone-preference.svelte';

// A London summit on 9–10 March 2027 (UTC then), seen from Seoul (UTC+9).
const summit: SummitDetail = makeSummit({
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

describe('<Agenda>', () => {
  let component: ReturnType<typeof mount> | undefined;

  beforeEach(() => {
    localStorage.clear();
    zonePreference.set('mine');
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
  });

  function render(viewerZone = 'Asia/Seoul') {
    component = mount(Agenda, {
      target: document.body,
      props: { summit, institutions: [institution()], viewerZone, now: Date.parse('2027-01-01T00:00:00Z') },
    });
    flushSync();
  }

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
      'Times shown in your time zone: Asia/Seoul (GMT+9)',
    );
    click(document.querySelector<HTMLElement>('[data-testid="zone-summit"]'));
    expect(document.querySelector('[data-testid="zone-sentence"]')?.textContent).toContain(
      "Times shown in the summit's time zone: Europe/London (GMT)",
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
    expect(late?.textContent).toContain('GMT+9');
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
