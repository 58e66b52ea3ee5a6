// A summit's title and description in several languages (issue 18): organisers give the translations they want,
// everyone receives them with the summit, and each person's page shows theirs, else the original.
import type { SummitDetail, SummitSummary } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { createSummit } from '../helpers/factories';

describe('a summit in several languages', () => {
  let t: TestApp;
  let organiser: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    organiser = await signIn(t, 'organiser@demo.apoc.test');
  });
  afterAll(async () => t.close());

  const patch = (id: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/summits/${id}`, headers: browserHeaders(t.config, organiser), payload });

  it('keeps the translations organisers give, trimmed, and drops the empty ones', async () => {
    const summit = await createSummit(t.app.db, { title: 'Spring Summit' });
    const saved = await patch(summit.id, {
      translations: {
        fr: { title: ' Sommet de printemps ', description: 'Deux jours à **Paris**.' },
        ko: { title: '봄 서밋' },
        de: { title: '   ', description: '' },
      },
    });
    expect(saved.statusCode).toBe(200);
    const expected = {
      fr: { title: 'Sommet de printemps', description: 'Deux jours à **Paris**.' },
      ko: { title: '봄 서밋' },
    };
    expect((saved.json() as SummitDetail).translations).toEqual(expected);

    const detail = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}` })).json() as SummitDetail;
    expect(detail.translations).toEqual(expected);
    expect(detail.title).toBe('Spring Summit');

    // Lists carry the titles only.
    const list = (await t.app.inject({ method: 'GET', url: '/api/summits' })).json() as SummitSummary[];
    expect(list.find((s) => s.id === summit.id)?.translations).toEqual({
      fr: { title: 'Sommet de printemps' },
      ko: { title: '봄 서밋' },
    });

    // A patch without translations leaves them; one with translations replaces them whole.
    await patch(summit.id, { edition: 'Spring 2027' });
    expect(((await patch(summit.id, { requiresApproval: false })).json() as SummitDetail).translations).toEqual(
      expected,
    );
    const replaced = await patch(summit.id, { translations: { es: { title: 'Cumbre de primavera' } } });
    expect((replaced.json() as SummitDetail).translations).toEqual({ es: { title: 'Cumbre de primavera' } });
  });

  it('refuses a language the platform does not speak and an unknown field, and changes nothing', async () => {
    const summit = await createSummit(t.app.db, { title: 'Autumn Summit' });
    await patch(summit.id, { translations: { fr: { title: "Sommet d'automne" } } });
    for (const translations of [
      { it: { title: 'Vertice' } },
      { fr: { subtitle: 'x' } },
      { fr: { title: 'x'.repeat(201) } },
    ]) {
      const refused = await patch(summit.id, { translations });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const detail = (await t.app.inject({ method: 'GET', url: `/api/summits/${summit.id}` })).json() as SummitDetail;
    expect(detail.translations).toEqual({ fr: { title: "Sommet d'automne" } });
  });

  it('carries the description’s translations to the next edition, and the title’s unless it is renamed', async () => {
    const summit = await createSummit(t.app.db, {
      title: 'Winter Summit',
      startDate: '2027-01-12',
      endDate: '2027-01-13',
    });
    await patch(summit.id, {
      translations: { de: { title: 'Winter-Summit', description: 'Zwei Tage.' }, ko: { title: '겨울 서밋' } },
    });
    const headers = browserHeaders(t.config, organiser);
    const same = await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/next-edition`,
      headers,
      payload: { startDate: '2028-01-11' },
    });
    expect(same.statusCode).toBe(201);
    expect((same.json() as SummitDetail).translations).toEqual({
      de: { title: 'Winter-Summit', description: 'Zwei Tage.' },
      ko: { title: '겨울 서밋' },
    });
    const renamed = await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summit.id}/next-edition`,
      headers,
      payload: { startDate: '2029-01-09', title: 'Winter Summit 2029' },
    });
    expect(renamed.statusCode).toBe(201);
    expect((renamed.json() as SummitDetail).translations).toEqual({ de: { description: 'Zwei Tage.' } });
  });
});
