import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';

/**
 * Walks every operation of the OpenAPI document: a route that is not public must answer 401 to an
 * anonymous caller and 403 to a caller below its role. A route added later without a guard fails here.
 */
describe('every route enforces who may call it', () => {
  let t: TestApp;
  let operations: { method: string; path: string; url: string; access: string }[];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const declared = new Map(t.app.apiRoutes.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.access]));
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => {
        const key = `${method.toUpperCase()} ${path}`;
        const access = declared.get(key);
        if (!access) throw new Error(`${key} is documented but declares no access`);
        return { method: method.toUpperCase(), path, url: path.replace(/\{\w+\}/g, 'some-id'), access };
      }),
    );
    cookies.guest = await signIn(t, 'ingrid.solberg@demo.apoc.test');
    cookies.member = await signIn(t, 'laia.puig@demo.apoc.test');
    cookies.organiser = await signIn(t, 'organiser@demo.apoc.test');
  });
  afterAll(async () => t.close());

  const call = (operation: { method: string; url: string }, cookie?: string) =>
    t.app.inject({
      method: operation.method as 'GET',
      url: operation.url,
      headers: browserHeaders(t.config, cookie),
      ...(operation.method === 'GET' || operation.method === 'DELETE' ? {} : { payload: {} }),
    });

  it('finds the routes of every access level in the document', () => {
    const levels = new Set(operations.map((o) => o.access));
    expect(levels).toEqual(new Set(['public', 'member', 'organiser', 'admin']));
  });

  it('answers 401 to anonymous callers of every non-public route', async () => {
    for (const operation of operations.filter((o) => o.access !== 'public')) {
      const response = await call(operation);
      expect({ route: `${operation.method} ${operation.path}`, status: response.statusCode }).toEqual({
        route: `${operation.method} ${operation.path}`,
        status: 401,
      });
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('answers 403 to callers below the role a route needs', async () => {
    const below: Record<string, string[]> = { organiser: ['guest', 'member'], admin: ['guest', 'member', 'organiser'] };
    let checked = 0;
    for (const operation of operations) {
      for (const role of below[operation.access] ?? []) {
        const response = await call(operation, cookies[role]);
        expect({ route: `${operation.method} ${operation.path}`, role, status: response.statusCode }).toEqual({
          route: `${operation.method} ${operation.path}`,
          role,
          status: 403,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('lets guests, members and organisers through to member routes', async () => {
    for (const role of ['guest', 'member', 'organiser']) {
      const response = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookies[role] } });
      expect(response.statusCode).toBe(200);
    }
  });
});
