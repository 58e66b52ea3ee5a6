import { join } from 'node:path';
import { zonedInstant, type DraftAgenda, type SessionDetail } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import { nextTuesdayFrom } from '../helpers/dates';
import { desktop, post, SCREENSHOTS, signInThroughMailbox as signIn, startE2e, type E2eWorld } from '../helpers/e2e';

const ORGANISER = 'organiser@demo.apoc.test';
const SUMMIT_ZONE = 'Europe/Berlin';
/** A Tuesday in early March, ahead of today, when Europe and North America are both on winter time. */
const DAY = nextTuesdayFrom('03-01');

const at = (time: string): string => zonedInstant(DAY, time, SUMMIT_ZONE).toISOString();

describe('the time-zone planner in a real browser', () => {
  let world: E2eWorld;
  let base: string;

  beforeAll(async () => {
    world = await startE2e();
    base = world.base;
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('opens the heat map for a session, places it at the top suggestion, and shows the fairness report', async () => {
    const organiser = await desktop(world.browser, 'America/Los_Angeles', { viewport: { width: 1280, height: 1000 } });
    const page = await signIn(organiser, base, ORGANISER);
    const write = <T>(path: string, data: object): Promise<T> => post<T>(organiser, base, path, data, 201);

    // A virtual draft with one 90-minute session at 03:00 in Berlin: night for most of the network.
    const summit = await write<{ id: string }>('/api/summits', {
      title: `Planner Test Summit ${DAY.slice(0, 4)}`,
      format: 'virtual',
      timeZone: SUMMIT_ZONE,
      startDate: DAY,
      endDate: DAY,
    });
    const talk = await write<SessionDetail>(`/api/summits/${summit.id}/sessions`, {
      title: 'Liquid biopsy across the network',
      kind: 'plenary',
      startsAt: at('03:00'),
      endsAt: at('04:30'),
    });

    // The builder: select the session, then "Find a time".
    await page.goto(`${base}/organise/summits/${summit.id}/agenda`);
    const block = page.locator(`[data-testid="builder-block"][data-session-id="${talk.id}"]`);
    await block.waitFor();
    await block.focus();
    await page.getByTestId('find-a-time').click();
    const panel = page.getByTestId('planner-panel');
    await panel.getByRole('heading', { name: 'Find a time for “Liquid biopsy across the network”' }).waitFor();

    // The heat map: every institution a row, 24 hours of the summit's day, the session outlined.
    const heat = panel.getByTestId('heat-map');
    await expect(heat.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(8);
    await expect(heat.locator('thead th').count()).resolves.toBe(25);
    await panel.getByTestId('heat-band').waitFor();
    await expect(panel.innerText()).resolves.toContain('Europe/Berlin (Berlin)');

    // The server's suggestions, best first.
    const top = panel.getByTestId('suggestion').first();
    await top.waitFor();
    const startsAt = await top.getAttribute('data-starts-at');
    expect(startsAt).toBeTruthy();
    await expect(top.innerText()).resolves.toMatch(/Score \d+\/100/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'planner-panel.png'), fullPage: true });

    // "Place here": the session moves, and the builder reads the draft again.
    const patched = page.waitForResponse(
      (r) => r.url().endsWith(`/api/sessions/${talk.id}`) && r.request().method() === 'PATCH',
    );
    const reloaded = page.waitForResponse((r) => r.url().endsWith(`/api/summits/${summit.id}/draft`));
    await top.getByRole('button', { name: /^Place here/ }).click();
    expect((await patched).status()).toBe(200);
    await reloaded;
    const draft = (await (await organiser.request.get(`${base}/api/summits/${summit.id}/draft`)).json()) as DraftAgenda;
    const placed = draft.sessions.find((s) => s.id === talk.id);
    expect(placed?.startsAt).toBe(startsAt);
    expect(Date.parse(placed?.endsAt ?? '') - Date.parse(placed?.startsAt ?? '')).toBe(90 * 60_000);
    await page.getByText('“Liquid biopsy across the network” placed at').first().waitFor();

    // On a phone: the heat map scrolls sideways inside its own region.
    await page.setViewportSize({ width: 390, height: 844 });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SCREENSHOTS, 'planner-panel-390.png') });

    // The fairness tab: a chart of night and out-of-hours sessions, and its table.
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.getByRole('navigation', { name: 'Summit organisation' }).getByRole('link', { name: 'Fairness' }).click();
    await page.waitForURL(`${base}/organise/summits/${summit.id}/fairness`);
    const chart = page.getByTestId('fairness-chart');
    await chart.waitFor();
    await expect(chart.locator('li[data-institution-id]').count()).resolves.toBeGreaterThanOrEqual(8);
    await page.getByText('Show as a table').click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'planner-fairness.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'planner-fairness-390.png'), fullPage: true });

    await organiser.close();
  });
});
