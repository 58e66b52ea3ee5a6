import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailboxMessage } from '@apoc/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAccessibilityViolations } from '../helpers/browser';
import { REPO_ROOT, startServer, type RunningServer } from '../helpers/server';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');
const ORGANISER = 'organiser@demo.apoc.test';
const ADMIN = 'admin@demo.apoc.test';

/**
 * Signs `email` in without the sign-in page (already covered by the first test): asks for a link, reads
 * it from the development mailbox, and opens it in the context, which then holds the session cookie.
 */
async function signInDirectly(context: BrowserContext, base: string, email: string): Promise<Page> {
  const asked = await context.request.post(`${base}/api/auth/login`, { data: { email }, headers: { origin: base } });
  expect(asked.status()).toBe(202);
  const page = await context.newPage();
  await page.goto(await newestLink(context, base, email));
  await page.waitForURL(`${base}/`);
  return page;
}

/** Opens `url` on a phone-sized screen (signed in as `context` is, if given) and keeps a screenshot. */
async function phoneScreenshot(
  browser: Browser,
  context: BrowserContext | null,
  url: string,
  name: string,
): Promise<void> {
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'en-GB',
    timezoneId: 'Europe/Paris',
    ...(context ? { storageState: await context.storageState() } : {}),
  });
  const page = await phone.newPage();
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await phone.close();
}

describe('signing in through the development mailbox', () => {
  let server: RunningServer;
  let browser: Browser;
  let dir: string;
  /** PUBLIC_URL's origin (the server's default, http://localhost:PORT): the sign-in links point there. */
  let base: string;

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'web/dist/index.html'))) {
      throw new Error('web/dist is missing: run `pnpm build` first (`pnpm test` does).');
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'apoc-e2e-'));
    server = await startServer({ DATABASE_PATH: join(dir, 'apoc.sqlite'), APOC_SEED: 'demo' });
    base = `http://localhost:${server.port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs the demo organiser in with the link from the mailbox, then out again', async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Paris' });
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
    await expect(page.getByText('15 minutes').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-sent.png'), fullPage: true });

    // In development, the page points to the mailbox.
    await page.getByRole('link', { name: 'development mailbox' }).click();
    await page.waitForURL(`${base}/dev/mailbox`);
    const newest = page.locator(`[data-testid="mail"][data-recipient="${ORGANISER}"]`).first();
    await newest.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'mailbox.png'), fullPage: true });

    await newest.getByRole('link', { name: /\/auth\/verify\?token=/ }).click();
    await page.waitForURL(`${base}/me`);
    await page.getByRole('heading', { level: 1, name: 'Emily Carter' }).waitFor();
    // The one-time token is gone from the address bar and from this tab's history entry.
    expect(page.url()).not.toContain('token');
    await page.getByTestId('sign-ins').waitFor();
    await expect(page.getByText('This browser', { exact: true }).isVisible()).resolves.toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'me.png'), fullPage: true });

    // The link works once.
    const link = await newestLink(context, base, ORGANISER);
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
    await phoneScreenshot(browser, context, `${base}/me`, 'me');

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
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Asia/Seoul',
      viewport: { width: 1280, height: 900 },
    });
    const page = await signInDirectly(context, base, ADMIN);

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

    await phoneScreenshot(browser, context, `${base}/admin/members`, 'admin-members');
    await phoneScreenshot(browser, context, `${base}/admin/outbox`, 'admin-outbox');
    await phoneScreenshot(browser, context, `${base}/dev/mailbox`, 'mailbox');
    await phoneScreenshot(browser, null, `${base}/sign-in`, 'sign-in');
    await context.close();
  });
});

/** The sign-in link of the newest mail to `email`, read through the mailbox API. */
async function newestLink(context: BrowserContext, base: string, email: string): Promise<string> {
  const mailbox = (await (await context.request.get(`${base}/api/dev/mailbox`)).json()) as MailboxMessage[];
  const mail = mailbox
    .filter((m) => m.recipient === email && m.kind === 'sign-in')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const link = /https?:\/\/\S+\/auth\/verify\?token=[\w-]+/.exec(mail?.text ?? '')?.[0];
  if (!link) throw new Error(`no sign-in link for ${email}`);
  return link;
}
