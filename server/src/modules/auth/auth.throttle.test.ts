import { describe, expect, it } from 'vitest';
import { AttemptCounter } from './auth.throttle';

describe('AttemptCounter', () => {
  it('allows max attempts per window, then says how long to wait', () => {
    const counter = new AttemptCounter(2, 60_000);
    expect(counter.hit('a', 0)).toBe(0);
    expect(counter.hit('a', 1_000)).toBe(0);
    expect(counter.hit('a', 2_000)).toBe(58);
    expect(counter.hit('b', 2_000)).toBe(0);
  });

  it('opens a new window once the old one has passed', () => {
    const counter = new AttemptCounter(1, 60_000);
    counter.hit('a', 0);
    expect(counter.hit('a', 30_000)).toBeGreaterThan(0);
    expect(counter.hit('a', 60_000)).toBe(0);
  });

  it('forgets the oldest keys rather than growing without bound', () => {
    const counter = new AttemptCounter(1, 60_000, 2);
    counter.hit('a', 0);
    counter.hit('b', 0);
    counter.hit('c', 0);
    expect(counter.hit('a', 1)).toBe(0);
  });
});
