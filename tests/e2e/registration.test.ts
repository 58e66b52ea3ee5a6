import { join } from 'node:path';
import { checkInTiming, type SummitSummary } from '@apoc/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import {
  desktop,
  followSignInLink,
  newestSignInLink,
  phoneScreenshot,
  SCREENSHOTS,
  startE2e,
  type E2eWorld,
} from '../helpers/e2e';

const MEMBER = 'jordi.ferrer@demo.apoc.test';
const ORGANISER = 'organiser@demo.apoc.test';
/** Where the phone screenshots are taken, the member's zone. */
const PHONE_ZONE = 'Europe/Madrid';

/**
 * Signs `email` in through the mailed link, landing on `next` (the shared `signInThroughMailbox` lands on the
 * home page); the context then holds the session cookie.
 */
async function signIn(context: BrowserContext, base: string, email: string, next: string): Promise<Page> {
  const asked = await context.request.post(`${base}/api/auth/login`, {
    data: { email, next },
    headers: { origin: base },
  });
  expect(asked.status()).toBe(202);
  const page = await context.newPage();
  await followSignInLink(page, await newestSignInLink(context.request, base, email));
  await page.waitForURL(`${base}${next}`);
  return page;
}

/** Keeps a full-page screenshot at the context's width. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('registering for a summit and checking in at the desk', () => {
  let world: E2eWorld;
  let base: string;
  /** The upcoming in-person demo summit in Essen, found in the seed (its id carries a year that moves). */
  let summit: SummitSummary;

  beforeAll(async () => {
    world = await startE2e();
    base = world.base;
    const summits = (await (await fetch(`${world.server.url}/api/summits`)).json()) as SummitSummary[];
    const essen = summits.find(
      (s) => s.id.endsWith('-essen') && s.format === 'in_person' && Date.parse(s.startsAt) > Date.now(),
    );
    if (!essen) throw new Error('the demo network has no upcoming in-person summit in Essen');
    summit = essen;
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('a member registers in person; an organiser checks them in by typing the code, and the count goes up', async () => {
    const summitPath = `/summits/${summit.id}`;

    // A visitor sees that registration is open, and is asked to sign in to register.
    const visitor = await desktop(world.browser, 'Asia/Seoul');
    const visit = await visitor.newPage();
    await visit.goto(`${base}${summitPath}`);
    const visitorBox = visit.getByTestId('registration-box');
    await visitorBox.getByTestId('registration-state').getByText('Open').waitFor();
    await expect(visitorBox.getByRole('link', { name: 'Sign in to register' }).getAttribute('href')).resolves.toBe(
      `/sign-in?next=${encodeURIComponent(summitPath)}`,
    );
    await screenshot(visit, 'registration-box-visitor');
    await visitorBox.screenshot({ path: join(SCREENSHOTS, 'registration-box-visitor-detail.png') });
    await visitor.close();

    // The member registers from the summit page.
    const member = await desktop(world.browser, 'Europe/Madrid');
    const page = await signIn(member, base, MEMBER, summitPath);
    const box = page.getByTestId('registration-box');
    const form = box.getByTestId('register-form');
    await form.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'registration-box-form');
    await box.screenshot({ path: join(SCREENSHOTS, 'registration-box-form-detail.png') });

    await form.getByLabel(/Dietary needs/).fill('Vegetarian');
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await box.getByTestId('registration-status').getByText('Confirmed').waitFor();
    const code = (await box.getByTestId('check-in-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{10}$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'registration-box-confirmed');
    await box.screenshot({ path: join(SCREENSHOTS, 'registration-box-confirmed-detail.png') });

    // The cancel button asks first, and keeping the registration changes nothing.
    await box.getByRole('button', { name: /Cancel my registration/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel your registration?' });
    await dialog.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep my registration' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // My registrations, from the account menu: confirmed, with the check-in code and its QR image.
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Jordi Ferrer/ })
      .click();
    await page.getByRole('banner').getByRole('link', { name: 'My registrations' }).click();
    await page.waitForURL(`${base}/me/registrations`);
    const card = page.locator(`[data-testid="registration"][data-summit-id="${summit.id}"]`);
    await card.getByTestId('registration-status').getByText('Confirmed').waitFor();
    expect((await card.getByTestId('check-in-code').innerText()).replace(/\s/g, '')).toBe(code);
    await card.getByRole('img', { name: /QR code of the check-in code/ }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'my-registrations');
    await phoneScreenshot(world.browser, member, `${base}/me/registrations`, 'my-registrations', PHONE_ZONE);
    await phoneScreenshot(world.browser, member, `${base}${summitPath}`, 'registration-box', PHONE_ZONE);

    // The organiser, in another browser, checks the member in by typing the code at the desk.
    const organiser = await desktop(world.browser, 'Europe/Berlin');
    const registrationsPath = `/organise/summits/${summit.id}/registrations`;
    const desk = await signIn(organiser, base, ORGANISER, registrationsPath);
    const checkedIn = desk.getByTestId('checked-in-count');
    await checkedIn.waitFor();
    expect(await checkedIn.innerText()).toBe('0');
    await desk
      .getByTestId('registrations-table')
      .getByRole('rowheader', { name: /Jordi Ferrer/ })
      .waitFor();
    await expect(desk.getByTestId('live-label').innerText()).resolves.toContain('Counts refresh every 10 seconds');
    expect(await seriousAccessibilityViolations(desk)).toEqual([]);
    await screenshot(desk, 'organise-registrations');

    const field = desk.getByLabel('Check-in code');
    await field.fill(code.toLowerCase());
    expect(await field.inputValue()).toBe(code);
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    const result = desk.getByTestId('check-in-result');
    // Before the evening before the summit (in its zone), the desk says why and asks the organiser to confirm.
    if (checkInTiming(summit, Date.now()) !== 'open') {
      await result.getByText('Check-in is not open yet.').waitFor();
      await screenshot(desk, 'organise-registrations-check-in-early');
      await desk.getByRole('button', { name: `Check ${code} in anyway` }).click();
    }
    await result.getByText('Checked in: Jordi Ferrer (').waitFor();
    await expect.poll(() => checkedIn.innerText()).toBe('1');
    await screenshot(desk, 'organise-registrations-checked-in');

    // A second attempt with the same code says when they were checked in.
    await field.fill(code);
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    await result.getByText(/^Already checked in at \d{2}:\d{2} /).waitFor();
    expect(await checkedIn.innerText()).toBe('1');

    // The audit log keeps every movement.
    await desk.getByText('Audit log', { exact: true }).click();
    const log = desk.getByTestId('audit-log');
    await log.getByRole('cell', { name: 'Checked in', exact: true }).waitFor();
    await log.getByRole('cell', { name: 'Registered', exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(desk)).toEqual([]);
    await screenshot(desk, 'organise-registrations-audit');
    await phoneScreenshot(
      world.browser,
      organiser,
      `${base}${registrationsPath}`,
      'organise-registrations',
      PHONE_ZONE,
    );

    // Back in the member's browser, the registration now says they are checked in.
    await page.reload();
    await card.getByText('Checked in', { exact: true }).waitFor();
    await member.close();
    await organiser.close();
  });
});
