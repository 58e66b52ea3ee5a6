import type { Announcement, Member } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../lib/session.svelte';
import { institution } from '../../testing/fixtures';
import SummitAnnouncements from './SummitAnnouncements.svelte';

const person = (role: Member['role']) =>
  ({
    id: `m-${role}`,
    email: `${role}@demo.apoc.test`,
    name: 'Jordi Ferrer',
    role,
    institutionId: 'asan',
    timeZone: null,
    effectiveTimeZone: 'Asia/Seoul',
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  }) as Member;

const announcement = (overrides: Partial<Announcement>): Announcement => ({
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
  ...overrides,
});

const json = (body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

describe('<SummitAnnouncements>', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    session.clear();
    vi.unstubAllGlobals();
  });

  async function render(answer: Announcement[], summitZone?: string) {
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => (url === '/api/institutions' ? json([institution()]) : json(answer))),
    );
    component = mount(SummitAnnouncements, {
      target: document.body,
      props: { summitId: 'summit-9', viewerZone: 'Asia/Seoul', summitZone },
    });
    flushSync();
    await settle();
  }

  it('shows nothing to a member with no announcement to read', async () => {
    session.setMember(person('member'));
    await render([]);
    expect(document.querySelector('[data-testid="summit-announcements"]')).toBeNull();
  });

  it('tells organisers where to write one when there is none', async () => {
    session.setMember(person('organiser'));
    await render([]);
    const section = document.querySelector('[data-testid="summit-announcements"]');
    expect(section?.textContent).toContain('No announcement yet');
    expect(section?.querySelector('a')?.getAttribute('href')).toBe('/organise/summits/summit-9/announcements');
  });

  it('lists the announcements, newest first as served, with their Markdown, author, zone and audience', async () => {
    session.setMember(person('member'));
    await render([
      announcement({ id: 'a2', title: 'Visa letters', audience: 'institution', institutionId: 'asan' }),
      announcement({}),
    ]);
    const articles = [...document.querySelectorAll('article')];
    expect(articles.map((article) => article.querySelector('h3')?.textContent)).toEqual([
      'Visa letters',
      'Room change',
    ]);
    expect(articles[0]?.textContent).toContain('To: Asan Medical Center');
    expect(articles[1]?.querySelector('strong')?.textContent).toBe('Hall B');
    expect(articles[1]?.textContent).toContain('from Olivia Park');
    expect(articles[1]?.querySelector('time')?.textContent).toContain('your time (Asia/Seoul)');
    expect(document.body.textContent).toContain('Your time, Asia/Seoul');
    // The summit is in the viewer's zone here: no second time.
    expect(document.querySelector('[data-testid="announcement-summit-time"]')).toBeNull();
  });

  it("adds the summit's time when its zone is not the viewer's, naming both zones", async () => {
    await render([announcement({})], 'Europe/Madrid');
    const summitTime = document.querySelector('[data-testid="announcement-summit-time"]')?.textContent ?? '';
    expect(summitTime).toMatch(/2027.*(14:00|2:00\sPM).*summit time \(Europe\/Madrid\)/);
    expect(document.body.textContent).toContain('Your time, Asia/Seoul; summit time, Europe/Madrid');
  });

  it('keeps older announcements behind a button', async () => {
    await render(['a', 'b', 'c', 'd', 'e'].map((id) => announcement({ id, title: `Note ${id}` })));
    expect(document.querySelectorAll('article')).toHaveLength(3);
    const more = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Show 2 older'));
    more?.click();
    await settle();
    expect(document.querySelectorAll('article')).toHaveLength(5);
    // The button is gone: focus lands on the first announcement it revealed.
    expect(document.activeElement?.textContent).toBe('Note d');
  });

  it('shows the page language’s title and message where the organisers gave them, else the original', async () => {
    session.setMember(person('member'));
    await render([
      announcement({
        id: 'a2',
        title: 'Raumwechsel',
        body: 'Das Plenum zieht in **Halle B**.',
        translations: { en: { title: 'Room change', body: 'The plenary moves to **Hall B**.' } },
      }),
      announcement({
        id: 'a1',
        title: 'Visa letters',
        body: 'Ask the desk.',
        translations: { ko: { title: '비자 서류' } },
      }),
    ]);
    const articles = [...document.querySelectorAll('article')];
    expect(articles.map((article) => article.querySelector('h3')?.textContent)).toEqual([
      'Room change',
      'Visa letters',
    ]);
    expect(articles[0]?.querySelector('strong')?.textContent).toBe('Hall B');
    expect(articles[0]?.textContent).not.toContain('Plenum');
    expect(articles[1]?.textContent).toContain('Ask the desk.');
  });
});
