// Issue 19 in Chromium: an attendee of the demo's past accredited summit (Barcelona, where the desk checked him in
// both days) fills in the evaluation, downloads his certificate and opens the page that verifies its code; once an
// organiser revokes it, that page says so.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CertificateVerification } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import { publishedDemoSummits } from '../helpers/demo';
import {
  desktop,
  phoneScreenshot,
  post,
  screenshot,
  SCREENSHOTS,
  signInThroughMailbox,
  startE2e,
  type E2eWorld,
} from '../helpers/e2e';

const run = promisify(execFile);

/** Checked in at the desk on both days of Barcelona, he has not filled in its evaluation (db/src/seed). */
const MEMBER = 'jordi.ferrer@demo.apoc.test';
const MEMBER_NAME = 'Jordi Ferrer';
const ORGANISER = 'organiser@demo.apoc.test';
const ZONE = 'Europe/Madrid';

describe('CME/CPD certificates in the browser', () => {
  let world: E2eWorld;
  let base: string;
  let barcelona: string;
  const downloads = mkdtempSync(join(tmpdir(), 'apoc-certificates-'));

  beforeAll(async () => {
    world = await startE2e();
    base = world.base;
    barcelona = (await publishedDemoSummits(world.server.url)).thisYear;
  });

  afterAll(async () => {
    await world?.stop();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('shows the credit hours of accredited sessions on the agenda and the session page', async () => {
    const visitor = await desktop(world.browser, ZONE);
    const page = await visitor.newPage();
    await page.goto(`${base}/summits/${barcelona}`);
    const credited = page.getByTestId('session').filter({ has: page.locator('.badge-teal') });
    await credited.first().waitFor();
    const badge = (await credited.first().locator('.badge-teal').innerText()).replace(/\s+/g, ' ');
    expect(badge).toMatch(/^\d+(\.\d+)? h European CME credits \(ECMEC®s\)$/);
    await credited.first().screenshot({ path: join(SCREENSHOTS, 'certificates-agenda-row.png') });

    await credited.first().getByRole('link').first().click();
    await expect(page.getByTestId('session-credits').innerText()).resolves.toMatch(/^\d+(\.\d+)? h CME\/CPD$/);
    await visitor.close();
  });

  it('an attendee fills in the evaluation, downloads his certificate, and its code verifies until revoked', async () => {
    const member = await desktop(world.browser, ZONE);
    const page = await signInThroughMailbox(member, base, MEMBER, '/me/registrations');

    // My registrations: the credits earned at the desk, and the evaluation the certificate waits for.
    const card = page.locator(`[data-testid="registration"][data-summit-id="${barcelona}"]`);
    const credits = card.getByTestId('credits');
    await credits.waitFor();
    expect(await credits.getByTestId('credits-total').innerText()).toMatch(
      /^8\.75 of 8\.75 European CME credits \(ECMEC®s\) earned$/,
    );
    await credits.getByTestId('evaluation-needed').waitFor();
    expect(await credits.getByTestId('certificate-download').count()).toBe(0);
    await credits.getByText(/sessions with credits/).click();
    expect(await credits.getByTestId('credit-session').first().innerText()).toContain(
      'Earned: checked in at the venue',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await credits.screenshot({ path: join(SCREENSHOTS, 'certificates-credits-before.png') });
    await phoneScreenshot(world.browser, member, `${base}/me/registrations`, 'certificates-my-registrations', ZONE);

    // The evaluation: questions rated 1–5 as radio groups, anonymous towards speakers.
    await credits.getByRole('link', { name: 'Fill in the evaluation' }).click();
    await page.waitForURL(`${base}/summits/${barcelona}/evaluation`);
    const form = page.getByTestId('evaluation-form');
    await form.waitFor();
    await page.getByText('Speakers never see who rated them').waitFor();
    expect(await page.title()).toMatch(/^Evaluation · .+ · APoC Summits$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'certificates-evaluation');
    await phoneScreenshot(
      world.browser,
      member,
      `${base}/summits/${barcelona}/evaluation`,
      'certificates-evaluation',
      ZONE,
    );

    // Sending with questions unrated says so and sends nothing.
    await form.getByRole('button', { name: 'Send the evaluation' }).click();
    await form
      .getByTestId('evaluation-errors')
      .getByText(/Rate the 3 questions left unrated/)
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'certificates-evaluation-errors');

    const questions = form.getByTestId('question-rating');
    expect(await questions.count()).toBe(3);
    await questions.nth(0).getByRole('radio', { name: '4' }).check();
    // By keyboard, as in any radio group: the arrow moves the choice from 4 to 5.
    await questions.nth(1).getByRole('radio', { name: '4' }).check();
    await page.keyboard.press('ArrowRight');
    await questions.nth(2).getByRole('radio', { name: '5 Excellent' }).check();
    expect(await questions.nth(1).getByRole('radio', { name: '5 Excellent' }).isChecked()).toBe(true);
    const sessions = form.getByTestId('session-rating');
    expect(await sessions.count()).toBeGreaterThan(0);
    await sessions.first().getByRole('radio', { name: '3' }).check();
    await form.getByLabel(/^Comment/).fill('The ctDNA plenary changed how I read liquid biopsies.');

    const sent = page.waitForResponse((r) => r.url().endsWith('/evaluation') && r.request().method() === 'PUT');
    await form.getByRole('button', { name: 'Send the evaluation' }).click();
    expect((await sent).status()).toBe(200);
    const thanks = page.getByTestId('evaluation-thanks');
    await thanks.getByText('Your evaluation was sent.').waitFor();
    expect(await page.getByTestId('evaluation-form').count()).toBe(0);
    expect(await page.getByTestId('evaluation-answers').innerText()).toContain('4 / 5');

    // The certificate, downloaded from the thank-you: a PDF with his name.
    const download = thanks.getByTestId('certificate-download');
    await download.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'certificates-evaluation-sent');
    const answer = page.waitForResponse((r) => /\/certificate(\?|$)/.test(r.url()));
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const response = await answer;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const path = join(downloads, file.suggestedFilename());
    await file.saveAs(path);
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
    expect(stdout).toContain(MEMBER_NAME);

    // Issued by the download: its code, with the page that verifies it.
    const codeLine = thanks.getByTestId('certificate-code');
    await codeLine.waitFor();
    const code = (await codeLine.locator('code').innerText()).trim();
    expect(stdout.replace(/\s/g, '')).toContain(code);
    await phoneScreenshot(
      world.browser,
      member,
      `${base}/summits/${barcelona}/evaluation`,
      'certificates-evaluation-sent',
      ZONE,
    );

    // Back on my registrations, the certificate is there to download again, with its code.
    await page.goto(`${base}/me/registrations`);
    await credits.getByTestId('certificate-code').getByText(code).waitFor();
    expect(await credits.getByTestId('evaluation-needed').count()).toBe(0);
    await credits.screenshot({ path: join(SCREENSHOTS, 'certificates-credits-after.png') });

    // Anyone (a licensing body) opens the page of its code: valid. The server answers it with the app.
    const licensingBody = await desktop(world.browser, 'America/Toronto');
    const verify = await licensingBody.newPage();
    const opened = await verify.goto(`${base}/certificates/${code}`);
    expect(opened?.headers()['content-type']).toMatch(/^text\/html/);
    await verify.getByTestId('verification-status').getByText('Valid certificate').waitFor();
    expect(await verify.getByTestId('verification-name').innerText()).toBe(MEMBER_NAME);
    expect(await verify.getByTestId('verification-hours').innerText()).toBe('8.75 European CME credits (ECMEC®s)');
    expect(await verify.title()).toBe('Certificate verification · APoC Summits');
    expect(await seriousAccessibilityViolations(verify)).toEqual([]);
    await screenshot(verify, 'certificates-verification-valid');
    await phoneScreenshot(
      world.browser,
      licensingBody,
      `${base}/certificates/${code}`,
      'certificates-verification-valid',
    );
    await verify.emulateMedia({ media: 'print' });
    expect(await verify.locator('.site-header').isVisible()).toBe(false);
    await screenshot(verify, 'certificates-verification-print');
    await verify.emulateMedia({ media: 'screen' });

    // The organiser revokes it (issued in error): the same page now says so, with the day.
    const organiser = await desktop(world.browser, ZONE);
    await signInThroughMailbox(organiser, base, ORGANISER);
    const revoked = await post<CertificateVerification>(organiser, base, `/api/certificates/${code}/revoke`, {
      reason: 'Issued in error: the desk checked in the wrong badge.',
    });
    expect(revoked.status).toBe('revoked');
    await verify.reload();
    await verify.getByTestId('verification-status').getByText('Revoked certificate').waitFor();
    expect(await verify.getByTestId('verification').innerText()).toContain('This certificate was revoked on');
    expect(await seriousAccessibilityViolations(verify)).toEqual([]);
    await screenshot(verify, 'certificates-verification-revoked');
    await phoneScreenshot(
      world.browser,
      licensingBody,
      `${base}/certificates/${code}`,
      'certificates-verification-revoked',
    );

    // A code that names no certificate says what to check.
    await verify.goto(`${base}/certificates/ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345`);
    await verify.getByRole('heading', { name: 'No certificate has this code' }).waitFor();
    expect(await seriousAccessibilityViolations(verify)).toEqual([]);
    await screenshot(verify, 'certificates-verification-unknown');

    await Promise.all([member.close(), licensingBody.close(), organiser.close()]);
  });
});
