import type { DraftAgenda } from '@apoc/shared';
import { formatCalendarDate, formatTime } from '@apoc/shared/time';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session, summit } from '../../testing/fixtures';
import { zonePreference } from '../summits/agenda/zone-preference.svelte';
import LiveSessions from './LiveSessions.svelte';

// A summit in Seoul (UTC+9): a session at 23:30 UTC on 8 March is already the morning of 9 March there.
function draft(overrides: Partial<DraftAgenda> = {}): DraftAgenda {
  return {
    ...summit({ timeZone: 'Asia/Seoul', startsAt: '2027-03-08T15:00:00.000Z', endsAt: '2027-03-10T15:00:00.000Z' }),
    conflicts: [],
    publishedVersion: 1,
    pendingChanges: [],
    ...overrides,
  };
}

describe('<LiveSessions>, the live tab of a summit', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.useRealTimers();
    zonePreference.set('mine');
  });

  function render(agenda: DraftAgenda, now: string, viewerZone = 'Asia/Seoul') {
    vi.useFakeTimers({ now: new Date(now), toFake: ['Date'] });
    component = mount(LiveSessions, { target: document.body, props: { draft: agenda, viewerZone } });
    flushSync();
  }

  const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="live-session"]')];

  it("lists the scheduled sessions by day in the summit's zone, with Moderate and Projector for each", () => {
    const agenda = draft({
      sessions: [
        session({
          id: 'morning',
          title: 'Morning',
          startsAt: '2027-03-08T23:30:00.000Z',
          endsAt: '2027-03-09T00:30:00.000Z',
        }),
        session({
          id: 'next-day',
          title: 'Next day',
          startsAt: '2027-03-10T01:00:00.000Z',
          endsAt: '2027-03-10T02:00:00.000Z',
        }),
        session({ id: 'cancelled', status: 'cancelled' }),
        session({ id: 'untimed', startsAt: null, endsAt: null }),
      ],
    });
    render(agenda, '2027-03-01T00:00:00Z');
    expect(rows().map((row) => row.dataset['sessionId'])).toEqual(['morning', 'next-day']);
    const days = [...document.querySelectorAll('h3')].map((heading) => heading.textContent);
    expect(days).toEqual([formatCalendarDate('2027-03-09'), formatCalendarDate('2027-03-10')]);
    expect(document.body.textContent).toContain('Asia/Seoul');
    expect(rows()[0]?.textContent).toContain(formatTime(Date.parse('2027-03-08T23:30:00Z'), 'Asia/Seoul'));
    const links = [...(rows()[0]?.querySelectorAll('a') ?? [])].map((link) => link.getAttribute('href'));
    expect(links).toContain('/sessions/morning/moderate');
    expect(links).toContain('/sessions/morning/projector');
    expect(document.body.textContent).toContain('1 session has no time yet');
  });

  it("shows the organiser's own time, names the zone, and switches to the summit's in one click", () => {
    const start = Date.parse('2027-03-08T23:30:00Z');
    const agenda = draft({
      sessions: [session({ id: 'morning', startsAt: '2027-03-08T23:30:00.000Z', endsAt: '2027-03-09T00:30:00.000Z' })],
    });
    render(agenda, '2027-03-01T00:00:00Z', 'America/New_York');
    const zoneNote = () => document.querySelector('[data-testid="live-zone"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    const heading = () => document.querySelector('h3')?.textContent;
    expect(zoneNote()).toContain('your time, America/New_York');
    expect(heading()).toBe(formatCalendarDate('2027-03-08'));
    expect(rows()[0]?.textContent).toContain(formatTime(start, 'America/New_York'));

    document.querySelector<HTMLButtonElement>('[data-testid="zone-summit"]')?.click();
    flushSync();
    expect(zoneNote()).toContain('summit time, Asia/Seoul');
    expect(heading()).toBe(formatCalendarDate('2027-03-09'));
    expect(rows()[0]?.textContent).toContain(formatTime(start, 'Asia/Seoul'));
  });

  it('offers no toggle when the organiser is in the summit’s zone', () => {
    render(
      draft({ sessions: [session({ startsAt: '2027-03-09T01:00:00.000Z', endsAt: '2027-03-09T02:00:00.000Z' })] }),
      '2027-03-01T00:00:00Z',
    );
    expect(document.querySelector('[data-testid="zone-summit"]')).toBeNull();
    expect(document.querySelector('[data-testid="live-zone"]')?.textContent).toContain(
      "Asia/Seoul (also the summit's)",
    );
  });

  it('highlights the sessions happening now', () => {
    const agenda = draft({
      sessions: [
        session({ id: 'now', startsAt: '2027-03-09T01:00:00.000Z', endsAt: '2027-03-09T02:00:00.000Z' }),
        session({ id: 'later', startsAt: '2027-03-09T03:00:00.000Z', endsAt: '2027-03-09T04:00:00.000Z' }),
      ],
    });
    render(agenda, '2027-03-09T01:30:00Z');
    expect(rows().map((row) => row.dataset['now'])).toEqual(['true', 'false']);
    expect(rows()[0]?.textContent).toContain('Live now');
  });

  it('points to the agenda builder while no session has a time', () => {
    render(draft({ sessions: [session({ startsAt: null, endsAt: null })] }), '2027-03-01T00:00:00Z');
    expect(rows()).toHaveLength(0);
    expect(document.body.textContent).toContain('No scheduled sessions yet');
    expect(document.querySelector('a[href="/organise/summits/summit-1/agenda"]')).not.toBeNull();
  });
});
