import { first, tables } from '../helpers/db';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { demoSummitIds } from '../helpers/demo';

// The public exports that programs poll (schedule.json/xml, agenda CSV, iCal feeds): rendered once per published
// version, answered 304 when nothing changed, never stale after a publication, and limited against a runaway loop.

describe('public exports, cached per published version and rate limited', () => {
  let t: TestApp;
  let summitId: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    summitId = (await demoSummitIds(t.app.db)).nextVirtual;
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '203.0.113.5') =>
    t.app.inject({ method: 'GET', url, headers, remoteAddress });

  it('answers the same version with the same bytes and ETag, 304 when the client has it, and the new version after publishing', async () => {
    for (const format of ['json', 'xml']) {
      const url = `/api/summits/${summitId}/schedule.${format}`;
      const first = await get(url);
      const again = await get(url);
      expect(first.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^".+"$/);
      expect(again.headers.etag).toBe(etag);
      expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304);
    }

    const organiser = await signIn(t, 'organiser@demo.apoc.test');
    const session = await first(
      t.app.db.q
        .select()
        .from(tables.sessions)
        .where(and(eq(tables.sessions.summitId, summitId), ne(tables.sessions.kind, 'break'))),
    );
    const before = await get(`/api/summits/${summitId}/schedule.json`);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/sessions/${session?.id}`,
      headers: browserHeaders(t.config, organiser),
      payload: { title: 'Renamed after the cache was filled' },
    });
    expect(renamed.statusCode).toBe(200);
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/summits/${summitId}/publish`,
      headers: browserHeaders(t.config, organiser),
      payload: {},
    });
    expect(published.statusCode).toBe(200);
    const after = await get(`/api/summits/${summitId}/schedule.json`, { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body).toContain('Renamed after the cache was filled');

    // The summit's own fields change without a publication: the export follows at once.
    const retitled = await t.app.inject({
      method: 'PATCH',
      url: `/api/summits/${summitId}`,
      headers: browserHeaders(t.config, organiser),
      payload: { title: 'A summit renamed without publishing' },
    });
    expect(retitled.statusCode).toBe(200);
    const renamedSummit = await get(`/api/summits/${summitId}/schedule.json`, {
      'if-none-match': String(after.headers.etag),
    });
    expect(renamedSummit.statusCode).toBe(200);
    expect(renamedSummit.body).toContain('A summit renamed without publishing');
  });

  it('limits one client address that polls in a loop, with 429 problem+json and Retry-After', async () => {
    const url = `/api/summits/${summitId}/schedule.json`;
    let limited = null;
    for (let i = 0; i < 601 && !limited; i++) {
      const answer = await get(url, {}, '198.51.100.99');
      if (answer.statusCode === 429) limited = answer;
    }
    expect(limited?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await get(url, {}, '198.51.100.100')).statusCode).toBe(200);
  });
});
