import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { demoSummitIds } from '../helpers/demo';
import { createInstitution, createMember } from '../helpers/factories';

// Who is registered is visible to other members only for those who agreed; organisers always see everyone.

interface Listing {
  attendees: { name: string; listed?: boolean }[];
  others: number;
}

describe('attendee lists by consent', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: browserHeaders(t.config, cookie), ...(payload ? { payload } : {}) });

  it('shows members only those who agreed, organisers everyone, and follows a change of mind', async () => {
    const summitId = (await demoSummitIds(t.app.db)).nextVirtual;
    const institution = (await createInstitution(t.app.db, 'Australia/Melbourne')).id;
    const people = await Promise.all(
      ['Listed Lena', 'Private Pia', 'Curious Cara'].map(async (name) => {
        const member = await createMember(t.app.db, institution, name);
        return { name, cookie: await signIn(t, member.email) };
      }),
    );
    const [lena, pia, cara] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    const registered = await send('POST', `/api/summits/${summitId}/registrations`, lena.cookie, {
      mode: 'virtual',
      listed: true,
    });
    expect(registered.json()).toMatchObject({ status: 'confirmed', listed: true });
    await send('POST', `/api/summits/${summitId}/registrations`, pia.cookie, { mode: 'virtual' });
    await send('POST', `/api/summits/${summitId}/registrations`, cara.cookie, { mode: 'virtual' });

    const seen = (await send('GET', `/api/summits/${summitId}/attendees`, cara.cookie)).json() as Listing;
    const names = seen.attendees.map((attendee) => attendee.name);
    expect(names).toContain('Listed Lena');
    expect(names).not.toContain('Private Pia');
    expect(names).not.toContain('Curious Cara');
    expect(seen.others).toBeGreaterThanOrEqual(2);
    expect(seen.attendees.every((attendee) => attendee.listed === undefined)).toBe(true);

    const organiser = await signIn(t, 'organiser@demo.apoc.test');
    const all = (await send('GET', `/api/summits/${summitId}/attendees`, organiser)).json() as Listing;
    expect(all.others).toBe(0);
    expect(all.attendees.find((attendee) => attendee.name === 'Private Pia')).toMatchObject({ listed: false });
    expect(all.attendees.find((attendee) => attendee.name === 'Listed Lena')).toMatchObject({ listed: true });

    const changed = await send('PATCH', `/api/summits/${summitId}/registrations/me`, pia.cookie, { listed: true });
    expect(changed.json()).toMatchObject({ listed: true });
    const again = (await send('GET', `/api/summits/${summitId}/attendees`, cara.cookie)).json() as Listing;
    expect(again.attendees.map((attendee) => attendee.name)).toContain('Private Pia');
  });
});
