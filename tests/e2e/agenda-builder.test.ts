import { join } from 'node:path';
import { addDays, formatTime, zonedInstant, type DraftAgenda, type SessionDetail } from '@apoc/shared';
import { nextTuesdayFrom } from '../helpers/dates';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import {
  desktop,
  phoneScreenshot,
  post,
  SCREENSHOTS,
  signInThroughMailbox as signIn,
  startE2e,
  type E2eWorld,
} from '../helpers/e2e';

const ORGANISER = 'organiser@demo.apoc.test';
const MEMBER = 'laia.puig@demo.apoc.test';
const SUMMIT_ZONE = 'Europe/Berlin';
/** A Tuesday in June, ahead of today: summer time in Europe and America, nine hours apart. */
const DAY = nextTuesdayFrom('06-15');
const MEMBER_ZONE = 'Asia/Seoul';

const at = (time: string): string => zonedInstant(DAY, time, SUMMIT_ZONE).toISOString();

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('the element is not on screen');
  return found;
}

/** Presses a block near its top (clear of its resize edge) and drags it by (dx, dy) in small steps. */
async function drag(page: Page, block: Locator, to: { x: number; y: number }, beforeRelease?: () => Promise<void>) {
  const from = await box(block);
  await page.mouse.move(from.x + from.width / 2, from.y + 8);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await beforeRelease?.();
  await page.mouse.up();
}

