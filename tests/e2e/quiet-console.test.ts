import type { SummitSummary } from '@apoc/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, post, signInThroughMailbox as signIn, startE2e, type E2eWorld } from '../helpers/e2e';

/** Every error the page logs (failed requests included, as Chromium reports them) and every uncaught one. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

// A visitor and a member who has not registered yet are normal: the pages ask in ways whose "no" is a 200.
describe('the console of ordinary visits, in a real browser', () => {
  let world: E2eWorld;
  let base: string;

  beforeAll(async () => {
    world = await startE2e();
    base = world.base;
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('stays free of errors for a visitor on the home page', async () => {
    const visitor = await desktop(world.browser, 'Asia/Seoul');
    const page = await visitor.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await visitor.close();
  });

  it('stays free of errors for a member on a summit page before registering', async () => {
    // A member of the admin's making, so that no demo registration exists for them.
    const admin = await desktop(world.browser, 'Europe/Paris');
    await signIn(admin, base, 'admin@demo.apoc.test');
    const email = `newcomer-${Date.now()}@demo.apoc.test`;
    await post(
      admin,
      base,
      '/api/members',
      { email, name: 'Noa Newcomer', role: 'member', institutionId: 'vhio' },
      201,
    );
    await admin.close();

    // A published summit open for registration, looked up now, whatever day the demo was seeded on.
    const now = new Date().toISOString();
    const summits = (await (await fetch(`${base}/api/summits`)).json()) as SummitSummary[];
    const upcoming = summits.find(
      ({ status, registration }) =>
        status === 'published' &&
        registration.opensAt !== null &&
        registration.opensAt <= now &&
        now < registration.closesAt,
    );
    if (!upcoming) throw new Error('the demo has no summit open for registration');

    const member = await desktop(world.browser, 'Europe/Madrid');
    const page = await signIn(member, base, email);
    const errors = consoleErrors(page);
    await page.goto(`${base}/summits/${upcoming.id}`);
    await page.getByTestId('register-form').waitFor();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await member.close();
  });
});
