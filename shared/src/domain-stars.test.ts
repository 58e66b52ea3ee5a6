import { describe, expect, it } from 'vitest';
import { isStarrable, SESSION_KINDS } from './domain';

describe('which sessions a member can star', () => {
  it('refuses breaks and accepts every kind that has content, networking events included', () => {
    expect(SESSION_KINDS.filter((kind) => !isStarrable(kind))).toEqual(['break']);
    expect(isStarrable('networking')).toBe(true);
    expect(isStarrable('keynote')).toBe(true);
  });
});
