import { describe, expect, it } from 'vitest';
import { RateLimit } from './live.limits';

describe('a rate limit', () => {
  it('allows a burst of its capacity, then says how long to wait', () => {
    const limit = new RateLimit(3, 1000, 0);
    expect([limit.take(0), limit.take(0), limit.take(0)]).toEqual([0, 0, 0]);
    expect(limit.take(0)).toBe(1000);
    expect(limit.take(400)).toBe(600);
  });

  it('refills one token per interval, never above its capacity', () => {
    const limit = new RateLimit(2, 500, 0);
    limit.take(0);
    limit.take(0);
    expect(limit.take(500)).toBe(0);
    expect(limit.take(500)).toBe(500);
    expect([limit.take(60_000), limit.take(60_000), limit.take(60_000)]).toEqual([0, 0, 500]);
  });

  it('allows one action per interval when its capacity is one', () => {
    const limit = new RateLimit(1, 5000, 0);
    expect(limit.take(0)).toBe(0);
    expect(limit.take(4999)).toBe(1);
    expect(limit.take(5000)).toBe(0);
  });
});
