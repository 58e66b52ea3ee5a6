import type { DeactivationReport } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { polyfillModalDialogs } from '../../testing/dialog';
import { institution } from '../../testing/fixtures';
import { jsonResponse, settle } from '../../testing/http';
import DeactivateInactiveDialog from './DeactivateInactiveDialog.svelte';

const report = (dryRun: boolean, days: number): DeactivationReport => ({
  dryRun,
  days,
  before: '2026-03-06T20:00:00.000Z',
  count: 2,
  members: [
    {
      id: 'm-left',
      name: 'Jiwoo Kim',
      email: 'jiwoo.kim@amc.seoul.kr',
      role: 'member',
      institutionId: 'asan',
      lastSignedInAt: '2025-11-02T08:00:00.000Z',
      createdAt: '2024-01-10T08:00:00.000Z',
    },
    {
      id: 'm-never',
      name: 'Ana Ruiz',
      email: 'ana.ruiz@example.org',
      role: 'guest',
      institutionId: null,
      lastSignedInAt: null,
      createdAt: '2025-10-01T08:00:00.000Z',
    },
  ],
});

describe('<DeactivateInactiveDialog>', () => {
  let component: ReturnType<typeof mount> | undefined;

  beforeAll(polyfillModalDialogs);

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  function render(fetch: ReturnType<typeof vi.fn>, ondeactivated = vi.fn()) {
    vi.stubGlobal('fetch', fetch);
    component = mount(DeactivateInactiveDialog, {
      target: document.body,
      props: { open: true, institutions: [institution()], ondeactivated },
    });
    flushSync();
    return ondeactivated;
  }

  const button = (name: string) =>
    [...document.querySelectorAll('dialog button')].find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === name) as
      HTMLButtonElement | undefined;
  const bodies = (fetch: ReturnType<typeof vi.fn>) =>
    fetch.mock.calls.map(([, init]) => JSON.parse(String((init as RequestInit).body)) as unknown);
  const radio = (label: string) =>
    [...document.querySelectorAll('dialog label')]
      .find((l) => l.textContent?.trim() === label)
      ?.querySelector('input') as HTMLInputElement;

  it('shows who would be deactivated first, and deactivates them only when confirmed', async () => {
    const fetch = vi.fn((_path: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { days: number; dryRun: boolean };
      return Promise.resolve(jsonResponse(report(body.dryRun, body.days)));
    });
    const ondeactivated = render(fetch);
    expect(document.querySelector('dialog h2')?.textContent).toBe('Deactivate inactive members');
    // The periods offered, 12 months chosen, and the keyboard's focus on it.
    await settle();
    expect(radio('12 months').checked).toBe(true);
    expect(document.activeElement).toBe(radio('12 months'));

    radio('24 months').click();
    flushSync();
    button('Show who')?.click();
    await settle();

    expect(fetch.mock.calls[0]?.[0]).toBe('/api/members/deactivate-inactive');
    expect(bodies(fetch)).toEqual([{ days: 730, dryRun: true }]);
    const preview = document.querySelector('[data-testid="inactive-preview"]');
    expect(preview?.querySelector('h3')?.textContent?.trim()).toBe('2 members would be deactivated');
    const people = [...(preview?.querySelectorAll('li') ?? [])].map((li) => li.textContent?.replace(/\s+/g, ' '));
    expect(people[0]).toContain('Jiwoo Kim');
    expect(people[0]).toContain('Last signed in');
    expect(people[1]).toContain('Ana Ruiz');
    expect(people[1]).toContain('Never signed in (added');
    expect(ondeactivated).not.toHaveBeenCalled();

    button('Deactivate 2 members')?.click();
    await settle();
    expect(bodies(fetch)).toEqual([
      { days: 730, dryRun: true },
      { days: 730, dryRun: false },
    ]);
    expect(document.querySelector('[data-testid="inactive-result"]')?.textContent?.trim()).toBe(
      '2 members deactivated.',
    );
    expect(ondeactivated).toHaveBeenCalledTimes(1);
  });

  it('takes a number of days, refuses one out of range, and forgets a preview when the period changes', async () => {
    const fetch = vi.fn(() => Promise.resolve(jsonResponse({ ...report(true, 45), count: 0, members: [] })));
    render(fetch);
    radio('A number of days').click();
    flushSync();
    const days = document.getElementById('inactive-days') as HTMLInputElement;
    days.value = '0';
    days.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(document.getElementById('inactive-days-error')?.textContent).toBe(
      'Enter a whole number of days from 1 to 3650.',
    );
    expect(button('Show who')?.disabled).toBe(true);

    days.value = '45';
    days.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    button('Show who')?.click();
    await settle();
    expect(bodies(fetch)).toEqual([{ days: 45, dryRun: true }]);
    expect(document.querySelector('[data-testid="inactive-preview"] h3')?.textContent?.trim()).toBe(
      'Nobody has gone that long without signing in.',
    );
    // Nobody to deactivate: no button that would.
    expect(document.querySelector('dialog .button-danger')).toBeNull();

    radio('6 months').click();
    flushSync();
    expect(document.querySelector('[data-testid="inactive-preview"]')).toBeNull();
  });

  it('says why nothing changed when the server refuses', async () => {
    const fetch = vi.fn((_path: string, init: RequestInit) =>
      Promise.resolve(
        (JSON.parse(String(init.body)) as { dryRun: boolean }).dryRun
          ? jsonResponse(report(true, 365))
          : jsonResponse({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Sign in again first.' }, 403),
      ),
    );
    const ondeactivated = render(fetch);
    button('Show who')?.click();
    await settle();
    button('Deactivate 2 members')?.click();
    await settle();
    expect(document.querySelector('dialog [role="alert"]')?.textContent).toContain('Nothing was changed:');
    expect(ondeactivated).not.toHaveBeenCalled();
  });
});
