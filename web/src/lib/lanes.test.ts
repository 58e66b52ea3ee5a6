import { describe, expect, it } from 'vitest';
import { assignLanes, assignLanesByColumn, type LaneItem } from './lanes';

const item = (id: string, start: number, end: number): LaneItem => ({ id, start, end });

/** True when two items drawn in the same column would cover each other. */
function collide(items: readonly LaneItem[], lanes: ReturnType<typeof assignLanes>): string[] {
  const found: string[] = [];
  for (const a of items) {
    for (const b of items) {
      if (a.id >= b.id || a.start >= b.end || b.start >= a.end) continue;
      if (lanes.get(a.id)?.lane === lanes.get(b.id)?.lane) found.push(`${a.id}/${b.id}`);
    }
  }
  return found;
}

describe('side-by-side lanes', () => {
  it('gives an item that overlaps nothing the whole width', () => {
    expect(assignLanes([item('a', 0, 60)])).toEqual(new Map([['a', { lane: 0, lanes: 1 }]]));
  });

  it('puts two overlapping items side by side, and the one that only touches them back at full width', () => {
    const lanes = assignLanes([item('x', 0, 60), item('y', 30, 90), item('z', 90, 120)]);
    expect(lanes.get('x')).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get('y')).toEqual({ lane: 1, lanes: 2 });
    expect(lanes.get('z')).toEqual({ lane: 0, lanes: 1 });
  });

  it('reuses a lane once it is free, so a chain of overlaps needs only two lanes', () => {
    const items = [item('a', 0, 60), item('b', 30, 90), item('c', 60, 120), item('d', 90, 150)];
    const lanes = assignLanes(items);
    expect([...lanes.values()].every((lane) => lane.lanes === 2)).toBe(true);
    expect(collide(items, lanes)).toEqual([]);
  });

  it('gives three sessions at the same time three lanes, in a stable order', () => {
    const items = [item('c', 0, 60), item('a', 0, 60), item('b', 0, 60)];
    const lanes = assignLanes(items);
    expect(['a', 'b', 'c'].map((id) => lanes.get(id))).toEqual([
      { lane: 0, lanes: 3 },
      { lane: 1, lanes: 3 },
      { lane: 2, lanes: 3 },
    ]);
  });

  it('never lets two overlapping items share a lane, for any day of random sessions', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: 12 }, (_, i) => {
        const start = Math.floor(random() * 48) * 15;
        return item(`s${i}`, start, start + 15 * (1 + Math.floor(random() * 8)));
      });
      const lanes = assignLanes(items);
      expect(lanes.size).toBe(items.length);
      expect(collide(items, lanes)).toEqual([]);
      for (const lane of lanes.values()) expect(lane.lane).toBeLessThan(lane.lanes);
    }
  });

  it('shares width only within a column', () => {
    const lanes = assignLanesByColumn([
      { ...item('a', 0, 60), column: 'room-1' },
      { ...item('b', 0, 60), column: 'room-2' },
      { ...item('c', 30, 90), column: 'room-2' },
    ]);
    expect(lanes.get('a')).toEqual({ lane: 0, lanes: 1 });
    expect(lanes.get('b')).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get('c')).toEqual({ lane: 1, lanes: 2 });
  });
});
