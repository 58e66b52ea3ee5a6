import { join } from 'node:path';
import { addDays, localDate } from '@apoc/shared';
import type { BrowserContext, Page } from 'playwright-core';
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

const SUMMIT_ZONE = 'Europe/Madrid';
/** Asks from Melbourne. */
const ASKER = 'grace.nguyen@demo.apoc.test';
/** Votes from Seoul. */
const VOTER = 'seoyeon.han@demo.apoc.test';
const ORGANISER = 'organiser@demo.apoc.test';
const QUESTION = 'Should ctDNA clearance at 4 weeks change the adjuvant plan for stage III colon cancer?';

describe('live Q&A between two attendees and a moderator', () => {
  let world: E2eWorld;
  let base: string;
  let organiser: BrowserContext;
  let asker: BrowserContext;
  let voter: BrowserContext;

  beforeAll(async () => {
    world = await startE2e();
    base = world.base;
    organiser = await desktop(world.browser, 'America/Los_Angeles');
    asker = await desktop(world.browser, 'Australia/Melbourne');
    voter = await desktop(world.browser, 'Asia/Seoul');
  });

  afterAll(async () => {
    for (const context of [organiser, asker, voter]) await context?.close();
    await world?.stop();
  });

  /** The question's entry in a member's panel. */
  const entry = (page: Page, questionId: string) =>
    page.getByTestId('live-panel').locator(`[data-testid="live-question"][data-question-id="${questionId}"]`);

  it('one asks, the other sees it and votes, the moderator marks it answered, both see it move', async () => {
    // A virtual summit today whose session starts in ten minutes: questions may come before the start.
    const organiserPage = await signInThroughMailbox(organiser, base, ORGANISER);
    const today = localDate(Date.now(), SUMMIT_ZONE);
    const summit = await post<{ id: string }>(organiser, base, '/api/summits', {
      title: 'MRD in solid tumours (virtual)',
      format: 'virtual',
      timeZone: SUMMIT_ZONE,
      startDate: today,
      endDate: addDays(today, 1),
      seats: { inPerson: null, virtual: null },
    });
    const start = Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000;
    const session = await post<{ id: string }>(organiser, base, `/api/summits/${summit.id}/sessions`, {
      title: 'ctDNA after surgery: who needs adjuvant therapy?',
      kind: 'panel',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 60 * 60_000).toISOString(),
    });
    await post(organiser, base, `/api/summits/${summit.id}/publish`, {});
    const sessionPath = `${base}/sessions/${session.id}`;

    const askerPage = await signInThroughMailbox(asker, base, ASKER);
    await post(asker, base, `/api/summits/${summit.id}/registrations`, { mode: 'virtual' }, 201);
    const voterPage = await signInThroughMailbox(voter, base, VOTER);
    await post(voter, base, `/api/summits/${summit.id}/registrations`, { mode: 'virtual' }, 201);

    for (const page of [askerPage, voterPage]) {
      await page.goto(sessionPath);
      await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    }
    // Both are counted as here.
    await expect
      .poll(async () => Number(/\d+/.exec(await voterPage.getByTestId('live-presence').innerText())?.[0]))
      .toBeGreaterThanOrEqual(2);

    // Grace asks.
    await askerPage.getByTestId('live-ask-input').fill(QUESTION);
    await askerPage.getByTestId('live-ask-submit').click();
    const asked = askerPage.getByTestId('live-question').filter({ hasText: QUESTION });
    await asked.waitFor();
    // The question can arrive over the socket before the answer to the POST that clears the form.
    await expect.poll(() => askerPage.getByTestId('live-ask-input').inputValue()).toBe('');
    const questionId = await asked.getAttribute('data-question-id');
    expect(questionId).toBeTruthy();
    const id = questionId as string;

    // Seo-yeon sees it appear, without reloading, and votes.
    const seen = entry(voterPage, id);
    await seen.waitFor();
    await expect(seen.innerText()).resolves.toContain('Grace Nguyen');
    expect(await seen.locator('..').getAttribute('data-testid')).toBe('live-open-questions');
    await seen.getByTestId('live-vote').click();
    await expect.poll(() => seen.getByTestId('live-vote').getAttribute('aria-pressed')).toBe('true');

    // Grace sees the vote arrive.
    await expect.poll(() => entry(askerPage, id).getByTestId('live-votes').innerText()).toBe('1');
    expect(await seriousAccessibilityViolations(voterPage)).toEqual([]);
    await voterPage.screenshot({ path: join(SCREENSHOTS, 'live-panel.png'), fullPage: true });

    // The projector shows the top question in large type, without its author's name and without controls.
    const projector = await organiser.newPage();
    await projector.setViewportSize({ width: 1920, height: 1080 });
    await projector.goto(`${sessionPath}/projector`);
    await projector.getByTestId('projector-now').filter({ hasText: QUESTION }).waitFor();
    expect(await projector.getByText('Grace Nguyen').count()).toBe(0);
    expect(await projector.getByRole('button').count()).toBe(0);
    expect(await seriousAccessibilityViolations(projector)).toEqual([]);
    await projector.screenshot({ path: join(SCREENSHOTS, 'live-projector.png') });

    // The moderator marks it answered from the console.
    await organiserPage.goto(`${sessionPath}/moderate`);
    await organiserPage.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    const moderated = organiserPage.locator(`[data-testid="mod-question"][data-question-id="${id}"]`);
    await moderated.waitFor();
    expect(await seriousAccessibilityViolations(organiserPage)).toEqual([]);
    await organiserPage.screenshot({ path: join(SCREENSHOTS, 'live-moderate.png'), fullPage: true });
    await moderated.getByTestId('mod-answer').click();
    await expect.poll(() => moderated.first().getAttribute('data-status')).toBe('answered');

    // Both attendees see it move to the answered questions.
    for (const page of [askerPage, voterPage]) {
      const answered = page.getByTestId('live-answered').locator(`[data-question-id="${id}"]`);
      await answered.waitFor();
      await expect(page.getByTestId('live-open-questions').locator(`[data-question-id="${id}"]`).count()).resolves.toBe(
        0,
      );
    }
    await askerPage.screenshot({ path: join(SCREENSHOTS, 'live-panel-answered.png'), fullPage: true });
    // The projector no longer shows it as the question of the moment.
    await expect.poll(() => projector.getByTestId('projector-now').innerText()).not.toContain(QUESTION);
    await projector.close();

    await phoneScreenshot(world.browser, voter, sessionPath, 'live-panel', 'Asia/Seoul');
  });
});
