import type { Changelog } from '@apoc/shared';
import { formatDay, formatTime } from '@apoc/shared/time';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import VersionList from './VersionList.svelte';
import { describeChangelog, hasChanges } from './changes';

// A Barcelona summit whose version 2 moved the keynote by a day and to another room, cancelled a
// workshop and added a poster walk.
const changelog: Changelog = {
  summitId: 's-2026-barcelona',
  timeZone: 'Europe/Madrid',
  rooms: [
    { id: 'hall', name: 'Plenary Hall', capacity: 250 },
    { id: 'room-a', name: 'Breakout Room A', capacity: 80 },
  ],
  versions: [
    {
      number: 2,
      comment: 'Keynote moved to the second morning',
      publishedAt: '2026-08-20T10:00:00.000Z',
      changes: [
        {
          sessionId: 'keynote',
          title: 'Opening keynote',
          changes: ['time', 'room'],
          before: {
            startsAt: '2026-09-01T07:00:00.000Z',
            endsAt: '2026-09-01T07:45:00.000Z',
            roomId: 'hall',
            status: 'scheduled',
          },
          after: {
            startsAt: '2026-09-02T08:30:00.000Z',
            endsAt: '2026-09-02T09:15:00.000Z',
            roomId: 'room-a',
            status: 'scheduled',
          },
        },
        {
          sessionId: 'workshop',
          title: 'Statistics clinic',
          changes: ['cancelled'],
          before: {
            startsAt: '2026-09-01T12:00:00.000Z',
            endsAt: '2026-09-01T13:00:00.000Z',
            roomId: 'room-a',
            status: 'scheduled',
          },
          after: {
            startsAt: '2026-09-01T12:00:00.000Z',
            endsAt: '2026-09-01T13:00:00.000Z',
            roomId: 'room-a',
            status: 'cancelled',
          },
        },
        {
          sessionId: 'posters',
          title: 'Poster walk',
          changes: ['added'],
          before: null,
          after: {
            startsAt: '2026-09-02T14:00:00.000Z',
            endsAt: '2026-09-02T15:00:00.000Z',
            roomId: null,
            status: 'scheduled',
          },
        },
      ],
    },
    { number: 1, comment: 'First published agenda', publishedAt: '2026-07-07T16:00:00.000Z', changes: [] },
  ],
};

describe('<VersionList> and its <ChangeList>', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
  });

  function render(zone: string) {
    component = mount(VersionList, { target: document.body, props: { versions: describeChangelog(changelog, zone) } });
    flushSync();
  }

  const change = (id: string) => {
    const element = document.querySelector<HTMLElement>(`[data-testid="change"][data-session-id="${id}"]`);
    if (!element) throw new Error(`no change for ${id}`);
    return element;
  };
  const badges = (id: string) => [...change(id).querySelectorAll('.badges li')].map((badge) => badge.textContent);
  const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('shows a moved session with its old and new times in the viewer’s zone, with the zone named', () => {
    render('Asia/Seoul');
    const time = change('keynote').querySelector('[data-testid="change-time"]');
    const oldStart = Date.parse('2026-09-01T07:00:00.000Z');
    const newStart = Date.parse('2026-09-02T08:30:00.000Z');
    // 07:00 UTC is 16:00 in Seoul; 08:30 UTC the next day is 17:30.
    expect(text(time?.querySelector('.old'))).toBe(
      `was ${formatDay(oldStart, 'Asia/Seoul')}, ${formatTime(oldStart, 'Asia/Seoul')}–${formatTime(Date.parse('2026-09-01T07:45:00.000Z'), 'Asia/Seoul')} (Seoul)`,
    );
    expect(text(time?.querySelector('.new'))).toBe(
      `now ${formatDay(newStart, 'Asia/Seoul')}, ${formatTime(newStart, 'Asia/Seoul')}–${formatTime(Date.parse('2026-09-02T09:15:00.000Z'), 'Asia/Seoul')} (Seoul)`,
    );
    expect(time?.querySelector('s.old')).not.toBeNull();
    expect(text(change('keynote').querySelector('[data-testid="change-room"]'))).toBe(
      'Room was Plenary Hall → now Breakout Room A',
    );
    expect(badges('keynote')).toEqual(['New time', 'New room']);
  });

  it('writes the times in the summit’s zone when that is the zone shown', () => {
    render('Europe/Madrid');
    const time = text(change('keynote').querySelector('[data-testid="change-time"] .new'));
    expect(time).toContain(formatTime(Date.parse('2026-09-02T08:30:00.000Z'), 'Europe/Madrid'));
    expect(time).toMatch(/\(Madrid\)$/);
  });

  it('marks cancelled and added sessions with badges, striking the cancelled title', () => {
    render('Europe/Madrid');
    expect(badges('workshop')).toEqual(['Cancelled']);
    expect(change('workshop').querySelector('h3 s')?.textContent).toBe('Statistics clinic');
    expect(change('workshop').querySelector('h3 a')?.getAttribute('href')).toBe('/sessions/workshop');
    expect(badges('posters')).toEqual(['Added']);
    expect(text(change('posters'))).toContain('When');
  });

  it('lists versions newest first with their comments, the first one as the first publication', () => {
    render('Europe/Madrid');
    const versions = [...document.querySelectorAll<HTMLElement>('[data-testid="version"]')];
    expect(versions.map((v) => v.dataset['version'])).toEqual(['2', '1']);
    expect(text(versions[0])).toContain('Keynote moved to the second morning');
    expect(text(versions[1])).toContain('published for the first time');
    expect(hasChanges(changelog)).toBe(true);
    expect(hasChanges({ versions: [changelog.versions[1]!] })).toBe(false);
  });
});
