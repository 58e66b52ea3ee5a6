import type { Quotas } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { institution } from '../../testing/fixtures';
import QuotasEditor from './QuotasEditor.svelte';

describe('<QuotasEditor> release date', () => {
  let component: ReturnType<typeof mount> | undefined;
  const sent: Quotas[] = [];

  beforeEach(() => {
    sent.length = 0;
    vi.stubGlobal('fetch', (_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body ?? '{}')) as Quotas;
      sent.push(body);
      return Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));
    });
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  async function save(quotas: Quotas, typed?: string): Promise<Quotas | undefined> {
    component = mount(QuotasEditor, {
      target: document.body,
      props: {
        summitId: 'boston',
        timeZone: 'America/New_York',
        seatsInPerson: 100,
        institutions: [institution()],
        quotas,
        onsaved: () => undefined,
      },
    });
    flushSync();
    const release = document.querySelector<HTMLInputElement>('input[type="datetime-local"]');
    if (!release) throw new Error('no release date');
    if (typed !== undefined) {
      release.value = typed;
      release.dispatchEvent(new Event('input', { bubbles: true }));
    }
    document.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    return sent[0];
  }

  it('saves a release in the second pass of the hour New York repeats without moving it an hour earlier', async () => {
    // 01:30 EST on 7 November 2027, after the clocks went back from 01:59 EDT.
    const saved = await save({ quotas: { asan: 10 }, releaseAt: '2027-11-07T06:30:00.000Z' });
    expect(saved?.releaseAt).toBe('2027-11-07T06:30:00.000Z');
  });

  it('reads a release typed in the repeated hour as its first pass', async () => {
    const saved = await save({ quotas: { asan: 10 }, releaseAt: '2027-11-07T06:30:00.000Z' }, '2027-11-07T01:45');
    expect(saved?.releaseAt).toBe('2027-11-07T05:45:00.000Z');
  });
});
