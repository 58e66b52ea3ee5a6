import { zonedInstant } from '@apoc/shared/time';
import { describe, expect, it } from 'vitest';
import {
  assignLanes,
  blockRows,
  builderColumns,
  columnFields,
  dayFrame,
  dayHours,
  gridWindow,
  instantOf,
  movedInterval,
  NO_COLUMN,
  resizedInterval,
  SLOT_MS,
  slotAtOffset,
  slotOf,
  timeLabels,
} from './grid';

const BERLIN = 'Europe/Berlin';
const at = (date: string, time: string, zone = BERLIN): number => zonedInstant(date, time, zone).getTime();

describe('the grid of one day in the summit’s zone', () => {
  it('has 96 quarter-hour rows on an ordinary day, and 09:00 on row 36', () => {
    const frame = dayFrame('2027-03-09', BERLIN);
    expect(frame.slots).toBe(96);
    expect(dayHours(frame)).toBe(24);
    expect(slotOf(frame, at('2027-03-09', '09:00'))).toBe(36);
    expect(instantOf(frame, 36)).toBe(at('2027-03-09', '09:00'));
  });

  it('has 92 rows on the day the clocks spring forward, and 09:00 is then 8 hours after midnight', () => {
    const frame = dayFrame('2027-03-28', BERLIN);
    expect(dayHours(frame)).toBe(23);
    expect(frame.slots).toBe(92);
    expect(slotOf(frame, at('2027-03-28', '09:00'))).toBe(32);
  });

  it('has 100 rows on the day the clocks fall back, and 09:00 is then 10 hours after midnight', () => {
    const frame = dayFrame('2027-10-31', BERLIN);
    expect(dayHours(frame)).toBe(25);
    expect(frame.slots).toBe(100);
    expect(slotOf(frame, at('2027-10-31', '09:00'))).toBe(40);
  });

  it('does the same on the southern hemisphere’s calendar (Melbourne, April and October)', () => {
    const autumn = dayFrame('2027-04-04', 'Australia/Melbourne');
    const spring = dayFrame('2027-10-03', 'Australia/Melbourne');
    expect([dayHours(autumn), dayHours(spring)]).toEqual([25, 23]);
    expect(slotOf(spring, at('2027-10-03', '09:00', 'Australia/Melbourne'))).toBe(32);
  });

  it('maps every row to an instant and back', () => {
    const frame = dayFrame('2027-10-31', BERLIN);
    for (let slot = 0; slot < frame.slots; slot++) expect(slotOf(frame, instantOf(frame, slot))).toBe(slot);
  });

  it('labels the wall-clock hours: 02:00 is missing in spring and shown twice, with the new zone, in autumn', () => {
    const spring = dayFrame('2027-03-28', BERLIN);
    const springLabels = timeLabels(spring, { first: 0, last: spring.slots }, 'en-GB');
    expect(springLabels.map((label) => label.text).slice(0, 4)).toEqual(['00:00', '01:00', '03:00', '04:00']);
    expect(springLabels[2]?.zoneChange).toBe('UTC+2');
    expect(springLabels).toHaveLength(23);

    const autumn = dayFrame('2027-10-31', BERLIN);
    const autumnLabels = timeLabels(autumn, { first: 0, last: autumn.slots }, 'en-GB');
    expect(autumnLabels.map((label) => label.text).slice(0, 5)).toEqual(['00:00', '01:00', '02:00', '02:00', '03:00']);
    expect(autumnLabels.map((label) => label.zoneChange).slice(0, 5)).toEqual([null, null, null, 'UTC+1', null]);
    expect(autumnLabels).toHaveLength(25);
  });

  it('shows working hours by default, stretched in whole hours to every session of the day', () => {
    const frame = dayFrame('2027-03-09', BERLIN);
    expect(gridWindow(frame, [])).toEqual({ first: 32, last: 72 });
    const early = { start: at('2027-03-09', '06:30'), end: at('2027-03-09', '07:00') };
    const late = { start: at('2027-03-09', '19:00'), end: at('2027-03-09', '20:15') };
    expect(gridWindow(frame, [early, late])).toEqual({ first: 24, last: 84 });
    expect(gridWindow(frame, [], true)).toEqual({ first: 0, last: 96 });
  });

  it('places working hours by the wall clock on a clock-change day', () => {
    const frame = dayFrame('2027-03-28', BERLIN);
    // 08:00 is 7 hours after midnight that day.
    expect(gridWindow(frame, [])).toEqual({ first: 28, last: 68 });
  });

  it('clips a block to the rows shown', () => {
    const frame = dayFrame('2027-03-09', BERLIN);
    const window = { first: 32, last: 72 };
    expect(blockRows(frame, window, { start: at('2027-03-09', '09:00'), end: at('2027-03-09', '10:30') })).toEqual({
      from: 5,
      to: 11,
    });
    expect(blockRows(frame, window, { start: at('2027-03-09', '17:30'), end: at('2027-03-09', '19:00') })).toEqual({
      from: 39,
      to: 41,
    });
  });
});

