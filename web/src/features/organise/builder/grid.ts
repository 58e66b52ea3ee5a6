// The agenda builder's geometry: one day of the summit, in the summit's zone, cut into 15-minute rows.
//
// Rows count elapsed time from the day's midnight, not wall-clock readings: a day on which the clocks
// spring forward has 92 rows (23 hours) and one on which they fall back has 100 (25 hours), so that a
// block's height is always its real duration and two sessions overlap on screen exactly when they
// overlap in time. The hour labels are read off the wall clock, so 02:00 is missing on the first and
// shown twice on the second, as it is in the summit's city.
import type { AgendaSession, Room, SummitSummary, Track } from '@apoc/shared';
import { dayBounds, formatUtcOffset, formatWallTime, localDate, localTime, zonedInstant } from '@apoc/shared/time';
import { m } from '../../../paraglide/messages.js';

// The lane layout is shared with the public timetable; the builder's modules keep importing it from here.
export { assignLanes, assignLanesByColumn, type Lane } from '../../../lib/lanes';

export const SLOT_MINUTES = 15;
export const SLOT_MS = SLOT_MINUTES * 60_000;
const SLOTS_PER_HOUR = 60 / SLOT_MINUTES;

/** One calendar day in the summit's zone. */
export interface DayFrame {
  date: string;
  zone: string;
  /** The instant of the day's midnight and of the next one. */
  start: number;
  end: number;
  /** Number of 15-minute rows: 96 on most days, 92 or 100 when the clocks change. */
  slots: number;
}

export function dayFrame(date: string, zone: string): DayFrame {
  const { start, end } = dayBounds(date, zone);
  return {
    date,
    zone,
    start: start.getTime(),
    end: end.getTime(),
    slots: Math.round((end.getTime() - start.getTime()) / SLOT_MS),
  };
}

/** Hours in the day: 23, 24 or 25. */
export const dayHours = (frame: DayFrame): number => (frame.end - frame.start) / 3_600_000;

/** The row at which `instant` falls (fractional between rows, negative before the day). */
export function slotOf(frame: DayFrame, instant: number): number {
  return (instant - frame.start) / SLOT_MS;
}

/** The instant at which row `slot` starts. */
export function instantOf(frame: DayFrame, slot: number): number {
  return frame.start + slot * SLOT_MS;
}

/** The row of a wall-clock time of this day ("08:00"): on a clock-change day it is not hours × 4. */
export function slotOfWallTime(frame: DayFrame, time: string): number {
  return Math.round(slotOf(frame, zonedInstant(frame.date, time, frame.zone).getTime()));
}

/** The rows shown: [first, last), whole hours. */
export interface GridWindow {
  first: number;
  last: number;
}

export interface Interval {
  start: number;
  end: number;
}

/**
 * The rows worth showing: working hours (08:00–18:00 in the summit's zone) stretched to every session of
 * the day, in whole hours; or the whole day on request (sessions for the other side of the world).
 */
export function gridWindow(frame: DayFrame, sessions: readonly Interval[], fullDay = false): GridWindow {
  if (fullDay) return { first: 0, last: frame.slots };
  let first = slotOfWallTime(frame, '08:00');
  let last = slotOfWallTime(frame, '18:00');
  for (const session of sessions) {
    first = Math.min(first, Math.floor(slotOf(frame, session.start)));
    last = Math.max(last, Math.ceil(slotOf(frame, Math.max(session.end, session.start + SLOT_MS))));
  }
  first = Math.max(0, Math.floor(first / SLOTS_PER_HOUR) * SLOTS_PER_HOUR);
  last = Math.min(frame.slots, Math.ceil(last / SLOTS_PER_HOUR) * SLOTS_PER_HOUR);
  return { first, last };
}

export interface TimeLabel {
  slot: number;
  /** "08:00" or "8:00 AM", as the viewer's locale writes times. */
  text: string;
  /** Set on the first label after the clocks changed: the new offset ("UTC+1"), which tells the two 02:00s apart. */
  zoneChange: string | null;
}

/** A label on every row that starts a wall-clock hour. */
export function timeLabels(frame: DayFrame, window: GridWindow, locale?: string): TimeLabel[] {
  const labels: TimeLabel[] = [];
  let previousOffset = formatUtcOffset(instantOf(frame, window.first), frame.zone);
  for (let slot = window.first; slot < window.last; slot++) {
    const instant = instantOf(frame, slot);
    if (!localTime(instant, frame.zone).endsWith(':00')) continue;
    const offset = formatUtcOffset(instant, frame.zone);
    labels.push({
      slot,
      text: formatWallTime(instant, frame.zone, locale),
      zoneChange: offset === previousOffset ? null : offset,
    });
    previousOffset = offset;
  }
  return labels;
}

