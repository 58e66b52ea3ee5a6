import { LANGUAGES } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { createInstitution, createMember } from '../helpers/factories';

// PATCH /api/me {language}: the member's language, kept with their profile; null means "my browser's".
describe('a member’s language', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const member = await createMember(t.app.db, (await createInstitution(t.app.db)).id, 'Language Member');
    cookie = await signIn(t, member.email);
  });

  afterAll(async () => {
    await t.close();
  });

  const patch = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: '/api/me', headers: browserHeaders(t.config, cookie), payload });
  const me = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/me', headers: browserHeaders(t.config, cookie) })).json();

  it('is the browser’s until the member chooses one', async () => {
    expect(await me()).toMatchObject({ language: null });
  });

  it.each(LANGUAGES)('keeps %s, and says so on /api/me', async (language) => {
    const response = await patch({ language });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ language });
    expect(await me()).toMatchObject({ language });
  });

  it('leaves the language alone when another preference changes', async () => {
    await patch({ language: 'ko' });
    expect((await patch({ reminders: 'all' })).json()).toMatchObject({ language: 'ko', reminders: 'all' });
  });

  it.each([['it'], ['EN'], ['ko-KR'], [''], [7]])(
    'refuses %j with a problem, and changes nothing',
    async (language) => {
      await patch({ language: 'de' });
      const response = await patch({ language });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(await me()).toMatchObject({ language: 'de' });
    },
  );

  it('is in the member’s export of their data', async () => {
    await patch({ language: 'es' });
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/me/export',
      headers: browserHeaders(t.config, cookie),
    });
    expect(exported.json()).toMatchObject({ data: { member: { language: 'es' } } });
  });

  it('goes back to the browser’s language on null', async () => {
    await patch({ language: 'fr' });
    expect((await patch({ language: null })).json()).toMatchObject({ language: null });
    expect(await me()).toMatchObject({ language: null });
  });
});
