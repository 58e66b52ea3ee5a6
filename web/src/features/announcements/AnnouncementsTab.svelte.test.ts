import type { Announcement } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { toasts } from '../../lib/toasts.svelte';
import { institution } from '../../testing/fixtures';
import AnnouncementsTab from './AnnouncementsTab.svelte';

const asan = institution();

const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
    }),
  );

const sentOne: Announcement = {
  id: 'a1',
  summitId: 'summit-9',
  title: 'Room change',
  body: 'The plenary moves to **Hall B**.',
  translations: {},
  audience: 'all',
  institutionId: null,
  author: { id: 'm-organiser', name: 'Olivia Park' },
  recipientCount: 23,
  createdAt: '2027-03-09T13:00:00.000Z',
};

describe('<AnnouncementsTab>', () => {
  let component: ReturnType<typeof mount> | undefined;
  let sent: Announcement[] = [];
  const fetch = vi.fn((url: string, init?: RequestInit) => {
    const body = init?.body
      ? (JSON.parse(String(init.body)) as Partial<Pick<Announcement, 'audience' | 'translations'>>)
      : undefined;
    if (url === '/api/institutions') return json([asan]);
    if (url === '/api/summits/summit-9/announcements/preview') {
      return json({ recipients: body?.audience === 'all' ? 23 : body?.audience === 'institution' ? 4 : 0 });
    }
    if (url === '/api/summits/summit-9/announcements' && init?.method === 'POST') {
      sent = [{ ...sentOne, translations: body?.translations ?? {} }];
      return json(sent[0], 201);
    }
    if (url === '/api/summits/summit-9/announcements') return json(sent);
    return json({ type: 'about:blank', title: 'Not found', status: 404 }, 404);
  });

  beforeAll(() => {
    // jsdom has no modal dialogs: open and close the element as a browser would.
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  });

  beforeEach(() => {
    sent = [];
    vi.stubGlobal('fetch', fetch);
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    toasts.items = [];
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
  });

  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };

  function render(summitZone?: string) {
    component = mount(AnnouncementsTab, {
      target: document.body,
      props: { summitId: 'summit-9', viewerZone: 'Europe/Berlin', summitZone },
    });
    flushSync();
  }

  const count = () => document.querySelector('[data-testid="recipient-count"]')?.textContent?.trim() ?? '';
  const sendButton = () =>
    [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('Send…'));

  function type(selector: string, value: string, event = 'input'): void {
    const field = document.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(selector);
    if (!field) throw new Error(`no ${selector}`);
    field.value = value;
    field.dispatchEvent(new Event(event, { bubbles: true }));
    flushSync();
  }

  it('says how many registrants the audience reaches, and that nothing was sent yet', async () => {
    render();
    await settle();
    expect(count()).toContain('Will be sent to 23 registrants');
    expect(document.body.textContent).toContain('Nothing sent yet');

    type('select', 'in_person', 'change');
    await settle();
    expect(count()).toContain('Nobody holding a place matches this audience yet');
    expect(sendButton()?.disabled).toBe(true);

    type('select', 'institution', 'change');
    await settle();
    expect(count()).toContain('Choose the institution');
    type(`select[id$="-institution"]`, 'asan', 'change');
    await settle();
    expect(count()).toContain('Will be sent to 4 registrants');
  });

  it('asks before sending to everyone, sends, says so and lists what was sent', async () => {
    render();
    await settle();
    type('input[type="text"]', 'Room change');
    type('textarea', 'The plenary moves to **Hall B**.');
    sendButton()?.click();
    flushSync();

    const dialog = document.querySelector('dialog');
    expect(dialog?.hasAttribute('open')).toBe(true);
    expect(dialog?.textContent).toContain('Send to 23 registrants?');
    expect(fetch.mock.calls.some(([, init]) => init?.method === 'POST' && !String(init.body).includes('"title"'))).toBe(
      true,
    );
    [...(dialog?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.includes('Send now'))?.click();
    await settle();
    await settle();

    const post = fetch.mock.calls.find(([url, init]) => url.endsWith('/announcements') && init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      title: 'Room change',
      body: 'The plenary moves to **Hall B**.',
      audience: 'all',
    });
    expect(toasts.items.map((toast) => toast.message)).toEqual([
      'Sent to 23 registrants: the e-mails are on their way, and it shows on the summit page.',
    ]);
    expect(dialog?.hasAttribute('open')).toBe(false);
    const list = document.querySelector('[data-testid="sent-announcements"]');
    expect(list?.textContent).toContain('Room change');
    expect(list?.textContent).toContain('23 registrants');
    // Written in the viewer's zone (the words depend on the locale the tests run in).
    const time = list?.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe('2027-03-09T13:00:00.000Z');
    expect(time?.textContent).toMatch(/2027.*(14:00|2:00\sPM)/);
    expect(document.querySelector<HTMLInputElement>('input[type="text"]')?.value).toBe('');
  });

  it("adds the summit's time to each date when its zone is not the viewer's, naming both zones", async () => {
    sent = [sentOne];
    render('Asia/Seoul');
    await settle();
    const list = document.querySelector('[data-testid="sent-announcements"]');
    expect(list?.querySelector('time')?.textContent).toContain('your time (Europe/Berlin)');
    const summitTime = list?.querySelector('[data-testid="announcement-summit-time"]')?.textContent ?? '';
    expect(summitTime).toMatch(/2027.*(22:00|10:00\sPM).*summit time \(Asia\/Seoul\)/);
    expect(document.body.textContent).toContain('Your time, Europe/Berlin; summit time, Asia/Seoul');
  });

  it('keeps the Message label on its field while previewing', async () => {
    render();
    await settle();
    type('textarea', 'Bring **your badge**.');
    [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Preview'))?.click();
    flushSync();
    const label = [...document.querySelectorAll('label')].find((l) => l.textContent === 'Message');
    const field = document.getElementById(label?.htmlFor ?? '');
    expect(field?.tagName).toBe('TEXTAREA');
    expect(field?.hidden).toBe(true);
    expect(document.querySelector('[data-testid="announcement-preview"] strong')?.textContent).toBe('your badge');
  });

  it("ties the institution's error to its field", async () => {
    render();
    await settle();
    type('select', 'institution', 'change');
    document.querySelector('form')?.requestSubmit();
    flushSync();
    const select = document.querySelector<HTMLSelectElement>('select[id$="-institution"]');
    expect(select?.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(select?.getAttribute('aria-describedby') ?? '');
    expect(error?.classList.contains('field-error')).toBe(true);
    expect(error?.textContent?.trim()).not.toBe('');
  });

  it('shows what is missing instead of asking to send', async () => {
    render();
    await settle();
    sendButton()?.click();
    flushSync();
    expect(document.querySelector('dialog')?.hasAttribute('open')).toBe(false);
    expect(document.body.textContent).toContain('Give the announcement a title.');
    expect(document.body.textContent).toContain('Write the message.');
  });

  it('sends the translations given, says which languages are translated and which are missing, and lists them', async () => {
    render();
    await settle();
    type('input[type="text"]', 'Room change');
    type('textarea', 'The plenary moves to **Hall B**.');
    const section = document.querySelector('[data-testid="announcement-translations"]');
    const language = (code: string) => section?.querySelector(`details[data-language="${code}"]`);
    const state = (code: string) => language(code)?.querySelector('summary .badge')?.textContent?.trim();
    expect(['en', 'fr', 'de', 'es', 'ko'].map(state)).toEqual(['Missing', 'Missing', 'Missing', 'Missing', 'Missing']);
    // Each language is named in its own words; its fields are written in it and named with it in the page's.
    expect(language('ko')?.querySelector('summary [lang="ko"]')?.textContent).toBe('한국어');
    const koreanTitle = language('ko')?.querySelector('input');
    expect(koreanTitle?.lang).toBe('ko');
    expect(koreanTitle?.getAttribute('aria-label')).toBe('Title in Korean');
    expect(language('ko')?.querySelector('textarea')?.getAttribute('aria-label')).toBe('Message in Korean');

    type('details[data-language="ko"] input', ' 강의실 변경 ');
    type('details[data-language="ko"] textarea', '본회의는 **B홀**로 옮깁니다.');
    type('details[data-language="fr"] input', 'Changement de salle');
    type('details[data-language="de"] input', '   ');
    expect(['en', 'fr', 'de', 'es', 'ko'].map(state)).toEqual([
      'Missing',
      'Title only',
      'Missing',
      'Missing',
      'Translated',
    ]);

    sendButton()?.click();
    flushSync();
    const dialog = document.querySelector('dialog');
    const confirmed = dialog?.querySelector('[data-testid="confirm-translations"]');
    expect(confirmed?.textContent?.trim()).toBe('Français and 한국어');
    expect([...(confirmed?.querySelectorAll('[lang]') ?? [])].map((span) => span.getAttribute('lang'))).toEqual([
      'fr',
      'ko',
    ]);
    [...(dialog?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.includes('Send now'))?.click();
    await settle();
    await settle();

    const post = fetch.mock.calls.find(([url, init]) => url.endsWith('/announcements') && init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      title: 'Room change',
      body: 'The plenary moves to **Hall B**.',
      translations: {
        fr: { title: 'Changement de salle' },
        ko: { title: '강의실 변경', body: '본회의는 **B홀**로 옮깁니다.' },
      },
      audience: 'all',
    });

    // The list says which languages it went out in; the form starts afresh.
    const languages = document.querySelector('[data-testid="sent-languages"]');
    expect(languages?.textContent?.trim()).toBe('Translations: Français and 한국어');
    expect(languages?.querySelector('[lang="ko"]')?.textContent).toBe('한국어');
    expect(document.querySelector<HTMLInputElement>('details[data-language="ko"] input')?.value).toBe('');
    expect(state('ko')).toBe('Missing');
  });

  it('says when a sent announcement had no translations', async () => {
    sent = [sentOne];
    render();
    await settle();
    expect(document.querySelector('[data-testid="sent-languages"]')?.textContent?.trim()).toBe('No translations');
    expect(document.querySelector('[data-testid="confirm-translations"]')?.textContent?.trim()).toBe(
      'None: everyone gets it as written',
    );
  });
});
