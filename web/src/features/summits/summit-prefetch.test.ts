import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../../testing/http';
import { prefetchSummit, takePrefetchedSummit } from './summit-prefetch';

describe('the summit asked for as the app starts', () => {
  const fetch = vi.fn<(path: string) => Promise<Response>>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetch);
    fetch.mockImplementation(async (path) =>
      path.startsWith('/api/summits/')
        ? jsonResponse({ id: path.slice('/api/summits/'.length), title: 'Spring Summit' })
        : jsonResponse({ type: 'about:blank', title: 'Not here', status: 404 }, 404),
    );
  });
  afterEach(() => {
    fetch.mockReset();
    vi.unstubAllGlobals();
  });

  it('is asked for on a summit’s page only, and taken once by that summit’s page', async () => {
    prefetchSummit('/organise');
    prefetchSummit('/summits/abc/changes');
    expect(fetch.mock.calls.map(([path]) => path).filter((path) => path.startsWith('/api/summits'))).toEqual([]);

    prefetchSummit('/summits/abc');
    expect(fetch.mock.calls.map(([path]) => path)).toContain('/api/summits/abc');
    expect(takePrefetchedSummit('other')).toBeNull();
    await expect(takePrefetchedSummit('abc')).resolves.toMatchObject({ id: 'abc', title: 'Spring Summit' });
    // A reload of the page asks the server again.
    expect(takePrefetchedSummit('abc')).toBeNull();
  });

  it('hands its failure to the page that takes it, and to nobody before', async () => {
    fetch.mockImplementation(async () => jsonResponse({ type: 'about:blank', title: 'Gone', status: 404 }, 404));
    prefetchSummit('/summits/gone');
    // Not taken yet: no unhandled rejection while the app mounts (vitest fails a test that leaves one).
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(takePrefetchedSummit('gone')).rejects.toMatchObject({ status: 404 });
  });
});