describe('the agenda builder in a real browser', () => {
  let world: E2eWorld;
  let base: string;

  beforeAll(async () => {
    world = await startE2e();
    base = world.base;
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('moves a session onto a busy room, shows the conflict, moves it to a free slot and publishes; a member sees the new time', async () => {
    // The organiser works from Thousand Oaks: "your time" and the summit's time differ by nine hours.
    const organiser = await desktop(world.browser, 'America/Los_Angeles', { viewport: { width: 1280, height: 1000 } });
    const page = await signIn(organiser, base, ORGANISER);
    const write = <T>(path: string, data: object): Promise<T> => post<T>(organiser, base, path, data, 201);

    // A fresh in-person draft with two rooms and two sessions at different times.
    const summit = await write<{ id: string }>('/api/summits', {
      title: `Builder Test Summit ${DAY.slice(0, 4)}`,
      format: 'in_person',
      timeZone: SUMMIT_ZONE,
      startDate: DAY,
      endDate: addDays(DAY, 1),
      venue: { name: 'Grugahalle', city: 'Essen' },
    });
    const roomA = await write<{ id: string }>(`/api/summits/${summit.id}/rooms`, { name: 'Room A', capacity: 200 });
    const roomB = await write<{ id: string }>(`/api/summits/${summit.id}/rooms`, { name: 'Room B', capacity: 60 });
    const keynote = await write<SessionDetail>(`/api/summits/${summit.id}/sessions`, {
      title: 'Opening keynote',
      kind: 'keynote',
      startsAt: at('09:00'),
      endsAt: at('10:00'),
      roomId: roomA.id,
    });
    const panel = await write<SessionDetail>(`/api/summits/${summit.id}/sessions`, {
      title: 'Trials without borders',
      kind: 'panel',
      startsAt: at('11:00'),
      endsAt: at('12:00'),
      roomId: roomB.id,
    });

    // The organisers' list, with the new draft among the drafts.
    await page.goto(`${base}/organise`);
    await page.locator(`[data-testid="organise-summit"][data-summit-id="${summit.id}"]`).waitFor();
    await page.getByText('Counting registrations and conflicts…').first().waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'organise.png'), fullPage: true });

    // The builder: the summit's zone is named, both sessions are on the grid, nothing conflicts.
    await page
      .locator(`[data-testid="organise-summit"][data-summit-id="${summit.id}"]`)
      .getByRole('link', { name: 'Agenda' })
      .click();
    await page.waitForURL(`${base}/organise/summits/${summit.id}/agenda`);
    const block = (id: string) => page.locator(`[data-testid="builder-block"][data-session-id="${id}"]`);
    await block(panel.id).waitFor();
    await expect(page.getByTestId('builder-zone').innerText()).resolves.toContain('Times in Europe/Berlin (Berlin)');
    const conflicts = page.getByTestId('conflicts-panel');
    await conflicts.getByText('No conflicts').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'agenda-builder.png'), fullPage: true });

    // Drag the panel onto the keynote's room and time: the conflict shows while dragging, and stays.
    const target = await box(block(keynote.id));
    const reloaded = page.waitForResponse((r) => r.url().endsWith(`/api/summits/${summit.id}/draft`));
    await drag(page, block(panel.id), { x: target.x + target.width / 2, y: target.y + 8 }, async () => {
      await conflicts.locator('[data-kind="room-double-booked"]').waitFor();
    });
    await reloaded;
    const doubleBooked = conflicts.locator('[data-kind="room-double-booked"]');
    await expect(doubleBooked.innerText()).resolves.toContain(
      'Room A hosts “Opening keynote” and “Trials without borders”',
    );
    await expect(block(panel.id).getAttribute('data-conflict')).resolves.toBe('error');
    await expect(block(keynote.id).getAttribute('data-conflict')).resolves.toBe('error');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'agenda-builder-conflict.png'), fullPage: true });

    // The panel names the sessions: showing one selects its block.
    await doubleBooked.getByRole('button', { name: 'Show “Trials without borders”' }).click();
    await expect(block(panel.id).evaluate((element) => element === document.activeElement)).resolves.toBe(true);

    // Move it to a free slot: Room B, 10:15 (five quarter hours below 09:00).
    const keynoteBox = await box(block(keynote.id));
    const slot = (keynoteBox.height + 2) / 4;
    const roomBHead = await box(page.getByTestId('builder-grid').getByText('Room B', { exact: true }));
    const panelBox = await box(block(panel.id));
    const settled = page.waitForResponse((r) => r.url().endsWith(`/api/summits/${summit.id}/draft`));
    await drag(page, block(panel.id), { x: roomBHead.x + roomBHead.width / 2, y: panelBox.y + 8 + 5 * slot });
    await settled;
    await conflicts.getByText('No conflicts').waitFor();
    await expect(block(panel.id).getAttribute('data-conflict')).resolves.toBe('none');
    const draft = (await (await organiser.request.get(`${base}/api/summits/${summit.id}/draft`)).json()) as DraftAgenda;
    const moved = draft.sessions.find((s) => s.id === panel.id);
    expect(moved).toMatchObject({ roomId: roomB.id, startsAt: at('10:15'), endsAt: at('11:15') });
    expect(draft.conflicts).toEqual([]);

    // Publish: the first version makes the summit visible to members.
    await page.getByRole('navigation', { name: 'Summit organisation' }).getByRole('link', { name: 'Publish' }).click();
    await page.waitForURL(`${base}/organise/summits/${summit.id}/publish`);
    await page.getByLabel('Comment for members (optional)').fill('First programme');
    await page.getByRole('button', { name: 'Publish the agenda' }).click();
    await page.getByTestId('versions').getByText('Version 1').waitFor();
    await page.getByText('Members see version 1').waitFor();

    // A later change from the keyboard: the panel two quarter hours later, then the changes to publish.
    await page.getByRole('navigation', { name: 'Summit organisation' }).getByRole('link', { name: 'Agenda' }).click();
    await block(panel.id).focus();
    const keyed = page.waitForResponse(
      (r) => r.url().endsWith(`/api/sessions/${panel.id}`) && r.request().method() === 'PATCH',
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await keyed;
    await expect(block(panel.id).innerText()).resolves.toContain('10:45–11:45');
    await page.getByRole('navigation', { name: 'Summit organisation' }).getByRole('link', { name: 'Publish' }).click();
    const change = page.locator(`[data-testid="change"][data-session-id="${panel.id}"]`);
    await change.waitFor();
    const changeText = await change.innerText();
    expect(changeText).toContain('New time');
    expect(changeText).toContain('10:15–11:15');
    expect(changeText).toContain('10:45–11:45 (Berlin)');
    // …and in the organiser's own zone.
    expect(changeText).toContain(`Your time (America/Los_Angeles)`);
    expect(changeText).toContain('01:45–02:45 (Los Angeles)');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'organise-publish.png'), fullPage: true });
    await page.getByRole('button', { name: 'Publish the changes' }).click();
    await page.getByTestId('versions').getByText('Version 2').waitFor();

    await page.getByRole('navigation', { name: 'Summit organisation' }).getByRole('link', { name: 'Details' }).click();
    await page.getByLabel('Title', { exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'organise-details.png'), fullPage: true });

    // Phones: readable, and nothing but the grid itself scrolls sideways.
    for (const [path, name] of [
      ['/organise', 'organise'],
      [`/organise/summits/${summit.id}/agenda`, 'agenda-builder'],
      [`/organise/summits/${summit.id}/publish`, 'organise-publish'],
    ] as const) {
      await phoneScreenshot(world.browser, organiser, `${base}${path}`, name, 'America/Los_Angeles');
    }
    await organiser.close();

    // A member in Seoul sees the session at its new time, in their own zone.
    const member = await world.browser.newContext({ locale: 'en-GB', timezoneId: MEMBER_ZONE });
    const memberPage = await signIn(member, base, MEMBER);
    await memberPage.goto(`${base}/summits/${summit.id}`);
    // An in-person summit's agenda opens in its own zone; the member's is one click away.
    await memberPage.getByTestId('zone-mine').click();
    const row = memberPage.locator(`[data-testid="session"][data-session-id="${panel.id}"]`);
    await row.waitFor();
    // The switch re-renders the agenda: wait for the row to show the member's zone, then read it.
    const time = () => row.getByTestId('session-time').innerText();
    await expect.poll(time).toContain('(Seoul)');
    const shown = (await time()).trim();
    expect(shown).toMatch(new RegExp(`^${formatTime(new Date(at('10:45')), MEMBER_ZONE, 'en-GB')}`));
    expect(shown).toContain(formatTime(new Date(at('11:45')), MEMBER_ZONE, 'en-GB'));
    await member.close();
  });

  it('refuses the builder to members', async () => {
    const member = await world.browser.newContext({ locale: 'en-GB' });
    const page = await signIn(member, base, MEMBER);
    await page.goto(`${base}/organise`);
    await page.getByTestId('not-allowed').waitFor();
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organise' }).count(),
    ).resolves.toBe(0);
    await member.close();
  });
});
