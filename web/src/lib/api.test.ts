import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  getSummit,
  listMembers,
  listSignIns,
  listSummits,
  onUnauthenticated,
  requestSignInLink,
  retryOutboxMessage,
  signOut,
} from './api';

function answer(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

describe('the API client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('returns the JSON body of a successful answer', async () => {
    const fetch = vi.fn().mockResolvedValue(answer(200, [{ id: 'apoc-2027' }]));
    vi.stubGlobal('fetch', fetch);
    await expect(listSummits()).resolves.toEqual([{ id: 'apoc-2027' }]);
    expect(fetch).toHaveBeenCalledWith('/api/summits', expect.objectContaining({ method: 'GET' }));
  });

  it('throws an ApiError carrying the problem+json of a failed answer', async () => {
    const problem = { type: 'about:blank', title: 'Not found', status: 404, detail: 'No summit nope.' };
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(404, problem, 'application/problem+json')));
    const error = await getSummit('nope').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, title: 'Not found', detail: 'No summit nope.', isNotFound: true });
  });

  it('encodes ids in paths', async () => {
    const fetch = vi.fn().mockResolvedValue(answer(200, {}));
    vi.stubGlobal('fetch', fetch);
    await getSummit('a/b');
    expect(fetch).toHaveBeenCalledWith('/api/summits/a%2Fb', expect.anything());
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(listSummits()).rejects.toMatchObject({ status: 0, title: 'The server could not be reached' });
  });

  it('describes a failed answer without a problem body by its status', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('oops', { status: 502, statusText: 'Bad Gateway' })));
    await expect(listSummits()).rejects.toMatchObject({ status: 502, title: 'Bad Gateway' });
  });
});

describe('the API client for sign-in and admin pages', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends every write as JSON, which the server requires of cookie-carrying writes (CSRF)', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    await signOut();
    await retryOutboxMessage('x').catch(() => undefined);
    for (const [, init] of fetch.mock.calls as [string, RequestInit][]) {
      expect(init.method).toBe('POST');
      expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
      expect(init.body).toBe('{}');
    }
  });

  it('passes `next` with the sign-in request only when there is one', async () => {
    const fetch = vi.fn().mockResolvedValue(answer(202, { status: 'accepted', detail: '' }));
    vi.stubGlobal('fetch', fetch);
    await requestSignInLink('a@b.org', '/me');
    await requestSignInLink('a@b.org');
    const bodies = (fetch.mock.calls as [string, RequestInit][]).map(([, init]) => JSON.parse(String(init.body)));
    expect(bodies).toEqual([{ email: 'a@b.org', next: '/me' }, { email: 'a@b.org' }]);
  });

  it('writes filters as a query string, leaving out empty ones', async () => {
    const fetch = vi.fn().mockResolvedValue(answer(200, []));
    vi.stubGlobal('fetch', fetch);
    await listMembers({ q: 'ana ruiz', includeInactive: true });
    await listMembers({});
    expect(fetch.mock.calls.map(([path]) => path)).toEqual([
      '/api/members?q=ana+ruiz&includeInactive=true',
      '/api/members',
    ]);
  });

  it('tells its listeners when the server answers 401', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(answer(401, { type: 'about:blank', title: 'Unauthorized', status: 401 })),
    );
    const heard: { path: string; method: string }[] = [];
    const stop = onUnauthenticated((request) => heard.push(request));
    await listSignIns().catch(() => undefined);
    stop();
    await listSignIns().catch(() => undefined);
    expect(heard).toEqual([{ path: '/api/me/sign-ins', method: 'GET' }]);
  });
});
