// A summit in several languages (issue 18), as people meet it: an organiser gives a French title in the summit's
// Details form (French shown as missing until then), and a visitor whose page is in French reads it on the
// summit's page, while an English visitor still reads the original.
import type { SummitSummary } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, signInThroughMailbox, startE2e, type E2eWorld } from '../helpers/e2e';

const ORGANISER = 'organiser@demo.apoc.test';
const FRENCH_TITLE = 'Sommet APoC de démonstration';

describe('a summit’s title in French, given by its organiser', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startE2e();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('is typed in the Details form and shown to a French visitor', async () => {
    const summits = (await (await fetch(`${world.server.url}/api/summits`)).json()) as SummitSummary[];
    const summit = summits.find((s) => s.status === 'published' && !s.translations.fr);
    if (!summit) throw new Error('the demo network has no published summit without a French title');

    const organiser = await desktop(world.browser, 'Europe/Paris');
    const page = await signInThroughMailbox(organiser, world.base, ORGANISER);
    await page.goto(`${world.base}/organise/summits/${summit.id}`);
    const status = page.getByTestId('translation-status-fr');
    expect(await status.textContent()).toBe('Missing');
    await page.locator('summary', { has: page.locator('[lang="fr"]') }).click();
    const title = page.getByLabel('Title in French');
    expect(await title.getAttribute('lang')).toBe('fr');
    await title.fill(FRENCH_TITLE);
    // The summit's own title keeps its label to itself.
    expect(await page.getByLabel('Title', { exact: true }).count()).toBe(1);
    expect(await status.textContent()).toBe('Title only');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByText('Everything is saved.').waitFor();
    await organiser.close();

    const french = await world.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Paris' });
    await french.addCookies([{ name: 'apoc-language', value: 'fr', url: world.base }]);
    const visit = await french.newPage();
    await visit.goto(`${world.base}/summits/${summit.id}`);
    await visit.getByRole('heading', { level: 1, name: FRENCH_TITLE }).waitFor();
    await expect(visit.evaluate(() => document.documentElement.lang)).resolves.toBe('fr');
    await french.close();

    const english = await world.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Paris' });
    const original = await english.newPage();
    await original.goto(`${world.base}/summits/${summit.id}`);
    await original.getByRole('heading', { level: 1, name: summit.title }).waitFor();
    expect(await original.getByText(FRENCH_TITLE).count()).toBe(0);
    await english.close();
  });
});
