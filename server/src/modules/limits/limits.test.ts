import { describe, expect, it } from 'vitest';
import { MemoryRateWindows } from './limits';

describe('rate windows of one instance (in memory)', () => {
  const at = (times: number[]) => {
    let i = 0;
    return () => times[Math.min(i++, times.length - 1)] ?? 0;
  };

  it('allows max attempts per window, then says how long to wait', async () => {
    const windows = new MemoryRateWindows(at([0, 1_000, 2_000, 2_000]));
    expect(await windows.hit('a', 2, 60_000)).toBe(0);
    expect(await windows.hit('a', 2, 60_000)).toBe(0);
    expect(await windows.hit('a', 2, 60_000)).toBe(58);
    expect(await windows.hit('b', 2, 60_000)).toBe(0);
  });

  it('opens a new window once the old one has passed', async () => {
    const windows = new MemoryRateWindows(at([0, 30_000, 60_000]));
    await windows.hit('a', 1, 60_000);
    expect(await windows.hit('a', 1, 60_000)).toBeGreaterThan(0);
    expect(await windows.hit('a', 1, 60_000)).toBe(0);
  });

  it('forgets the oldest keys rather than growing without bound', async () => {
    const windows = new MemoryRateWindows(at([0, 0, 0, 1]), 2);
    await windows.hit('a', 1, 60_000);
    await windows.hit('b', 1, 60_000);
    await windows.hit('c', 1, 60_000);
    expect(await windows.hit('a', 1, 60_000)).toBe(0);
  });
});
