import type { AgendaSession, DraftAgenda } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { polyfillModalDialogs } from '../../../testing/dialog';
import { session, summit } from '../../../testing/fixtures';
import AgendaBuilder from './AgendaBuilder.svelte';
import SessionDialog from './SessionDialog.svelte';

// A session's credit hours in the agenda builder: the session editor's field, and the quiet mark on the cards.
function draft(sessions: AgendaSession[]): DraftAgenda {
  return {
    ...summit({ status: 'draft', accreditation: null, sessions }),
    conflicts: [],
    publishedVersion: null,
    pendingChanges: [],
  };
}

const keynote = session({
  id: 'keynote',
  title: 'Opening keynote',
  kind: 'keynote',
  roomId: 'auditorium',
  startsAt: '2027-03-09T09:00:00.000Z',
  endsAt: '2027-03-09T10:00:00.000Z',
  credits: 0.75,
});

describe('credit hours in the agenda builder', () => {
  let component: ReturnType<typeof mount> | undefined;
  const fetch = vi.fn((_path: string, _init?: RequestInit) =>
    Promise.resolve(new Response(JSON.stringify({}), { headers: { 'content-type': 'application/json' } })),
  );
  const onsaved = vi.fn();

  beforeAll(polyfillModalDialogs);

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
    onsaved.mockClear();
  });

  function editor(given: AgendaSession) {
    vi.stubGlobal('fetch', fetch);
    component = mount(SessionDialog, {
      target: document.body,
      props: {
        open: true,
        summit: draft([given]),
        session: given,
        days: ['2027-03-09', '2027-03-10'],
        institutions: new Map(),
        viewerZone: 'Europe/London',
        onsaved,
      },
    });
    flushSync();
  }

  const credits = () => {
    const label = [...document.querySelectorAll('label')].find((node) => node.textContent?.trim() === 'Credit hours');
    return document.getElementById(label?.getAttribute('for') ?? '') as HTMLInputElement;
  };
  const set = (input: HTMLInputElement | HTMLSelectElement, value: string, event = 'input') => {
    input.value = value;
    input.dispatchEvent(new Event(event, { bubbles: true }));
    flushSync();
  };
  const save = () => {
    document.querySelector<HTMLFormElement>('dialog form')?.requestSubmit();
    flushSync();
  };
  const patches = () =>
    fetch.mock.calls
      .filter(([, init]) => init?.method === 'PATCH')
      .map(([, init]) => JSON.parse(String(init?.body)) as Record<string, unknown>);

  it('edits a session’s credit hours with its other fields', async () => {
    editor(keynote);
    const field = credits();
    expect(field.type).toBe('number');
    expect(field.step).toBe('0.25');
    expect(field.value).toBe('0.75');
    set(field, '1.5');
    save();
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(patches()[0]).toMatchObject({ title: 'Opening keynote', kind: 'keynote', credits: 1.5 });
  });

  it('sends null for an emptied field, and refuses what is not a quarter hour', async () => {
    editor(keynote);
    set(credits(), '0.3');
    save();
    expect(credits().getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(credits().getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'From 0.25 to 12 hours, in quarter hours.',
    );
    expect(patches()).toEqual([]);
    set(credits(), '');
    save();
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(patches()[0]).toMatchObject({ credits: null });
  });

  it('gives breaks and networking no credit hours', async () => {
    editor(keynote);
    const kind = document.querySelector<HTMLSelectElement>('dialog select')!;
    set(kind, 'break', 'change');
    expect(credits().disabled).toBe(true);
    expect(credits().value).toBe('');
    expect(document.getElementById(credits().getAttribute('aria-describedby') ?? '')?.textContent?.trim()).toBe(
      'Breaks and networking earn no credits.',
    );
    save();
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(patches()[0]).toMatchObject({ kind: 'break', credits: null });
  });

  it('shows a session’s credit hours on its card, and nothing for a session without', () => {
    vi.stubGlobal('fetch', fetch);
    const plain = session({
      id: 'plain',
      title: 'Coffee',
      kind: 'break',
      roomId: 'auditorium',
      startsAt: '2027-03-09T10:00:00.000Z',
      endsAt: '2027-03-09T11:30:00.000Z',
    });
    const long = { ...keynote, endsAt: '2027-03-09T10:30:00.000Z' };
    component = mount(AgendaBuilder, {
      target: document.body,
      props: { draft: draft([long, plain]), institutions: [], viewerZone: 'Europe/London', onreload: () => undefined },
    });
    flushSync();
    const card = (id: string) => document.querySelector(`[data-testid="builder-block"][data-session-id="${id}"]`);
    expect(card('keynote')?.querySelector('.credits')?.textContent).toBe('Credits: 0.75\u00a0h');
    expect(card('plain')?.querySelector('.credits')).toBeNull();
  });
});
