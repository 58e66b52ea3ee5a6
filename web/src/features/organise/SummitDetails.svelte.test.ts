import type { DraftAgenda } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { summit } from '../../testing/fixtures';
import SummitDetails from './SummitDetails.svelte';

function draft(overrides: Partial<DraftAgenda> = {}): DraftAgenda {
  return { ...summit(), conflicts: [], publishedVersion: null, pendingChanges: [], ...overrides };
}

const json = (body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));

describe('<SummitDetails>', () => {
  let component: ReturnType<typeof mount> | undefined;
  // The guests' lists answer empty; the PATCH answers the summit.
  const fetch = vi.fn((_path: string, init?: RequestInit) => json(init?.method === 'PATCH' ? summit() : []));
  const onreload = vi.fn();

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
    onreload.mockClear();
  });

  function render(agenda: DraftAgenda) {
    vi.stubGlobal('fetch', fetch);
    component = mount(SummitDetails, { target: document.body, props: { draft: agenda, institutions: [], onreload } });
    flushSync();
  }

  /** Each language the form offers, with its status as the fold's summary shows it. */
  const statuses = () =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('[data-testid^="translation-status-"]')].map((badge) => [
        badge.dataset.testid?.replace('translation-status-', ''),
        badge.textContent?.trim(),
      ]),
    );
  const translated = (language: string, field: 'input' | 'textarea') =>
    document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`details ${field}[lang="${language}"]`)!;
  const type = (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
  };
  const patches = () =>
    fetch.mock.calls
      .filter(([, init]) => init?.method === 'PATCH')
      .map(([path, init]) => ({ path, body: JSON.parse(String(init?.body)) as unknown }));

  it('shows, per language named in its own words, what is translated and what is missing', () => {
    render(
      draft({ translations: { fr: { title: 'Sommet de printemps 2027' }, ko: { description: '서울에서 이틀.' } } }),
    );
    expect(statuses()).toEqual({ fr: 'Title only', de: 'Missing', es: 'Missing', ko: 'Description only' });
    const names = [...document.querySelectorAll('summary [lang]')].map((n) => [n.getAttribute('lang'), n.textContent]);
    expect(names).toEqual([
      ['fr', 'Français'],
      ['de', 'Deutsch'],
      ['es', 'Español'],
      ['ko', '한국어'],
    ]);
    // Each field names its language in the page's words, beside the fold's "Title" and "Description".
    expect(translated('de', 'input').getAttribute('aria-label')).toBe('Title in German');
    expect(translated('ko', 'textarea').getAttribute('aria-label')).toBe('Description in Korean');
    expect(translated('fr', 'input').value).toBe('Sommet de printemps 2027');
    expect(translated('ko', 'textarea').value).toBe('서울에서 이틀.');
    // The status follows the typing.
    type(translated('de', 'input'), 'APoC Frühjahrs-Summit 2027');
    expect(statuses()).toMatchObject({ de: 'Title only' });
    type(translated('de', 'textarea'), 'Zwei Tage in **London**.');
    expect(statuses()).toMatchObject({ de: 'Title and description' });
  });

  it('sends a typed translation in the same PATCH as the rest, with those already given, and nothing untouched', async () => {
    render(draft({ translations: { fr: { title: 'Sommet de printemps 2027' } } }));
    expect(document.querySelector('.status')?.textContent).toBe('Everything is saved.');

    type(translated('es', 'input'), '  Cumbre de primavera 2027 ');
    type(translated('es', 'textarea'), 'Dos días en *Londres*.');
    document.querySelector('form')?.requestSubmit();
    await vi.waitFor(() => expect(onreload).toHaveBeenCalled());

    expect(patches()).toEqual([
      {
        path: '/api/summits/summit-1',
        body: {
          translations: {
            fr: { title: 'Sommet de printemps 2027' },
            es: { title: 'Cumbre de primavera 2027', description: 'Dos días en *Londres*.' },
          },
        },
      },
    ]);
    // Saved: the form holds what it sent, and a further change is one again.
    expect(document.querySelector('.status')?.textContent).toBe('Everything is saved.');
    type(translated('es', 'input'), 'Cumbre de primavera');
    expect(document.querySelector('.status')?.textContent).toBe('Unsaved changes.');
  });

  it('keeps an English translation in sight, and in the PATCH, when the summit has one', async () => {
    render(draft({ translations: { en: { title: 'Spring Summit' } } }));
    expect(statuses()).toEqual({ fr: 'Missing', de: 'Missing', es: 'Missing', ko: 'Missing', en: 'Title only' });
    type(translated('fr', 'input'), 'Sommet de printemps');
    document.querySelector('form')?.requestSubmit();
    await vi.waitFor(() => expect(onreload).toHaveBeenCalled());
    expect(patches()[0]?.body).toEqual({
      translations: { en: { title: 'Spring Summit' }, fr: { title: 'Sommet de printemps' } },
    });
  });
});
