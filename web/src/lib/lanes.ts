// Side-by-side lanes for things that overlap in time in one column of a timetable: a double-booked room,
// or two sessions without a room at the same hour, must both be seen, never one drawn over the other.
// Shared by the organiser's builder and the public timetable.

export interface LaneItem {
  id: string;
  /** Instants (or any numbers on one axis): an item occupies [start, end). */
  start: number;
  end: number;
}

export interface Lane {
  /** 0-based position from the left. */
  lane: number;
  /** How many lanes its cluster of overlapping items shares the column's width with. */
  lanes: number;
}

/**
 * Each cluster of overlapping items (linked by overlap, directly or through others) shares the width in
 * as few lanes as it needs; an item that overlaps nothing gets the whole width. Items that merely touch
 * (one ends when the next starts) do not overlap.
 */
export function assignLanes(items: readonly LaneItem[]): Map<string, Lane> {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id));
  const result = new Map<string, Lane>();
  let cluster: { id: string; lane: number }[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;
  const close = (): void => {
    for (const item of cluster) result.set(item.id, { lane: item.lane, lanes: laneEnds.length });
    cluster = [];
    laneEnds = [];
    clusterEnd = -Infinity;
  };
  for (const item of sorted) {
    if (item.start >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.end);
    } else {
      laneEnds[lane] = item.end;
    }
    cluster.push({ id: item.id, lane });
    clusterEnd = Math.max(clusterEnd, item.end);
  }
  close();
  return result;
}

/** Lanes computed column by column: items only share width with those in the same column (room, track). */
export function assignLanesByColumn<Column>(items: readonly (LaneItem & { column: Column })[]): Map<string, Lane> {
  const byColumn = new Map<Column, LaneItem[]>();
  for (const item of items) {
    const list = byColumn.get(item.column) ?? [];
    list.push(item);
    byColumn.set(item.column, list);
  }
  return new Map([...byColumn.values()].flatMap((list) => [...assignLanes(list)]));
}
