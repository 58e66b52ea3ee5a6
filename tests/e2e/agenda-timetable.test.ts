import { join } from 'node:path';
import { zonedInstant, type SummitDetail } from '@apoc/shared';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import { desktop, post, SCREENSHOTS, signInThroughMailbox, startE2e, type E2eWorld } from '../helpers/e2e';

// The timetable of a virtual summit whose sessions have no room, two of them at the same time, seen from
// Seoul; and the whole agenda on paper. The summit's dates are its own, far from "now": nothing here
// depends on the day the test runs.
const ZONE = 'America/New_York';
const VIEWER = 'Asia/Seoul';
const FIRST_DAY = '2031-09-16';
const SECOND_DAY = '2031-09-17';

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('the element is not on screen');
  return found;
}

describe('the timetable and the printed agenda in a real browser', () => {
  let world: E2eWorld;
  let summit: SummitDetail;

  beforeAll(async () => {
    world = await startE2e();
    const organiser = await desktop(world.browser, ZONE);
    await (await signInThroughMailbox(organiser, world.base, 'organiser@demo.apoc.test')).close();
    const write = <T>(path: string, data: object) => post<T>(organiser, world.base, path, data);
    const created = await write<{ id: string }>('/api/summits', {
      title: 'Timetable Test Summit',
      format: 'virtual',
      timeZone: ZONE,
      startDate: FIRST_DAY,
      endDate: SECOND_DAY,
      seats: { virtual: 100 },
    });
    const session = (title: string, day: string, start: string, end: string, kind = 'plenary') =>
      write(`/api/summits/${created.id}/sessions`, {
        title,
        kind,
        startsAt: zonedInstant(day, start, ZONE).toISOString(),
        endsAt: zonedInstant(day, end, ZONE).toISOString(),
      });
    await session('Lung cancer screening in practice', FIRST_DAY, '07:00', '08:30');
    await session('Colorectal trials across centres', FIRST_DAY, '07:30', '08:30');
    await session('Break', FIRST_DAY, '08:30', '08:45', 'break');
    await session('Prostate imaging', FIRST_DAY, '08:45', '10:00');
    await session('Second day opening', SECOND_DAY, '07:00', '08:00');
    await write(`/api/summits/${created.id}/publish`, {});
    summit = (await (await fetch(`${world.server.url}/api/summits/${created.id}`)).json()) as SummitDetail;
    await organiser.close();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('draws sessions without a room that overlap side by side, both whole, none covering another', async () => {
    const context = await desktop(world.browser, VIEWER);
    const page = await context.newPage();
    await page.goto(`${world.base}/summits/${summit.id}`);
    await page.getByRole('button', { name: 'Timetable by room' }).click();
    const block = (title: string) => page.getByTestId('timetable-block').filter({ hasText: title });
    const lung = await box(block('Lung cancer screening'));
    const colon = await box(block('Colorectal trials'));
    // Side by side: one to the right of the other, sharing the half hour they overlap.
    const [left, right] = lung.x < colon.x ? [lung, colon] : [colon, lung];
    expect(left.x + left.width).toBeLessThanOrEqual(right.x + 1);
    expect(Math.max(lung.y, colon.y)).toBeLessThan(Math.min(lung.y + lung.height, colon.y + colon.height));
    // No block lies over another anywhere in the day.
    const boxes = await Promise.all(
      (await page.getByTestId('timetable-block').all()).map(async (element) => box(element)),
    );
    expect(boxes).toHaveLength(4);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart =
          a.x + a.width <= b.x + 1 ||
          b.x + b.width <= a.x + 1 ||
          a.y + a.height <= b.y + 1 ||
          b.y + b.height <= a.y + 1;
        expect(apart, JSON.stringify([a, b])).toBe(true);
      }
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'timetable-parallel-sessions.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('lays out every row of the list for a full-page screenshot, and prints every day', async () => {
    const context = await desktop(world.browser, VIEWER, { viewport: { width: 1280, height: 600 } });
    const page = await context.newPage();
    await page.goto(`${world.base}/summits/${summit.id}`);
    await page.locator('[data-testid="session-list"][data-settled="true"]').waitFor();
    // Nothing is left skipped by content-visibility, even far below the fold.
    const skipped = await page
      .getByTestId('session')
      .evaluateAll((rows) => rows.filter((row) => !row.checkVisibility({ contentVisibilityAuto: true })).length);
    expect(skipped).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'agenda-full-page.png'), fullPage: true });

    // On paper: both days, every session, no filters or toggles.
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.getByTestId('printed-day').count()).toBe(2);
    const printed = await page.getByTestId('session').evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
    expect(printed).toHaveLength(summit.sessions.length);
    expect(await page.getByRole('search').isVisible()).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'agenda-printed.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => page.getByTestId('printed-day').count()).toBe(0);

    // A PDF, as the print dialog would make it, is complete as well.
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await context.close();
  });
});
