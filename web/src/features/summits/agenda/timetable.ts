// The "timetable by room" of one day: rooms across, time down, in the zone shown.
//
// Two promises: no session is ever hidden (sessions that overlap in one column, including the column of
// sessions without a room, are drawn side by side in lanes, as in the organiser's builder), and the day
// is only as tall as its sessions (from the first start to the last end, in whole hours of the zone
// shown), so that a day seen from the other side of the world is not twenty empty hours. Seen from
// there, one local day often holds the end of one summit day and the start of the next with half a day
// between them: a gap of GAP_HOURS or more without any session is left out and said in words.
import type { Room } from '@apoc/shared';
import { formatTime, wallClock } from '@apoc/shared/time';
import { assignLanesByColumn } from '../../../lib/lanes';
import { m } from '../../../paraglide/messages.js';
import type { AgendaRow } from './agenda';

/** The grid's row height in time: 5 minutes. */
export const STEP_MS = 5 * 60_000;
const HOUR_MS = 60 * 60_000;
const LABEL_EVERY_MS = 30 * 60_000;
/** A session without an end is drawn half an hour long; none is drawn shorter than a quarter hour. */
const DEFAULT_LENGTH_MS = 30 * 60_000;
const MIN_LENGTH_MS = 15 * 60_000;

/** A stretch this long without any session splits the day into two parts drawn apart. */
export const GAP_HOURS = 3;

/** The column of sessions without a room. */
export const NO_ROOM = '';

export interface TimetableColumn {
  id: string;
  name: string;
  /** The most sessions side by side in this column at any time: its width grows with them. */
  lanes: number;
}

export interface TimetableBlock {
  row: AgendaRow;
  /** CSS grid lines below the header row (line 1 is the header's top). */
  rowStart: number;
  rowEnd: number;
  /** Index into `columns`, or 'all' for a break that is everyone's and overlaps nothing. */
  column: number | 'all';
  lane: number;
  lanes: number;
}

export interface TimetableLabel {
  at: number;
  text: string;
  /** The CSS grid line the label sits on. */
  line: number;
}

/** A stretch of the day with sessions, drawn as one grid. */
export interface TimetablePart {
  start: number;
  end: number;
  /** Number of 5-minute rows. */
  steps: number;
  labels: TimetableLabel[];
  blocks: TimetableBlock[];
  /** The stretch without sessions left out before this part: from the last end to the next start. */
  gapBefore: { from: number; to: number } | null;
}

export interface Timetable {
  columns: TimetableColumn[];
  parts: TimetablePart[];
}

interface Interval {
  start: number;
  end: number;
}

/** How far `instant` is past the last full hour in `zone` (Kathmandu's hours start at :15 UTC). */
function pastTheHour(instant: number, zone: string): number {
  return wallClock(instant, zone).minute * 60_000 + (((instant % 60_000) + 60_000) % 60_000);
}

/** From the earliest start to the latest end, widened to whole hours of `zone`. */
export function hourBounds(intervals: readonly Interval[], zone: string): Interval {
  if (intervals.length === 0) return { start: 0, end: 0 };
  const first = Math.min(...intervals.map((interval) => interval.start));
  const last = Math.max(...intervals.map((interval) => interval.end));
  const start = first - pastTheHour(first, zone);
  const past = pastTheHour(last, zone);
  return { start, end: past === 0 ? last : last - past + HOUR_MS };
}

/** The span a session is drawn over: its own, but at least a quarter hour so that its title fits. */
export function drawnInterval(row: Pick<AgendaRow, 'start' | 'end'>): Interval {
  const start = row.start ?? 0;
  const end = row.end !== null && row.end > start ? row.end : start + DEFAULT_LENGTH_MS;
  return { start, end: Math.max(end, start + MIN_LENGTH_MS) };
}

const overlap = (a: Interval, b: Interval): boolean => a.start < b.end && b.start < a.end;

/**
 * Lays out one day's rows. `rooms` gives the columns' order; only rooms used that day are shown, then
 * "Other" for sessions without a room. A break or networking event without a room is everyone's: it
 * spans every column, unless it overlaps another session, which it would then cover; it then takes a
 * lane in "Other" like any session without a room.
 */
