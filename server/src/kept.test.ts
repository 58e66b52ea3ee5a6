import { describe, expect, it } from 'vitest';
import { Kept } from './kept';

describe('kept values', () => {
  it('reads a value once and keeps it until that key, or every key, is forgotten', async () => {
    const kept = new Kept<string>();
    let reads = 0;
    const read = async () => `read ${++reads}`;
    expect(await kept.get('a', read)).toBe('read 1');
    expect(await kept.get('a', read)).toBe('read 1');
    expect(await kept.get('b', read)).toBe('read 2');
    kept.forget('a');
    expect(kept.peek('a')).toBeUndefined();
    expect(await kept.get('a', read)).toBe('read 3');
    expect(kept.peek('b')).toBe('read 2');
    kept.clear();
    expect(await kept.get('b', read)).toBe('read 4');
  });

  it('keeps nothing for a key that has no value, and nothing read while a key was forgotten', async () => {
    const kept = new Kept<string | undefined>();
    expect(await kept.get('missing', async () => undefined)).toBeUndefined();
    expect(await kept.get('missing', async () => 'made since')).toBe('made since');
    let release: () => void = () => undefined;
    const slow = kept.get('slow', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return 'before the change';
    });
    kept.forget('other');
    release();
    expect(await slow).toBe('before the change');
    expect(kept.peek('slow')).toBeUndefined();
  });
});
