import { describe, expect, it } from 'vitest';
import { AnswerCache, answerOf } from './answers';

describe('kept answers', () => {
  it('builds an answer once and keeps it until cleared, with an ETag made from its bytes', async () => {
    const cache = new AnswerCache();
    let builds = 0;
    const build = async () => `{"build":${++builds}}`;
    const first = await cache.get('list', build);
    expect(await cache.get('list', build)).toBe(first);
    expect(first.etag).toBe(answerOf('{"build":1}').etag);
    cache.clear();
    expect((await cache.get('list', build)).body).toBe('{"build":2}');
  });

  it('does not keep an answer built while a change came in: it may be from before the change', async () => {
    const cache = new AnswerCache();
    let release: () => void = () => undefined;
    const slow = cache.get('list', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return '"before the change"';
    });
    cache.clear();
    release();
    expect((await slow).body).toBe('"before the change"');
    expect((await cache.get('list', async () => '"after the change"')).body).toBe('"after the change"');
  });
});
