import { join } from 'node:path';
import { addDays, localDate, type JoinResult } from '@apoc/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import {
  desktop,
  phoneScreenshot,
  post,
  SCREENSHOTS,
  signInThroughMailbox as signIn,
  startE2e,
  type E2eWorld,
} from '../helpers/e2e';

const ORGANISER = 'organiser@demo.apoc.test';
/** Registers online for the virtual summit; reads it from Melbourne. */
const ONLINE_MEMBER = 'grace.nguyen@demo.apoc.test';
/** Registers for the hybrid summit in person only; reads it from Essen. */
const IN_PERSON_MEMBER = 'lukas.brandt@demo.apoc.test';
const SUMMIT_ZONE = 'America/New_York';
const ROOM_URL = 'https://video.example.org/room';

describe('joining a virtual session at the right moment', () => {
  let world: E2eWorld;
  let base: string;
  let organiser: BrowserContext;
  let organiserPage: Page;

  /** A published summit of `format`, today and tomorrow in its zone, whose one session starts in 10 minutes. */
  async function summitStartingSoon(format: 'virtual' | 'hybrid'): Promise<{ summitId: string; sessionId: string }> {
    const today = localDate(Date.now(), SUMMIT_ZONE);
    const summit = await post<{ id: string }>(organiser, base, '/api/summits', {
      title: `Molecular tumour boards online (${format})`,
      format,
      timeZone: SUMMIT_ZONE,
      startDate: today,
      endDate: addDays(today, 1),
      seats: { inPerson: format === 'hybrid' ? 50 : null, virtual: null },
      ...(format === 'hybrid' ? { venue: { name: 'Dana-Farber, Yawkey Center', city: 'Boston' } } : {}),
    });
    const start = Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000;
    const session = await post<{ id: string }>(organiser, base, `/api/summits/${summit.id}/sessions`, {
      title: 'ctDNA-guided adjuvant therapy: the evidence in 2027',
      kind: 'plenary',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 60 * 60_000).toISOString(),
      joinUrl: ROOM_URL,
      abstract: 'Where minimal residual disease testing changes decisions, and where it does not yet.',
    });
    await post(organiser, base, `/api/summits/${summit.id}/publish`, {});
    return { summitId: summit.id, sessionId: session.id };
  }

  beforeAll(async () => {
    world = await startE2e();
    base = world.base;
    organiser = await desktop(world.browser, 'America/Los_Angeles');
    organiserPage = await signIn(organiser, base, ORGANISER);
  });

  afterAll(async () => {
    await organiser?.close();
    await world?.stop();
  });

  it('shows the Join button to a member registered online 10 minutes before the start, not to one registered in person', async () => {
    const virtual = await summitStartingSoon('virtual');
    const hybrid = await summitStartingSoon('hybrid');

    // Grace registers online for the virtual summit, in Melbourne.
    const online = await desktop(world.browser, 'Australia/Melbourne');
    // Never leave for the video platform: the room's address answers with a stand-in page.
    await online.route('https://video.example.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Room</title><p>Video room</p>' }),
    );
    const page = await signIn(online, base, ONLINE_MEMBER);
    await post(online, base, `/api/summits/${virtual.summitId}/registrations`, { mode: 'virtual' });

    await page.goto(`${base}/sessions/${virtual.sessionId}`);
    const box = page.getByTestId('join-box');
    await box.waitFor();
    const button = page.getByTestId('join-button');
    await button.waitFor();
    expect(await box.getAttribute('data-state')).toBe('open');
    // Beside it, the live panel: connected, with Grace counted among those here.
    const panel = page.getByTestId('live-panel');
    await panel.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await expect.poll(async () => /\d+/.exec(await panel.getByTestId('live-presence').innerText())?.[0]).toBe('1');
    await panel.getByTestId('live-ask-input').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'join-box-open.png'), fullPage: true });

    // Joining: the server records it and answers with the room; the new tab goes there.
    const joined = page.waitForResponse(
      (r) => r.url().endsWith(`/api/sessions/${virtual.sessionId}/join`) && r.request().method() === 'POST',
    );
    const popup = online.waitForEvent('page');
    await button.click();
    const response = await joined;
    expect(response.status()).toBe(200);
    expect(((await response.json()) as JoinResult).joinUrl).toBe(ROOM_URL);
    const tab = await popup;
    await tab.waitForURL(ROOM_URL);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    await tab.close();
    await page.getByTestId('join-opened').waitFor();
    await expect(page.getByTestId('join-opened').getByRole('link').getAttribute('href')).resolves.toBe(ROOM_URL);

    // Now & next: the session comes next, with its countdown, in Melbourne time.
    await page.goto(`${base}/summits/${virtual.summitId}/now`);
    await page.getByRole('heading', { level: 1, name: 'Now & next' }).waitFor();
    const next = page.getByTestId('now-next').locator(`[data-session-id="${virtual.sessionId}"]`);
    await next.waitFor();
    await expect(next.innerText()).resolves.toMatch(/starts in \d+ minutes?/);
    expect(await page.getByText('Australia/Melbourne').count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'now-next.png'), fullPage: true });

    // The summit page, on the summit's first day, links to it.
    await page.goto(`${base}/summits/${virtual.summitId}`);
    await expect(page.getByRole('link', { name: 'Now & next' }).getAttribute('href')).resolves.toBe(
      `/summits/${virtual.summitId}/now`,
    );

    // Reminders: the profile's preference is saved at once.
    await page.goto(`${base}/me`);
    const reminders = page.getByTestId('reminder-preference');
    await reminders.waitFor();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
    await reminders.getByLabel('All sessions of the summits I registered for').check();
    expect((await saved).status()).toBe(200);
    const me = (await (await online.request.get(`${base}/api/me`)).json()) as { reminders: string };
    expect(me.reminders).toBe('all');
    await reminders.screenshot({ path: join(SCREENSHOTS, 'profile-reminders.png') });

    await phoneScreenshot(world.browser, online, `${base}/sessions/${virtual.sessionId}`, 'join-box-open');
    await phoneScreenshot(world.browser, online, `${base}/summits/${virtual.summitId}/now`, 'now-next');
    await online.close();

    // Lukas registers for the hybrid summit in person only: no Join button, and why.
    const inPerson = await desktop(world.browser, 'Europe/Berlin');
    const lukas = await signIn(inPerson, base, IN_PERSON_MEMBER);
    await post(inPerson, base, `/api/summits/${hybrid.summitId}/registrations`, { mode: 'in_person' });
    await lukas.goto(`${base}/sessions/${hybrid.sessionId}`);
    await lukas.getByTestId('join-not-entitled').waitFor();
    expect(await lukas.getByTestId('join-button').count()).toBe(0);
    await expect(lukas.getByTestId('join-not-entitled').innerText()).resolves.toContain(
      'Joining online needs an online registration',
    );
    const refused = await inPerson.request.post(`${base}/api/sessions/${hybrid.sessionId}/join`, {
      headers: { origin: base },
    });
    expect(refused.status()).toBe(403);
    expect(await seriousAccessibilityViolations(lukas)).toEqual([]);
    await lukas.screenshot({ path: join(SCREENSHOTS, 'join-box-not-entitled.png'), fullPage: true });
    await inPerson.close();

    // The organisers see Grace's join in the attendance, per institution, with the CSV.
    await organiserPage.goto(`${base}/organise/summits/${virtual.summitId}/attendance`);
    await organiserPage.getByRole('heading', { level: 1 }).waitFor();
    const row = organiserPage.getByTestId('attendance-table').locator(`[data-session-id="${virtual.sessionId}"]`);
    await row.waitFor();
    await expect(row.locator('td.numeric').innerText()).resolves.toBe('1');
    await organiserPage.getByText('Per institution, as a table').click();
    await expect(organiserPage.getByTestId('attendance-by-institution').innerText()).resolves.toContain('Peter Mac');
    await expect(organiserPage.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).resolves.toBe(
      `/api/summits/${virtual.summitId}/attendance.csv`,
    );
    const csv = await organiser.request.get(`${base}/api/summits/${virtual.summitId}/attendance.csv`);
    expect(await csv.text()).toContain('ctDNA-guided adjuvant therapy');
    expect(await seriousAccessibilityViolations(organiserPage)).toEqual([]);
    await organiserPage.screenshot({ path: join(SCREENSHOTS, 'attendance.png'), fullPage: true });
    await phoneScreenshot(
      world.browser,
      organiser,
      `${base}/organise/summits/${virtual.summitId}/attendance`,
      'attendance',
    );
  });
});
