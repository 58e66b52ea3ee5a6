import type { Changelog, DraftAgenda } from '@apoc/shared';
import type { Conflict } from '@apoc/shared/agenda';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, summit } from '../../testing/fixtures';
import PublishPanel from './PublishPanel.svelte';

const opening = session({ id: 'opening', title: 'Opening', roomId: 'auditorium' });
const clash = session({ id: 'clash', title: 'Same hour', roomId: 'auditorium' });

const roomConflict: Conflict = {
  kind: 'room-double-booked',
  severity: 'error',
  sessionIds: ['opening', 'clash'],
  memberIds: [],
  roomId: 'auditorium',
  message: 'Auditorium holds “Opening” and “Same hour” at once.',
};

function draft(overrides: Partial<DraftAgenda> = {}): DraftAgenda {
  return {
    ...summit({ status: 'draft', sessions: [opening, clash] }),
    conflicts: [],
    publishedVersion: null,
    pendingChanges: [],
    ...overrides,
  };
}

describe('<PublishPanel>', () => {
  let component: ReturnType<typeof mount> | undefined;
  const noVersions: Changelog = { summitId: 'summit-1', timeZone: 'Europe/London', rooms: [], versions: [] };
  const fetch = vi.fn(() =>
    Promise.resolve(new Response(JSON.stringify(noVersions), { headers: { 'content-type': 'application/json' } })),
  );

  beforeEach(() => vi.stubGlobal('fetch', fetch));

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
  });

  function render(agenda: DraftAgenda) {
    component = mount(PublishPanel, {
      target: document.body,
      props: { draft: agenda, viewerZone: 'Europe/London', onreload: () => undefined },
    });
    flushSync();
  }

  const button = () => document.querySelector<HTMLButtonElement>('button[type="submit"]');
  const reason = () => document.querySelector<HTMLElement>('[data-testid="publish-disabled-reason"]');

  it('disables Publish while a conflict blocks it, and says why beside the button', () => {
    render(draft({ conflicts: [roomConflict] }));
    expect(button()?.disabled).toBe(true);
    expect(reason()?.textContent).toContain('Publishing is blocked until the conflict above is fixed');
    expect(button()?.getAttribute('aria-describedby')).toBe(reason()?.id);
  });

  it('keeps Publish available when only warnings remain', () => {
    render(draft({ conflicts: [{ ...roomConflict, kind: 'seat-limit-above-capacity', severity: 'warning' }] }));
    expect(button()?.disabled).toBe(false);
    expect(reason()).toBeNull();
    expect(button()?.hasAttribute('aria-describedby')).toBe(false);
  });

  it('says there is nothing to publish when members already see the agenda as it is', () => {
    render(draft({ status: 'published', publishedVersion: 2 }));
    expect(button()?.disabled).toBe(true);
    expect(reason()?.textContent).toContain('members already see this agenda as version 2');
  });
});
