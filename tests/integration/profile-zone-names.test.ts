import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { createInstitution, createMember } from '../helpers/factories';

// ICU still names some zones the old way (Asia/Calcutta, Europe/Kiev): a browser may send either name.
describe('a member’s time zone by its current IANA name', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const member = await createMember(t.app.db, (await createInstitution(t.app.db)).id, 'Zone Member');
    cookie = await signIn(t, member.email);
  });

  afterAll(async () => {
    await t.close();
  });

  const patchZone = (timeZone: string | null) =>
    t.app.inject({ method: 'PATCH', url: '/api/me', headers: browserHeaders(t.config, cookie), payload: { timeZone } });

  it.each([
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Australia/Melbourne', 'Australia/Melbourne'],
  ])('accepts %s and stores it as %s', async (sent, stored) => {
    const response = await patchZone(sent);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ timeZone: stored, effectiveTimeZone: stored });
  });

  it('still refuses a name that is no zone, with a problem', async () => {
    const response = await patchZone('Asia/Atlantis');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('goes back to the institution’s zone on null', async () => {
    expect((await patchZone(null)).json()).toMatchObject({ timeZone: null, effectiveTimeZone: 'Asia/Seoul' });
  });
});
