import { addDays, localDate, zonedInstant } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, post, signInThroughMailbox as signIn, startE2e, type E2eWorld } from '../helpers/e2e';

const ORGANISER = 'organiser@demo.apoc.test';
const ZONE = 'Europe/Madrid';

describe('publishing while a conflict blocks it, in a real browser', () => {
  let world: E2eWorld;
  let base: string;

  beforeAll(async () => {
    world = await startE2e();
    base = world.base;
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('leaves Publish disabled with the reason beside it until the conflict is gone', async () => {
    const organiser = await desktop(world.browser, 'America/Los_Angeles');
    const page = await signIn(organiser, base, ORGANISER);
    const write = <T>(path: string, data: object): Promise<T> => post<T>(organiser, base, path, data, 201);

    // A draft two months from whatever today is, so that the test holds on any day.
    const firstDay = addDays(localDate(Date.now(), ZONE), 60);
    const at = (time: string) => zonedInstant(firstDay, time, ZONE).toISOString();
    const summit = await write<{ id: string }>('/api/summits', {
      title: 'Blocked Publish Summit',
      format: 'in_person',
      timeZone: ZONE,
      startDate: firstDay,
      endDate: addDays(firstDay, 1),
      venue: { name: 'Vall d’Hebron', city: 'Barcelona' },
    });
    const room = await write<{ id: string }>(`/api/summits/${summit.id}/rooms`, { name: 'Sala Gran' });
    const slot = { kind: 'plenary', startsAt: at('10:00'), endsAt: at('11:00'), roomId: room.id };
    await write(`/api/summits/${summit.id}/sessions`, { title: 'Liquid biopsy update', ...slot });
    const clash = await write<{ id: string }>(`/api/summits/${summit.id}/sessions`, {
      title: 'Trial design clinic',
      ...slot,
    });

    await page.goto(`${base}/organise/summits/${summit.id}/publish`);
    const publish = page.getByRole('button', { name: 'Publish the agenda' });
    await publish.waitFor();
    expect(await publish.isDisabled()).toBe(true);
    const reason = page.getByTestId('publish-disabled-reason');
    expect(await reason.textContent()).toContain('Publishing is blocked until the conflict above is fixed');
    expect(await publish.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
    expect(await page.getByTestId('blocking-conflicts').textContent()).toContain('Sala Gran');

    // Moving the second session an hour later clears the conflict: the button comes back.
    const moved = await organiser.request.patch(`${base}/api/sessions/${clash.id}`, {
      data: { startsAt: at('11:00'), endsAt: at('12:00') },
      headers: { origin: base },
    });
    expect(moved.status()).toBe(200);
    await page.reload();
    await publish.waitFor();
    expect(await publish.isEnabled()).toBe(true);
    expect(await reason.count()).toBe(0);
    await organiser.close();
  });
});
