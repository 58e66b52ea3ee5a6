import type { Member } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { institution } from '../../testing/fixtures';
import ProfileForm from './ProfileForm.svelte';

const member: Member = {
  id: 'm-zone',
  email: 'zone@demo.apoc.test',
  name: 'Priya Nair',
  role: 'member',
  institutionId: 'essen',
  timeZone: null,
  effectiveTimeZone: 'Europe/Berlin',
  reminders: 'starred',
  language: null,
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const essen = institution({ id: 'essen', name: 'University Hospital Essen', city: 'Essen', timeZone: 'Europe/Berlin' });

describe('<ProfileForm> time zone', () => {
  let component: ReturnType<typeof mount> | undefined;
  const sent: unknown[] = [];

  beforeEach(() => {
    sent.length = 0;
    vi.stubGlobal('fetch', (_url: string, init?: RequestInit) => {
      const patch = JSON.parse(String(init?.body ?? '{}')) as Partial<Member>;
      sent.push(patch);
      return Promise.resolve(
        new Response(JSON.stringify({ ...member, ...patch, effectiveTimeZone: patch.timeZone ?? 'Europe/Berlin' }), {
          headers: { 'content-type': 'application/json' },
        }),
      );
    });
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  function render(saved: Member = member) {
    component = mount(ProfileForm, { target: document.body, props: { member: saved, institutions: [essen] } });
    flushSync();
  }

  const select = () => document.querySelector<HTMLSelectElement>('#profile-zone');
  const options = () => [...(select()?.querySelectorAll('option') ?? [])].map((option) => option.value);
  const status = () => document.querySelector('[data-testid="zone-search-status"]')?.textContent?.trim();
  function search(text: string) {
    const input = document.querySelector<HTMLInputElement>('#profile-zone-search');
    if (!input) throw new Error('no zone search');
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
  }

  it('lists zones by their current names: Kolkata and Kyiv, not Calcutta and Kiev', () => {
    render();
    expect(options()).toContain('Asia/Kolkata');
    expect(options()).toContain('Europe/Kyiv');
    expect(options()).not.toContain('Asia/Calcutta');
    expect(options()).not.toContain('Europe/Kiev');
  });

  it.each([
    ['Kolkata', 'Asia/Kolkata'],
    ['Kyiv', 'Europe/Kyiv'],
    ['Melbourne', 'Australia/Melbourne'],
    ['New York', 'America/New_York'],
    ['Essen', 'Europe/Berlin'],
  ])('finds and picks the zone of %s', (city, zone) => {
    render();
    search(city);
    expect(select()?.value).toBe(zone);
    expect(options()).toContain(zone);
    expect(status()).toMatch(/^\d+ time zones? match/);
  });

  it('says when nothing matches and keeps every zone to choose from', () => {
    render();
    search('Atlantis');
    expect(status()).toContain('No time zone matches “Atlantis”');
    expect(options().length).toBeGreaterThan(300);
    expect(select()?.value).toBe('');
  });

  it('saves the zone found, by its current name', async () => {
    render();
    search('Calcutta');
    expect(select()?.value).toBe('Asia/Kolkata');
    document.querySelector<HTMLFormElement>('form')?.requestSubmit();
    await vi.waitFor(() => expect(sent).toEqual([{ timeZone: 'Asia/Kolkata' }]));
  });

  it('shows a zone saved under its old name by the new one, without calling it a change', () => {
    render({ ...member, timeZone: 'Asia/Calcutta', effectiveTimeZone: 'Asia/Calcutta' });
    expect(select()?.value).toBe('Asia/Kolkata');
    const save = [...document.querySelectorAll('button')].find((button) => button.textContent?.includes('Save'));
    expect(save?.disabled).toBe(true);
  });
});
