import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, getSummit, listSummits } from './api';

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