export function timetable(
  rows: readonly AgendaRow[],
  rooms: readonly Room[],
  zone: string,
  locale?: string,
): Timetable {
  const timed = rows
    .filter((row) => row.start !== null)
    .map((row) => ({ row, drawn: drawnInterval(row), columnId: row.room?.id ?? NO_ROOM }));
  const spansAll = new Set(
    timed
      .filter(
        ({ row, drawn }) =>
          row.room === null &&
          (row.kind === 'break' || row.kind === 'networking') &&
          !timed.some((other) => other.row.id !== row.id && overlap(other.drawn, drawn)),
      )
      .map(({ row }) => row.id),
  );
  const placed = timed.filter(({ row }) => !spansAll.has(row.id));

  const used = new Set(placed.map((entry) => entry.columnId));
  const columnIds = rooms.filter((room) => used.has(room.id)).map((room) => room.id);
  if (used.has(NO_ROOM) || columnIds.length === 0) columnIds.push(NO_ROOM);
  const names = new Map(rooms.map((room) => [room.id, room.name]));
  const columnIndex = new Map(columnIds.map((id, index) => [id, index]));

  const lanes = assignLanesByColumn(
    placed.map(({ row, drawn, columnId }) => ({ id: row.id, column: columnId, ...drawn })),
  );
  const widest = new Map<string, number>();
  for (const { row, columnId } of placed) {
    widest.set(columnId, Math.max(widest.get(columnId) ?? 1, lanes.get(row.id)?.lanes ?? 1));
  }
  const columns = columnIds.map((id): TimetableColumn => ({
    id,
    name:
      id === NO_ROOM
        ? columnIds.length === 1
          ? m.summit_timetable_column_sessions()
          : m.summit_timetable_column_other()
        : (names.get(id) ?? id),
    lanes: widest.get(id) ?? 1,
  }));

  const blockOf = (entry: (typeof timed)[number], start: number): TimetableBlock => {
    const line = (instant: number): number => Math.round((instant - start) / STEP_MS) + 2;
    const lane = lanes.get(entry.row.id);
    return {
      row: entry.row,
      rowStart: line(entry.drawn.start),
      rowEnd: line(entry.drawn.end),
      column: spansAll.has(entry.row.id) ? 'all' : (columnIndex.get(entry.columnId) ?? 0),
      lane: lane?.lane ?? 0,
      lanes: lane?.lanes ?? 1,
    };
  };
  const parts = splitAtGaps(timed, ({ drawn }) => drawn).map(({ items, gapBefore }): TimetablePart => {
    const { start, end } = hourBounds(
      items.map(({ drawn }) => drawn),
      zone,
    );
    const labels: TimetableLabel[] = [];
    for (let at = start; at < end; at += LABEL_EVERY_MS) {
      labels.push({ at, text: formatTime(at, zone, locale), line: Math.round((at - start) / STEP_MS) + 2 });
    }
    return {
      start,
      end,
      steps: Math.max(1, Math.round((end - start) / STEP_MS)),
      labels,
      blocks: items.map((entry) => blockOf(entry, start)),
      gapBefore,
    };
  });
  return { columns, parts };
}

/** Items in start order, cut wherever GAP_HOURS or more pass without any of them running. */
export function splitAtGaps<T>(
  items: readonly T[],
  interval: (item: T) => Interval,
): { items: T[]; gapBefore: { from: number; to: number } | null }[] {
  const sorted = [...items].sort((a, b) => interval(a).start - interval(b).start);
  const parts: { items: T[]; gapBefore: { from: number; to: number } | null }[] = [];
  let runningUntil = -Infinity;
  for (const item of sorted) {
    const { start, end } = interval(item);
    const current = parts.at(-1);
    if (current && start - runningUntil < GAP_HOURS * HOUR_MS) current.items.push(item);
    else parts.push({ items: [item], gapBefore: current ? { from: runningUntil, to: start } : null });
    runningUntil = Math.max(runningUntil, end);
  }
  return parts;
}
