import type { DraftAgenda } from '@apoc/shared';
import { formatCalendarDate, formatTime } from '@apoc/shared/time';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, summit as makeSummit } from '../../../testing/fixtures';
import AgendaBuilder from './AgendaBuilder.svelte';

// London in March 2027 is on UTC, so the instants below read as the times on the grid.
function draft(sessions: DraftAgenda['sessions']): DraftAgenda {
  return {
    ...makeSummit({
      status: 'draft',
      rooms: [
        { id: 'auditorium', name: 'Auditorium', capacity: 300 },
        { id: 'salon', name: 'Salon', capacity: 20 },
      ],
      sessions,
    }),
    conflicts: [],
    publishedVersion: null,
    pendingChanges: [],
  };
}

const keynote = session({
  id: 'keynote',
  title: 'Opening keynote',
  roomId: 'auditorium',
  trackId: 'thoracic',
  startsAt: '2027-03-09T09:00:00.000Z',
  endsAt: '2027-03-09T10:00:00.000Z',
});
const panel = session({
  id: 'panel',
  title: 'Trials panel',
  roomId: 'auditorium',
  startsAt: '2027-03-09T10:00:00.000Z',
  endsAt: '2027-03-09T11:00:00.000Z',
});
const workshop = session({
  id: 'workshop',
  title: 'Hands-on workshop',
  kind: 'workshop',
  roomId: 'salon',
  seatLimit: 40,
  startsAt: '2027-03-09T13:00:00.000Z',
  endsAt: '2027-03-09T14:30:00.000Z',
});
const loose = session({ id: 'loose', title: 'Posters', kind: 'poster', startsAt: null, endsAt: null, roomId: null });

/** A time range as the machine's locale writes it in London (UTC in March). */
const range = (from: string, to: string): string =>
  `${formatTime(Date.parse(`2027-03-09T${from}:00Z`), 'Europe/London')}–${formatTime(Date.parse(`2027-03-09T${to}:00Z`), 'Europe/London')}`;

describe('<AgendaBuilder>', () => {
  let component: ReturnType<typeof mount> | undefined;
  const fetch = vi.fn(() =>
    Promise.resolve(new Response(JSON.stringify({}), { headers: { 'content-type': 'application/json' } })),
  );

  beforeEach(() => vi.stubGlobal('fetch', fetch));

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
  });

  function render(sessions: DraftAgenda['sessions']) {
    component = mount(AgendaBuilder, {
      target: document.body,
      props: { draft: draft(sessions), institutions: [], viewerZone: 'Asia/Seoul', onreload: () => undefined },
    });
    flushSync();
  }

  const block = (id: string) =>
    document.querySelector<HTMLElement>(`[data-testid="builder-block"][data-session-id="${id}"]`);
  const conflictKinds = () =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="conflict"]')].map((item) => item.dataset['kind']);

  it('names the summit’s zone and shows each timed session on the grid, the others in the tray', () => {
    render([keynote, panel, loose]);
    expect(document.querySelector('[data-testid="builder-zone"]')?.textContent).toContain(
      'Times in Europe/London (London)',
    );
    expect(block('keynote')?.textContent).toContain(range('09:00', '10:00'));
    expect(block('loose')).toBeNull();
    expect(document.querySelector('[data-testid="tray-item"]')?.textContent).toContain('Posters');
  });

  it('highlights conflicting blocks with a pattern class, an icon and words, not colour alone', () => {
    render([keynote, { ...panel, startsAt: '2027-03-09T09:30:00.000Z' }, workshop]);
    for (const id of ['keynote', 'panel']) {
      const element = block(id);
      expect(element?.dataset['conflict']).toBe('error');
      expect(element?.classList.contains('conflict-error')).toBe(true);
      expect(element?.querySelector('.conflict-mark svg')).not.toBeNull();
      // The reason is read with the block.
      const described = element?.getAttribute('aria-describedby')?.split(' ') ?? [];
      const reasons = described.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      expect(reasons).toContain('Auditorium hosts “Opening keynote” and “Trials panel” at the same time.');
    }
    // A seat limit above the room's capacity is a warning, marked differently.
    expect(block('workshop')?.dataset['conflict']).toBe('warning');
    expect(block('workshop')?.textContent).toContain('Warning');
    expect(conflictKinds()).toEqual(['room-double-booked', 'seat-limit-above-capacity']);
    expect(document.querySelector('[data-testid="conflicts-panel"]')?.textContent).toContain(
      '1 conflict blocks publishing, 1 warning.',
    );
  });

  it('recomputes the conflicts live when a block is moved with the keyboard, before the server answers', () => {
    render([keynote, panel]);
    expect(conflictKinds()).toEqual([]);
    expect(block('panel')?.dataset['conflict']).toBe('none');

    block('panel')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, cancelable: true }));
    flushSync();
    expect(block('panel')?.textContent).toContain(range('09:45', '10:45'));
    expect(block('panel')?.dataset['conflict']).toBe('error');
    expect(block('keynote')?.dataset['conflict']).toBe('error');
    expect(conflictKinds()).toEqual(['room-double-booked']);
    // Side by side rather than one over the other.
    expect(block('panel')?.style.getPropertyValue('--lanes')).toBe('2');
    // Key presses are gathered before they are sent.
    expect(fetch).not.toHaveBeenCalled();

    block('panel')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
    flushSync();
    expect(conflictKinds()).toEqual([]);
    expect(block('panel')?.dataset['conflict']).toBe('none');
  });

  it('moves a block to the next room with the arrow keys', () => {
    render([keynote, { ...panel, startsAt: '2027-03-09T09:00:00.000Z', endsAt: '2027-03-09T10:00:00.000Z' }]);
    expect(conflictKinds()).toEqual(['room-double-booked']);
    block('panel')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }));
    flushSync();
    expect(conflictKinds()).toEqual([]);
    expect(block('panel')?.style.gridColumn).toBe('3');
  });

  it('says so when a day has nothing yet', () => {
    render([keynote]);
    const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    tabs[1]?.click();
    flushSync();
    expect(document.querySelector('[data-testid="empty-day"]')?.textContent).toContain(
      `Nothing on ${formatCalendarDate('2027-03-10')} yet`,
    );
  });
});
