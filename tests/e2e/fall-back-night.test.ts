import { join } from 'node:path';
import { zonedInstant, type SummitDetail } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import {
  desktop,
  phoneScreenshot,
  post,
  SCREENSHOTS,
  signInThroughMailbox,
  startE2e,
  type E2eWorld,
} from '../helpers/e2e';

// A virtual summit on the night New York puts its clocks back (7 November 2027: 01:00–02:00 happens in EDT, then
// again in EST), with a session in each pass of the repeated hour. Its dates are its own: nothing here depends on
// the day the test runs.
const ZONE = 'America/New_York';
const DAY = '2027-11-07';

describe('the night the clocks go back, in a real browser', () => {
  let world: E2eWorld;
  let summit: SummitDetail;

  beforeAll(async () => {
    world = await startE2e();
    const organiser = await desktop(world.browser, ZONE);
    await (await signInThroughMailbox(organiser, world.base, 'organiser@demo.apoc.test')).close();
    const write = <T>(path: string, data: object) => post<T>(organiser, world.base, path, data);
    const created = await write<{ id: string }>('/api/summits', {
      title: 'Fall-back Night Symposium',
      format: 'virtual',
      timeZone: ZONE,
      startDate: DAY,
      endDate: DAY,
      seats: { virtual: 100 },
    });
    for (const [title, pass] of [
      ['Night shift: first pass', 'earlier'],
      ['Night shift: second pass', 'later'],
    ] as const) {
      await write(`/api/summits/${created.id}/sessions`, {
        title,
        kind: 'plenary',
        startsAt: zonedInstant(DAY, '01:30', ZONE, pass).toISOString(),
        endsAt: zonedInstant(DAY, '01:50', ZONE, pass).toISOString(),
      });
    }
    await write(`/api/summits/${created.id}/sessions`, {
      title: 'Morning plenary',
      kind: 'plenary',
      startsAt: zonedInstant(DAY, '09:00', ZONE).toISOString(),
      endsAt: zonedInstant(DAY, '10:00', ZONE).toISOString(),
    });
    await write(`/api/summits/${created.id}/publish`, {});
    summit = (await (await fetch(`${world.server.url}/api/summits/${created.id}`)).json()) as SummitDetail;
    await organiser.close();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('tells the two 01:30s apart by their offsets, and leaves other times plain', async () => {
    const context = await desktop(world.browser, ZONE);
    const page = await context.newPage();
    await page.goto(`${world.base}/summits/${summit.id}`);
    const row = (title: string) => page.getByTestId('session').filter({ hasText: title });
    await expect.poll(() => row('first pass').innerText()).toContain('01:30–01:50 UTC−4');
    expect(await row('second pass').innerText()).toContain('01:30–01:50 UTC−5');
    expect(await row('Morning plenary').innerText()).not.toContain('UTC');
    await page.screenshot({ path: join(SCREENSHOTS, 'agenda-fall-back-night.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The longer times still fit a phone.
    await phoneScreenshot(
      world.browser,
      context,
      `${world.base}/summits/${summit.id}`,
      'agenda-fall-back-night-phone',
      ZONE,
    );
    await context.close();
  });
});