describe('dragging on the grid', () => {
  const frame = dayFrame('2027-03-09', BERLIN);
  const window = { first: 32, last: 72 };
  const nine = { start: at('2027-03-09', '09:00'), end: at('2027-03-09', '10:00') };

  it('snaps a moved block to the nearest quarter hour and keeps its length', () => {
    // 20 px per row: 37 px is nearer two rows than one.
    expect(movedInterval(frame, window, nine, 37, 20)).toEqual({
      start: at('2027-03-09', '09:30'),
      end: at('2027-03-09', '10:30'),
    });
    expect(movedInterval(frame, window, nine, -9, 20)).toEqual(nine);
    expect(movedInterval(frame, window, nine, -11, 20).start).toBe(at('2027-03-09', '08:45'));
  });

  it('snaps a block that started off the grid onto it', () => {
    const odd = { start: at('2027-03-09', '09:10'), end: at('2027-03-09', '09:50') };
    expect(movedInterval(frame, window, odd, 0, 20).start).toBe(at('2027-03-09', '09:15'));
  });

  it('keeps a moved block inside the rows shown', () => {
    expect(movedInterval(frame, window, nine, -10_000, 20).start).toBe(at('2027-03-09', '08:00'));
    expect(movedInterval(frame, window, nine, 10_000, 20)).toEqual({
      start: at('2027-03-09', '17:00'),
      end: at('2027-03-09', '18:00'),
    });
  });

  it('moves by real elapsed time across the clocks going forward', () => {
    const spring = dayFrame('2027-03-28', BERLIN);
    const block = { start: at('2027-03-28', '01:00'), end: at('2027-03-28', '01:30') };
    // Two rows down from 01:00 is 01:30; four rows down is 03:00, as 02:00 never happens.
    const moved = movedInterval(spring, { first: 0, last: spring.slots }, block, 80, 20);
    expect(moved.start).toBe(at('2027-03-28', '03:00'));
  });

  it('resizes by snapping the end, never below one row', () => {
    expect(resizedInterval(frame, window, nine, 31, 20).end).toBe(at('2027-03-09', '10:30'));
    expect(resizedInterval(frame, window, nine, -10_000, 20)).toEqual({
      start: nine.start,
      end: nine.start + SLOT_MS,
    });
    expect(resizedInterval(frame, window, nine, 10_000, 20).end).toBe(at('2027-03-09', '18:00'));
  });

  it('finds the row under the pointer when a session is dropped from the tray', () => {
    expect(slotAtOffset(window, 0, 20)).toBe(32);
    expect(slotAtOffset(window, 59, 20)).toBe(34);
    expect(slotAtOffset(window, -50, 20)).toBe(32);
    expect(slotAtOffset(window, 10_000, 20)).toBe(71);
  });
});

describe('columns', () => {
  const rooms = [
    { id: 'a', name: 'Auditorium', capacity: 300 },
    { id: 'b', name: 'Room B', capacity: null },
  ];
  const tracks = [{ id: 't', name: 'Thoracic', color: '#1f77b4' }];

  it('are the rooms, with a “No room” column only when a session needs it', () => {
    expect(builderColumns('rooms', rooms, tracks, [{ roomId: 'a', trackId: null }]).map((c) => c.name)).toEqual([
      'Auditorium',
      'Room B',
    ]);
    expect(builderColumns('rooms', rooms, tracks, [{ roomId: null, trackId: 't' }]).map((c) => c.id)).toEqual([
      'a',
      'b',
      NO_COLUMN,
    ]);
  });

  it('are the tracks for a virtual summit, and dropping in one sets the track', () => {
    expect(builderColumns('tracks', rooms, tracks, []).map((c) => c.name)).toEqual(['Thoracic']);
    expect(columnFields('t', 'tracks')).toEqual({ trackId: 't' });
    expect(columnFields(NO_COLUMN, 'rooms')).toEqual({ roomId: null });
  });

  it('puts overlapping sessions side by side and the others full width', () => {
    const lanes = assignLanes([
      { id: 'x', start: 0, end: 60 },
      { id: 'y', start: 30, end: 90 },
      { id: 'z', start: 90, end: 120 },
    ]);
    expect(lanes.get('x')).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get('y')).toEqual({ lane: 1, lanes: 2 });
    expect(lanes.get('z')).toEqual({ lane: 0, lanes: 1 });
  });
});
