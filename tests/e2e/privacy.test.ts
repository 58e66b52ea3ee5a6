import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import { desktop, SCREENSHOTS, signInThroughMailbox, startE2e, type E2eWorld } from '../helpers/e2e';

const MEMBER = 'margaret.sullivan@demo.apoc.test';

describe('a member’s data, in a real browser', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startE2e();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('downloads everything held about them, then erases their account after saying what goes and what stays', async () => {
    const base = world.base;
    const context = await desktop(world.browser, 'Europe/Dublin');
    const page = await signInThroughMailbox(context, base, MEMBER);
    await page.goto(`${base}/me`);
    await page.getByRole('heading', { name: 'Your data' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-data').click()]);
    expect(download.suggestedFilename()).toMatch(/^apoc-export-\d{4}-\d{2}-\d{2}\.json$/);

    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const confirm = page.getByTestId('erase-confirm');
    await confirm.waitFor();
    await expect(confirm.getByText('A former member', { exact: false }).isVisible()).resolves.toBe(true);
    const erase = page.getByRole('button', { name: 'Erase my account' });
    expect(await erase.isDisabled()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'erase-confirm.png'), fullPage: true });

    await page.getByLabel('I understand that this cannot be undone.').check();
    await erase.click();
    await page.waitForURL(`${base}/`);
    const me = await context.request.get(`${base}/api/me`);
    expect(me.status()).toBe(401);
    await context.close();

    // The admin finds the erasure in the security log, under the pseudonym.
    const adminContext = await desktop(world.browser, 'Asia/Seoul');
    const admin = await signInThroughMailbox(adminContext, base, 'admin@demo.apoc.test');
    await admin.goto(`${base}/admin/security`);
    await admin.getByRole('heading', { level: 1, name: 'Security log' }).waitFor();
    const table = admin.getByTestId('security-table');
    await table.waitFor();
    const erasure = table.getByRole('row').filter({ hasText: 'Personal data erased' }).first();
    await erasure.waitFor();
    await expect(erasure.getByText('A former member').first().isVisible()).resolves.toBe(true);
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await admin.screenshot({ path: join(SCREENSHOTS, 'security-log.png'), fullPage: true });
    await adminContext.close();
  });
});
