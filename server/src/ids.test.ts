import { describe, expect, it } from 'vitest';
import { newId, orderedId } from './ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids', () => {
  it('makes random ids for rows', () => {
    expect(newId()).not.toBe(newId());
  });

  it('makes ordered ids that sort in the order they were made, thousands within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => orderedId());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('puts the wall clock in the id, to the millisecond', () => {
    const before = Date.now();
    const id = orderedId();
    const at = parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    // The counter may borrow a few milliseconds ahead after the previous test's burst, never fall behind.
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThan(Date.now() + 60_000);
  });
});
