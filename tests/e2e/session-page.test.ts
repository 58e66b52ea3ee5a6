import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTime, formatTimeSpan, type SessionDetail, type SummitDetail } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import {
  desktop,
  phoneScreenshot,
  SCREENSHOTS,
  signInThroughMailbox as signIn,
  startE2e,
  type E2eWorld,
} from '../helpers/e2e';
import { demoSession, publishedDemoSummits } from '../helpers/demo';

const MEMBER = 'marcus.bell@demo.apoc.test';
const BROWSER_ZONE = 'Australia/Melbourne';

describe('a session page, my agenda and the changelog in a real browser', () => {
  let world: E2eWorld;
  let base: string;
  let session: SessionDetail;
  let demo: Awaited<ReturnType<typeof publishedDemoSummits>>;

  beforeAll(async () => {
    world = await startE2e();
    base = world.base;
    demo = await publishedDemoSummits(world.server.url);
    const summit = (await (await fetch(`${world.server.url}/api/summits/${demo.nextVirtual}`)).json()) as SummitDetail;
    // A talk with people, not a break: the page then shows every part.
    const chosen = summit.sessions.find((s) => s.startsAt && s.status === 'scheduled' && s.people.length > 1);
    if (!chosen) throw new Error(`${demo.nextVirtual} has no scheduled session with speakers`);
    session = (await (await fetch(`${world.server.url}/api/sessions/${chosen.id}`)).json()) as SessionDetail;
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('shows the session around the network, stars it, finds it on my agenda and downloads it', async () => {
    const context = await desktop(world.browser, BROWSER_ZONE, { acceptDownloads: true });
    const page = await signIn(context, base, MEMBER);
    const start = Date.parse(session.startsAt ?? '');
    const end = Date.parse(session.endsAt ?? '');
    const range = (zone: string) => formatTimeSpan(start, end, zone, 'en-GB');

    await page.goto(`${base}/sessions/${session.id}`);
    await page.getByRole('heading', { level: 1, name: session.title }).waitFor();

    // In my time (Melbourne) first, the summit's zone a click away.
    const time = page.getByTestId('session-time');
    expect(await time.innerText()).toContain(formatTime(start, BROWSER_ZONE, 'en-GB'));
    await page.getByTestId('zone-summit').click();
    await expect.poll(() => time.innerText()).toContain(formatTime(start, session.summit.timeZone, 'en-GB'));
    await page.getByTestId('zone-mine').click();
    await expect(page.getByTestId('countdown').innerText()).resolves.toMatch(/^(Starts|Live now|Ended)/);

    // The world clock: Seoul and Boston at their own local times, each with a comfort class.
    const clock = (place: string) => page.locator(`[data-testid="clock"][data-place="${place}"]`);
    await clock('asan').waitFor();
    await expect(clock('asan').getByTestId('clock-time').innerText()).resolves.toBe(range('Asia/Seoul'));
    await expect(clock('dana-farber').getByTestId('clock-time').innerText()).resolves.toBe(range('America/New_York'));
    await expect(clock('viewer').getByTestId('clock-time').innerText()).resolves.toBe(range(BROWSER_ZONE));
    for (const place of ['asan', 'dana-farber', 'viewer']) {
      expect(['working', 'acceptable', 'night']).toContain(await clock(place).getAttribute('data-comfort'));
    }
    expect(await page.getByTestId('clock').count()).toBe(10);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'session-page.png'), fullPage: true });

    // Star it: the star fills at once and the server keeps it.
    const star = page.getByRole('button', { name: 'Star', exact: true });
    expect(await star.getAttribute('aria-pressed')).toBe('false');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/sessions/${session.id}/star`));
    await star.click();
    expect((await saved).status()).toBe(204);
    expect(await star.getAttribute('aria-pressed')).toBe('true');

    // Add to calendar: this session's file, and the summit's feed for calendar applications.
    await page.getByTestId('add-to-calendar').click();
    const download = page.getByRole('link', { name: /Download this session/ });
    await download.waitFor();
    await expect(page.getByRole('link', { name: /Apple Calendar/ }).getAttribute('href')).resolves.toBe(
      `webcal://localhost:${world.server.port}/api/summits/${demo.nextVirtual}/calendar.ics`,
    );
    const google = await page.getByRole('link', { name: /Google Calendar/ }).getAttribute('href');
    expect(new URL(google ?? '').searchParams.get('cid')).toBe(
      `webcal://localhost:${world.server.port}/api/summits/${demo.nextVirtual}/calendar.ics`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'session-page-calendar-menu.png') });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe(`session-${session.id}.ics`);
    const ics = readFileSync((await file.path()) ?? '', 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    const response = await context.request.get(`${base}/api/sessions/${session.id}/calendar.ics`);
    expect(response.headers()['content-type']).toMatch(/^text\/calendar/);

    // My agenda, from the account menu.
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Marcus Bell/ })
      .click();
    await page.getByRole('link', { name: 'My agenda' }).click();
    await page.waitForURL(`${base}/me/agenda`);
    const entry = page.locator(`[data-testid="my-agenda-session"][data-session-id="${session.id}"]`);
    await entry.waitFor();
    await expect(entry.getByRole('link', { name: session.title }).getAttribute('href')).resolves.toBe(
      `/sessions/${session.id}`,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'my-agenda.png'), fullPage: true });

    // The changelog: the demo agenda has only its first publication.
    await page.goto(`${base}/summits/${demo.nextVirtual}/changes`);
    await page.getByRole('heading', { level: 1, name: 'What changed' }).waitFor();
    await page.getByRole('heading', { name: 'No changes since the agenda was first published' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'summit-changes.png'), fullPage: true });

    // The summit page links there, and the star shows on the agenda row too.
    await page.goto(`${base}/summits/${demo.nextVirtual}`);
    const row = page.locator(`[data-testid="session"][data-session-id="${session.id}"]`);
    await row.waitFor();
    // The member's stars arrive after the agenda: wait for them rather than reading the first render.
    await expect.poll(() => row.getByTestId('star').getAttribute('aria-pressed')).toBe('true');
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'summit-agenda-stars.png') });
    await expect(page.getByRole('link', { name: 'What changed' }).getAttribute('href')).resolves.toBe(
      `/summits/${demo.nextVirtual}/changes`,
    );
    await page.getByTestId('add-to-calendar').click();
    await page.getByRole('link', { name: /Download the agenda/ }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'summit-calendar-menu.png') });

    await phoneScreenshot(world.browser, context, `${base}/sessions/${session.id}`, 'session-page', BROWSER_ZONE);
    await phoneScreenshot(world.browser, context, `${base}/me/agenda`, 'my-agenda', BROWSER_ZONE);
    await phoneScreenshot(
      world.browser,
      context,
      `${base}/summits/${demo.nextVirtual}/changes`,
      'summit-changes',
      BROWSER_ZONE,
    );
    await context.close();
  });

  it('gives a member a personal feed to subscribe to, whose address can be replaced', async () => {
    const context = await desktop(world.browser, BROWSER_ZONE);
    const page = await signIn(context, base, MEMBER);
    await page.goto(`${base}/me`);
    const feed = page.getByTestId('calendar-feed');
    const url = feed.getByTestId('feed-url');
    // No feed until the member makes one: its address is shown then, once (only its hash is stored).
    await feed.getByTestId('feed-none').waitFor();
    await feed.getByRole('button', { name: 'Make my feed address' }).click();
    await url.waitFor();
    const before = await url.inputValue();
    expect(before).toMatch(new RegExp(`^${base}/api/calendar/[\\w-]+\\.ics$`));
    expect((await context.request.get(before)).headers()['content-type']).toMatch(/^text\/calendar/);
    await expect(feed.getByRole('link', { name: /Apple Calendar/ }).getAttribute('href')).resolves.toBe(
      before.replace(/^http:/, 'webcal:'),
    );

    // Only starred sessions: saved at once.
    const scoped = page.waitForResponse(
      (r) => r.url().endsWith('/api/me/calendar') && r.request().method() === 'PATCH',
    );
    await feed.getByLabel('Only the sessions I starred').check();
    expect((await scoped).status()).toBe(200);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'me-calendar-feed.png'), fullPage: true });

    // A new address, after saying what happens to the old one.
    await feed.getByRole('button', { name: 'Make a new address' }).click();
    const dialog = page.getByRole('dialog', { name: 'Make a new feed address?' });
    await dialog.waitFor();
    await expect(dialog.getByText('stops working at once').isVisible()).resolves.toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Make a new address' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => url.inputValue()).not.toBe(before);
    expect((await context.request.get(before)).status()).toBe(404);
    // Back on the page later, the address is not shown again: the feed exists, and can be replaced.
    await page.reload();
    await feed.getByTestId('feed-exists').waitFor();
    expect(await url.count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await phoneScreenshot(world.browser, context, `${base}/me`, 'me-calendar-feed', BROWSER_ZONE);
    await context.close();
  });

  it('lists a published change with its old and new times in my zone, and marks a cancelled session', async () => {
    const essen = demo.nextInPerson;
    const moved = demoSession(essen, 10);
    const cancelled = demoSession(essen, 16);
    const organiser = await world.browser.newContext({ locale: 'en-GB', timezoneId: BROWSER_ZONE });
    // The organiser has starred nothing: my agenda says how to.
    const empty = await signIn(organiser, base, 'organiser@demo.apoc.test');
    await empty.goto(`${base}/me/agenda`);
    await empty.getByRole('heading', { name: 'No starred sessions yet' }).waitFor();
    expect(await seriousAccessibilityViolations(empty)).toEqual([]);
    await empty.screenshot({ path: join(SCREENSHOTS, 'my-agenda-empty.png'), fullPage: true });
    await empty.close();
    const write = (method: 'patch' | 'post', path: string, data: object) =>
      organiser.request[method](`${base}${path}`, { data, headers: { origin: base } });
    const before = (await (await fetch(`${world.server.url}/api/sessions/${moved}`)).json()) as SessionDetail;
    // One hour later and into Breakout Room A, both free then; another session is cancelled.
    const later = (instant: string | null) => new Date(Date.parse(instant ?? '') + 3_600_000).toISOString();
    const startsAt = later(before.startsAt);
    const endsAt = later(before.endsAt);
    expect(
      (await write('patch', `/api/sessions/${moved}`, { startsAt, endsAt, roomId: `${essen}-breakout-a` })).status(),
    ).toBe(200);
    expect((await write('patch', `/api/sessions/${cancelled}`, { status: 'cancelled' })).status()).toBe(200);
    const published = await write('post', `/api/summits/${essen}/publish`, {
      comment: 'Panel moved after the posters',
    });
    expect(published.status()).toBe(200);
    await organiser.close();

    const context = await desktop(world.browser, BROWSER_ZONE);
    const page = await context.newPage();
    await page.goto(`${base}/summits/${essen}/changes`);
    const version = page.locator('[data-testid="version"][data-version="2"]');
    await version.waitFor();
    await expect(version.getByText('Panel moved after the posters').isVisible()).resolves.toBe(true);
    const change = version.locator(`[data-testid="change"][data-session-id="${moved}"]`);
    const time = change.getByTestId('change-time');
    const oldStart = formatTime(Date.parse(before.startsAt ?? ''), BROWSER_ZONE, 'en-GB');
    const newStart = formatTime(Date.parse(startsAt), BROWSER_ZONE, 'en-GB');
    await expect(time.locator('.old').innerText()).resolves.toContain(oldStart);
    await expect(time.locator('.new').innerText()).resolves.toContain(newStart);
    await expect(time.locator('.new').innerText()).resolves.toContain('(Melbourne)');
    await expect(change.getByTestId('change-room').innerText()).resolves.toMatch(/Plenary Hall[\s\S]*Breakout Room A/);
    await expect(
      version.locator(`[data-testid="change"][data-session-id="${cancelled}"]`).getByText('Cancelled').isVisible(),
    ).resolves.toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'summit-changes-published.png'), fullPage: true });

    // The cancelled session keeps its page, plainly marked.
    await version.locator(`[data-testid="change"][data-session-id="${cancelled}"]`).getByRole('link').click();
    await page.waitForURL(`${base}/sessions/${cancelled}`);
    await page.getByTestId('cancelled-note').waitFor();
    await expect(page.getByTestId('session-phase').innerText()).resolves.toBe('Cancelled');
    expect(await page.getByTestId('world-clock').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'session-page-cancelled.png'), fullPage: true });
    await phoneScreenshot(
      world.browser,
      context,
      `${base}/summits/${essen}/changes`,
      'summit-changes-published',
      BROWSER_ZONE,
    );
    await context.close();
  });

  it('invites visitors to sign in to star a session, and hides stars on the agenda from them', async () => {
    const page = await world.browser.newPage({ locale: 'en-GB', timezoneId: BROWSER_ZONE });
    await page.goto(`${base}/sessions/${session.id}`);
    await page.getByRole('heading', { level: 1, name: session.title }).waitFor();
    await expect(page.getByRole('link', { name: 'Sign in to star this session' }).getAttribute('href')).resolves.toBe(
      `/sign-in?next=${encodeURIComponent(`/sessions/${session.id}`)}`,
    );
    await page.goto(`${base}/summits/${demo.nextVirtual}`);
    await page.getByTestId('session').first().waitFor();
    expect(await page.getByTestId('star').count()).toBe(0);

    await page.goto(`${base}/sessions/no-such-session`);
    await page.getByRole('heading', { level: 1, name: 'Session not found' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
