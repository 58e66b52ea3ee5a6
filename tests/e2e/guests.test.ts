import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from '../helpers/browser';
import { publishedDemoSummits } from '../helpers/demo';
import { desktop, post, SCREENSHOTS, signInThroughMailbox, startE2e, type E2eWorld } from '../helpers/e2e';

const GUEST = 'visiting.professor@partner.example';

describe('guests, invited by organisers', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startE2e();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('an organiser invites a guest, who then sees that summit and no other', async () => {
    const base = world.base;
    const { nextVirtual } = await publishedDemoSummits(world.server.url);
    const adminContext = await desktop(world.browser, 'America/New_York');
    await signInThroughMailbox(adminContext, base, 'admin@demo.apoc.test');
    await post(adminContext, base, '/api/members', { email: GUEST, name: 'Visiting Professor', role: 'guest' }, 201);
    await adminContext.close();

    const organiserContext = await desktop(world.browser, 'Europe/Paris');
    const organiser = await signInThroughMailbox(organiserContext, base, 'organiser@demo.apoc.test');
    await organiser.goto(`${base}/organise/summits/${nextVirtual}`);
    const panel = organiser.getByTestId('invited-guests');
    await panel.getByText('No guests invited').waitFor();
    await panel.getByLabel('Invite a guest').selectOption({ label: 'Visiting Professor' });
    await panel.getByRole('button', { name: 'Invite', exact: true }).click();
    await panel.getByRole('listitem').filter({ hasText: 'Visiting Professor' }).waitFor();
    expect(await seriousAccessibilityViolations(organiser)).toEqual([]);
    await organiser.screenshot({ path: join(SCREENSHOTS, 'organise-invited-guests.png'), fullPage: true });
    await organiserContext.close();

    const guestContext = await desktop(world.browser, 'Asia/Seoul');
    const guest = await signInThroughMailbox(guestContext, base, GUEST);
    await guest.getByTestId('summit-card').first().waitFor();
    expect(await guest.getByTestId('summit-card').count()).toBe(1);
    await guestContext.close();
  });
});