/** A block's start row moved by a pointer `dy` pixels, snapped to whole rows. */
export function snappedSlot(slot: number, dy: number, slotPx: number): number {
  return Math.round(slot + dy / slotPx);
}

/**
 * Where a block lands after being dragged by `dy` pixels: its start snapped to the 15-minute grid, its
 * duration kept, and the whole block kept inside the rows shown.
 */
export function movedInterval(
  frame: DayFrame,
  window: GridWindow,
  interval: Interval,
  dy: number,
  slotPx: number,
): Interval {
  const duration = interval.end - interval.start;
  const lastStart = Math.max(window.first, window.last - Math.ceil(duration / SLOT_MS));
  const slot = Math.min(lastStart, Math.max(window.first, snappedSlot(slotOf(frame, interval.start), dy, slotPx)));
  const start = instantOf(frame, slot);
  return { start, end: start + duration };
}

/** The interval after its bottom edge was dragged by `dy` pixels: the end snapped, at least one row long. */
export function resizedInterval(
  frame: DayFrame,
  window: GridWindow,
  interval: Interval,
  dy: number,
  slotPx: number,
): Interval {
  const startSlot = Math.ceil(slotOf(frame, interval.start));
  const slot = Math.min(window.last, Math.max(startSlot + 1, snappedSlot(slotOf(frame, interval.end), dy, slotPx)));
  return { start: interval.start, end: Math.max(interval.start + SLOT_MS, instantOf(frame, slot)) };
}

/** The row under a pointer `y` pixels below the top of the first row shown. */
export function slotAtOffset(window: GridWindow, y: number, slotPx: number): number {
  return Math.min(window.last - 1, Math.max(window.first, window.first + Math.floor(y / slotPx)));
}

/** A block's place among the rows shown (1-based CSS grid lines), clipped to them. */
export function blockRows(frame: DayFrame, window: GridWindow, interval: Interval): { from: number; to: number } {
  const start = Math.max(window.first, Math.floor(slotOf(frame, interval.start)));
  const end = Math.min(window.last, Math.max(start + 1, Math.ceil(slotOf(frame, interval.end))));
  return { from: start - window.first + 1, to: end - window.first + 1 };
}

// Columns: rooms for summits with a venue, tracks for virtual ones.

export type ColumnMode = 'rooms' | 'tracks';

export const NO_COLUMN = '';

export interface BuilderColumn {
  /** A room or track id, or NO_COLUMN. */
  id: string;
  name: string;
  /** "120 seats" for rooms. */
  detail: string;
  color: string | null;
}

export const columnMode = (summit: Pick<SummitSummary, 'format'>): ColumnMode =>
  summit.format === 'virtual' ? 'tracks' : 'rooms';

export function columnOf(session: Pick<AgendaSession, 'roomId' | 'trackId'>, mode: ColumnMode): string {
  return (mode === 'rooms' ? session.roomId : session.trackId) ?? NO_COLUMN;
}

/** What a session's fields become when it is dropped in `column`. */
export function columnFields(column: string, mode: ColumnMode): { roomId: string | null } | { trackId: string | null } {
  const id = column === NO_COLUMN ? null : column;
  return mode === 'rooms' ? { roomId: id } : { trackId: id };
}

/**
 * The day's columns: every room (or track), and "No room" / "No track" when a session of the day has
 * none or there is nothing else to put sessions in.
 */
export function builderColumns(
  mode: ColumnMode,
  rooms: readonly Room[],
  tracks: readonly Track[],
  sessions: readonly Pick<AgendaSession, 'roomId' | 'trackId'>[],
): BuilderColumn[] {
  const columns: BuilderColumn[] =
    mode === 'rooms'
      ? rooms.map((room) => ({
          id: room.id,
          name: room.name,
          detail: room.capacity === null ? '' : m.builder_room_seats({ count: room.capacity }),
          color: null,
        }))
      : tracks.map((track) => ({
          id: track.id,
          name: track.name,
          detail: m.builder_column_track(),
          color: track.color,
        }));
  const known = new Set(columns.map((column) => column.id));
  if (columns.length === 0 || sessions.some((session) => !known.has(columnOf(session, mode)))) {
    columns.push({
      id: NO_COLUMN,
      name: mode === 'rooms' ? m.builder_no_room() : m.builder_no_track(),
      detail: mode === 'rooms' ? m.builder_no_room_detail() : '',
      color: null,
    });
  }
  return columns;
}

/** The calendar date of a session's start in the summit's zone. */
export const sessionDate = (startsAt: string, zone: string): string => localDate(Date.parse(startsAt), zone);
