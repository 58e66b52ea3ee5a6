import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import {
  desktop,
  newestSignInLink,
  phoneScreenshot,
  SCREENSHOTS,
  signInThroughMailbox,
  startE2e,
  type E2eWorld,
} from '../helpers/e2e';

const ORGANISER = 'organiser@demo.apoc.test';
const ADMIN = 'admin@demo.apoc.test';
const PHONE_ZONE = 'Europe/Paris';

describe('signing in through the development mailbox', () => {
  let world: E2eWorld;
  let base: string;

  beforeAll(async () => {
    world = await startE2e();
    base = world.base;
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('signs the demo organiser in with the link from the mailbox, then out again', async () => {
    const context = await world.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();

    await page.goto(`${base}/sign-in?next=/me`);
    const email = page.getByLabel('E-mail address');
    await email.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png'), fullPage: true });

    // The form checks the address before asking the server.
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect(page.getByText('Enter your e-mail address.').isVisible()).resolves.toBe(true);

    await email.fill(ORGANISER);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await expect(page.getByText('10 minutes').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-sent.png'), fullPage: true });

    // In development, the page points to the mailbox.
    await page.getByRole('link', { name: 'development mailbox' }).click();
    await page.waitForURL(`${base}/dev/mailbox`);
    const newest = page.locator(`[data-testid="mail"][data-recipient="${ORGANISER}"]`).first();
    await newest.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'mailbox.png'), fullPage: true });

    await newest.getByRole('link', { name: /\/auth\/verify\?token=/ }).click();
    // A mail scanner opening the link would stop here: the link is used only when the member confirms.
    await page.getByRole('heading', { name: 'Sign in as Emily Carter?' }).waitFor();
    expect(page.url()).not.toContain('token');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-confirm.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sign in as Emily Carter' }).click();
    await page.waitForURL(`${base}/me`);
    await page.getByRole('heading', { level: 1, name: 'Emily Carter' }).waitFor();
    // The one-time token is gone from the address bar and from this tab's history entry.
    expect(page.url()).not.toContain('token');
    await page.getByTestId('sign-ins').waitFor();
    await expect(page.getByText('This browser', { exact: true }).isVisible()).resolves.toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'me.png'), fullPage: true });

    // The link works once.
    const link = await newestSignInLink(context.request, base, ORGANISER);
    const reused = await context.newPage();
    await reused.goto(link);
    await reused.getByRole('heading', { name: /expired or was used already/ }).waitFor();
    expect(reused.url()).toBe(`${base}/auth/verify`);
    await expect(reused.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).resolves.toBe(
      '/sign-in',
    );
    await reused.close();

    // An organiser is not an admin.
    await page.goto(`${base}/admin/members`);
    await page.getByTestId('not-allowed').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await phoneScreenshot(world.browser, context, `${base}/me`, 'me', PHONE_ZONE);

    await page.goto(`${base}/me`);
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Emily Carter/ })
      .click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    await page.waitForURL(`${base}/`);

    await page.goto(`${base}/me`);
    await page.waitForURL(`${base}/sign-in?next=%2Fme`);
    await page.getByLabel('E-mail address').waitFor();
    await context.close();
  });

  it('lets an admin see and manage members and the outbox', async () => {
    const context = await desktop(world.browser, 'Asia/Seoul');
    // Without the sign-in page, which the first test covers.
    const page = await signInThroughMailbox(context, base, ADMIN);

    await page
      .getByRole('banner')
      .getByRole('button', { name: /Noah Bennett/ })
      .click();
    await page.getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(`${base}/admin/members`);
    const table = page.getByTestId('members-table');
    await table.getByRole('rowheader', { name: 'Emily Carter' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-members.png'), fullPage: true });

    // Search narrows the list.
    await page.getByLabel('Search').fill('Emily');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Search').fill('');

    // A CSV import: a preview first, rejected rows on top with their reason, then the import.
    await page.getByRole('tab', { name: 'Import from CSV' }).click();
    await page
      .getByLabel('Or paste the CSV text')
      .fill(
        'name,email,institution,role\nAna Ruiz,ana.ruiz@vhio.example,VHIO,member\nNo Address,not-an-address,VHIO,member\n',
      );
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const outcomes = await report
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-outcome')));
    expect(outcomes).toEqual(['rejected', 'created']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-members-import-preview.png'), fullPage: true });
    await page.getByRole('button', { name: 'Import 1 member' }).click();
    await report.getByText('Imported:').waitFor();
    await page.getByRole('tab', { name: 'Directory' }).click();
    await table.getByRole('rowheader', { name: 'Ana Ruiz' }).waitFor();

    await page
      .getByRole('banner')
      .getByRole('button', { name: /Noah Bennett/ })
      .click();
    await page.getByRole('link', { name: 'Outbox' }).click();
    await page.waitForURL(`${base}/admin/outbox`);
    await page.getByTestId('outbox-table').getByText(ADMIN).first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-outbox.png'), fullPage: true });

    await phoneScreenshot(world.browser, context, `${base}/admin/members`, 'admin-members', PHONE_ZONE);
    await phoneScreenshot(world.browser, context, `${base}/admin/outbox`, 'admin-outbox', PHONE_ZONE);
    await phoneScreenshot(world.browser, context, `${base}/dev/mailbox`, 'mailbox', PHONE_ZONE);
    await context.close();
    // The sign-in page as a visitor sees it: a context that holds nothing.
    const visitor = await world.browser.newContext();
    await phoneScreenshot(world.browser, visitor, `${base}/sign-in`, 'sign-in', PHONE_ZONE);
    await visitor.close();
  });
});
