import type { SummitDetail, SummitSummary } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { crowd, signedIn } from '../helpers/auth';
import { demoSession, demoSummitIds, type DemoSummitIds } from '../helpers/demo';

// The summit list and a published summit's detail are built once per change and kept serialised, with an ETag made
// from their bytes: a client holding the answer gets 304, and any change (a summit edited, an agenda published)
// makes the next answer new at once. Drafts are never in what everyone is served.

describe('answers about summits, kept until something changes', () => {
  let t: TestApp;
  let ids: DemoSummitIds;
  let organiser: string;
  let member: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
    ids = await demoSummitIds(t.app.db);
    organiser = await signedIn(t, 'organiser@demo.apoc.test');
    member = (await crowd(t, 1, 'msk'))[0]?.cookie ?? '';
  });
  afterAll(async () => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const change = async (method: 'PATCH' | 'POST', url: string, payload: object) => {
    const answer = await t.app.inject({ method, url, payload, headers: browserHeaders(t.config, organiser) });
    expect(answer.statusCode, answer.body).toBe(200);
  };

  it('answers the list with an ETag and 304 while nothing changed; an edited summit makes it new at once', async () => {
    const first = await get('/api/summits');
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');

    const again = await get('/api/summits', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    // The API's security headers, worked out once, on every answer: nothing may load from it or frame it.
    for (const answer of [first, again]) {
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
    // A page keeps the policy the web app needs.
    const page = await get('/summits', {});
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    // A signed-in member is served the same bytes (and told that no cache may keep them).
    const theirs = await get('/api/summits', { cookie: member });
    expect(theirs.body).toBe(first.body);
    expect(theirs.headers['cache-control']).toBe('no-store');

    await change('PATCH', `/api/summits/${ids.nextVirtual}`, { title: 'Renamed Virtual Summit' });
    const after = await get('/api/summits', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const renamed = (after.json() as SummitSummary[]).find((summit) => summit.id === ids.nextVirtual);
    expect(renamed?.title).toBe('Renamed Virtual Summit');
  });

  it('answers a published summit with an ETag; publishing a change makes the old one stale', async () => {
    const url = `/api/summits/${ids.nextVirtual}`;
    const first = await get(url);
    const etag = String(first.headers.etag);
    expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304);
    // Several ETags, as a cache that kept more than one sends them.
    expect((await get(url, { 'if-none-match': `"elsewhere", ${etag}` })).statusCode).toBe(304);

    // A change not yet published does not change what members are answered.
    const sessionId = demoSession(ids.nextVirtual, 3);
    await change('PATCH', `/api/sessions/${sessionId}`, { title: 'Retitled, then published' });
    expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304);

    await change('POST', `${url}/publish`, {});
    const after = await get(url, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const detail = after.json() as SummitDetail;
    expect(detail.sessions.find((session) => session.id === sessionId)?.title).toBe('Retitled, then published');
  });

  it('keeps drafts out of what everyone is served, and builds the organisers’ own', async () => {
    const everyone = (await get('/api/summits')).json() as SummitSummary[];
    expect(everyone.some((summit) => summit.id === ids.draft)).toBe(false);
    const theirs = (await get('/api/summits', { cookie: organiser })).json() as SummitSummary[];
    expect(theirs.some((summit) => summit.id === ids.draft)).toBe(true);
    // Asked by the organiser first, the draft is still nobody else's to see.
    expect((await get(`/api/summits/${ids.draft}`, { cookie: organiser })).statusCode).toBe(200);
    expect((await get(`/api/summits/${ids.draft}`)).statusCode).toBe(404);
    expect((await get(`/api/summits/${ids.draft}`, { cookie: member })).statusCode).toBe(404);
    expect((await get('/api/summits')).json()).toEqual(everyone);
  });
});
