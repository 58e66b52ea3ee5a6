import { join } from 'node:path';
import { formatTime, type SummitDetail, type SummitSummary } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import { SCREENSHOTS, startE2e, type E2eWorld } from '../helpers/e2e';

const BROWSER_ZONES = ['Asia/Seoul', 'America/New_York'];

/** A pattern for text that begins with `prefix`; the page re-renders after a click, so tests poll for it. */
const startsWith = (prefix: string) => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

describe('the agenda in a real browser', () => {
  let world: E2eWorld;
  let summits: SummitSummary[];
  let summit: SummitDetail;

  beforeAll(async () => {
    world = await startE2e();
    summits = (await (await fetch(`${world.server.url}/api/summits`)).json()) as SummitSummary[];
    // A summit in neither browser zone, so that "my time" and "summit time" differ in both.
    const chosen = summits.find((s) => !BROWSER_ZONES.includes(s.timeZone)) ?? summits[0];
    if (!chosen) throw new Error('the demo network has no summits');
    summit = (await (await fetch(`${world.server.url}/api/summits/${chosen.id}`)).json()) as SummitDetail;
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('lists the seeded summits on the home page', async () => {
    const page = await world.browser.newPage({ timezoneId: 'Europe/Paris', locale: 'en-GB' });
    await page.goto(world.server.url);
    await page.getByTestId('summit-card').first().waitFor();
    const cards = page.getByTestId('summit-card');
    expect(await cards.count()).toBe(summits.length);
    for (const s of summits)
      await expect(page.getByText(s.title, { exact: false }).first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'home.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  for (const timeZone of BROWSER_ZONES) {
    it(`shows the same session at the right local time in ${timeZone}`, async () => {
      const first = summit.sessions.find((s) => s.startsAt && s.status === 'scheduled');
      if (!first?.startsAt) throw new Error('the summit has no scheduled session');
      const context = await world.browser.newContext({ timezoneId: timeZone, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(`${world.server.url}/summits/${summit.id}`);

      const row = page.locator(`[data-testid="session"][data-session-id="${first.id}"]`);
      await row.waitFor();
      const shownTime = async () => (await row.getByTestId('session-time').innerText()).trim();
      // An in-person summit opens in its own zone (the attendee will be there), others in the viewer's.
      const opensIn = summit.format === 'in_person' ? summit.timeZone : timeZone;
      await expect.poll(shownTime).toMatch(startsWith(formatTime(new Date(first.startsAt), opensIn, 'en-GB')));

      // My time, one click away.
      await page.getByTestId('zone-mine').click();
      await expect.poll(shownTime).toMatch(startsWith(formatTime(new Date(first.startsAt), timeZone, 'en-GB')));
      // The page says which zone it shows.
      await expect(page.getByText(timeZone, { exact: false }).first().isVisible()).resolves.toBe(true);
      await page.locator('[data-testid="session-list"][data-settled="true"]').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `summit-${timeZone.replace('/', '-')}.png`), fullPage: true });

      // And the summit's own zone, one click away too.
      await page.getByTestId('zone-summit').click();
      await expect.poll(shownTime).toMatch(startsWith(formatTime(new Date(first.startsAt), summit.timeZone, 'en-GB')));

      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('shows a friendly page for an unknown summit, with no accessibility problems', async () => {
    const page = await world.browser.newPage({ locale: 'en-GB' });
    await page.goto(`${world.server.url}/summits/no-such-summit`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await world.browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'en-GB',
      timezoneId: 'Australia/Melbourne',
    });
    await page.goto(`${world.server.url}/summits/${summit.id}`);
    await page.getByTestId('session').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'summit-phone.png'), fullPage: false });
    await page.close();
  });
});
