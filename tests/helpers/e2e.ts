// What the e2e tests share: a seeded server and Chromium, signing in through the development mailbox as a
// person would, writes through the API from our own origin, and phone screenshots.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailboxMessage } from '@apoc/shared';
import type { APIRequestContext, Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser } from './browser';
import { REPO_ROOT, startServer, type RunningServer } from './server';

export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');

export interface E2eWorld {
  server: RunningServer;
  browser: Browser;
  /** PUBLIC_URL's origin (the server's default, http://localhost:PORT): the sign-in links point there. */
  base: string;
  stop(): Promise<void>;
}

/**
 * The built server on a fresh database with the demo data, and Chromium. `env` adds to the server's settings (a
 * SECRET_KEY for tests that connect identity providers, say).
 */
export async function startE2e(env: Record<string, string> = {}): Promise<E2eWorld> {
  if (!existsSync(join(REPO_ROOT, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: run `pnpm build` first (`pnpm test` does).');
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'apoc-e2e-'));
  const server = await startServer({ DATABASE_PATH: join(dir, 'apoc.sqlite'), APOC_SEED: 'demo', ...env });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    base: `http://localhost:${server.port}`,
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A desktop browser context in `timezoneId`, as a member there would have it; `options` add to it or override it. */
export function desktop(
  browser: Browser,
  timezoneId: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-GB', timezoneId, viewport: { width: 1280, height: 900 }, ...options });
}

/** The sign-in link of the newest mail to `email`, read through the development mailbox. */
export async function newestSignInLink(request: APIRequestContext, base: string, email: string): Promise<string> {
  // The link is queued just after the login answer (whose timing must tell nothing): look a few times.
  for (let attempt = 0; attempt < 50; attempt++) {
    const mailbox = (await (await request.get(`${base}/api/dev/mailbox`)).json()) as MailboxMessage[];
    const mail = mailbox
      .filter((m) => m.recipient === email && m.kind === 'sign-in')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    const link = /https?:\/\/\S+\/auth\/verify\?token=[\w-]+/.exec(mail?.text ?? '')?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no sign-in link for ${email}`);
}

/** Opens a mailed sign-in link and confirms "Sign in as …?", as the member does. */
export async function followSignInLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('button', { name: /^Sign in as / }).click();
}

/**
 * Signs `email` in through the mailed link, landing on `next` (the home page unless given); the context (pages and
 * `context.request`) then holds the cookie.
 */
export async function signInThroughMailbox(
  context: BrowserContext,
  base: string,
  email: string,
  next?: string,
): Promise<Page> {
  const asked = await context.request.post(`${base}/api/auth/login`, {
    data: next ? { email, next } : { email },
    headers: { origin: base },
  });
  expect(asked.status()).toBe(202);
  const page = await context.newPage();
  await followSignInLink(page, await newestSignInLink(context.request, base, email));
  await page.waitForURL(`${base}${next ?? '/'}`);
  return page;
}

/**
 * A write through the API as the context's member, as the app sends it (JSON, from our own origin). With
 * `status`, the test asserts that exact status (a 201 where the write creates something) rather than any success.
 */
export async function post<T>(
  context: BrowserContext,
  base: string,
  path: string,
  data: unknown,
  status?: number,
): Promise<T> {
  const response = await context.request.post(`${base}${path}`, { data, headers: { origin: base } });
  if (status !== undefined) expect(response.status(), `${path}: ${await response.text()}`).toBe(status);
  else if (!response.ok()) throw new Error(`POST ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Keeps a full-page screenshot of `page` at its context's width, as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Opens `url` on a phone-sized screen, checks that nothing scrolls sideways, and keeps a screenshot. */
export async function phoneScreenshot(
  browser: Browser,
  context: BrowserContext,
  url: string,
  name: string,
  timezoneId = 'Australia/Melbourne',
): Promise<void> {
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'en-GB',
    timezoneId,
    storageState: await context.storageState(),
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
