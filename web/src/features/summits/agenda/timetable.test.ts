import { formatTime, zonedInstant } from '@apoc/shared/time';
import { describe, expect, it } from 'vitest';
import { institution, session, summit } from '../../../testing/fixtures';
import { agendaEntries, agendaRows } from './agenda';
import { hourBounds, NO_ROOM, STEP_MS, timetable } from './timetable';

const institutions = new Map([['asan', institution()]]);
const rooms = [
  { id: 'auditorium', name: 'Auditorium', capacity: 300 },
  { id: 'hall', name: 'Hall B', capacity: 80 },
];
const london = (time: string) => zonedInstant('2027-03-09', time, 'Europe/London').toISOString();

function layout(sessions: Parameters<typeof session>[0][], zone = 'Europe/London') {
  const rows = agendaRows(agendaEntries(summit({ rooms, sessions: sessions.map(session) }), institutions), zone);
  const day = timetable(rows, rooms, zone, 'en-GB');
  return { ...day, blocks: day.parts.flatMap((part) => part.blocks) };
}

describe('the timetable of one day', () => {
  it('draws overlapping sessions without a room side by side in one column, nothing hidden', () => {
    const day = layout([
      { id: 'a', title: 'Lung', startsAt: london('10:00'), endsAt: london('11:00') },
      { id: 'b', title: 'Colon', startsAt: london('10:30'), endsAt: london('11:30') },
      { id: 'c', title: 'After', startsAt: london('11:30'), endsAt: london('12:00') },
    ]);
    expect(day.columns).toEqual([{ id: NO_ROOM, name: 'Sessions', lanes: 2 }]);
    const lanes = Object.fromEntries(day.blocks.map((b) => [b.row.id, [b.column, b.lane, b.lanes]]));
    expect(lanes).toEqual({ a: [0, 0, 2], b: [0, 1, 2], c: [0, 0, 1] });
  });

  it('shows only the rooms used that day, in the summit’s order, then “Other” for sessions without a room', () => {
    const day = layout([
      { id: 'x', roomId: 'hall', startsAt: london('09:00'), endsAt: london('10:00') },
      { id: 'y', roomId: null, startsAt: london('09:00'), endsAt: london('10:00') },
    ]);
    expect(day.columns.map((c) => c.name)).toEqual(['Hall B', 'Other']);
    expect(day.blocks.map((b) => [b.row.id, b.column, b.lanes])).toEqual([
      ['x', 0, 1],
      ['y', 1, 1],
    ]);
  });

  it('lets a break without a room span every column, unless it would cover a session', () => {
    const alone = layout([
      { id: 'talk', roomId: 'auditorium', startsAt: london('09:00'), endsAt: london('10:00') },
      { id: 'coffee', kind: 'break', roomId: null, startsAt: london('10:00'), endsAt: london('10:30') },
    ]);
    expect(alone.blocks.find((b) => b.row.id === 'coffee')?.column).toBe('all');
    expect(alone.columns.map((c) => c.name)).toEqual(['Auditorium']);

    const overlapping = layout([
      { id: 'talk', roomId: 'auditorium', startsAt: london('09:00'), endsAt: london('10:15') },
      { id: 'coffee', kind: 'break', roomId: null, startsAt: london('10:00'), endsAt: london('10:30') },
    ]);
    expect(overlapping.blocks.find((b) => b.row.id === 'coffee')?.column).toBe(1);
    expect(overlapping.columns.map((c) => c.name)).toEqual(['Auditorium', 'Other']);
  });

  it('puts a double-booked room’s sessions side by side too', () => {
    const day = layout([
      { id: 'one', roomId: 'auditorium', startsAt: london('09:00'), endsAt: london('10:00') },
      { id: 'two', roomId: 'auditorium', startsAt: london('09:00'), endsAt: london('10:00') },
    ]);
    expect(day.blocks.map((b) => [b.column, b.lane, b.lanes])).toEqual([
      [0, 0, 2],
      [0, 1, 2],
    ]);
  });

  it('spans from the first start to the last end in whole hours of the zone shown, not the whole day', () => {
    // A London morning seen from Seoul: 18:10–21:20 there, drawn 18:00–22:00.
    const day = layout(
      [
        { startsAt: london('09:10'), endsAt: london('10:00') },
        { startsAt: london('11:30'), endsAt: london('12:20') },
      ],
      'Asia/Seoul',
    );
    expect(day.parts).toHaveLength(1);
    const [part] = day.parts;
    if (!part) throw new Error('no part');
    expect(formatTime(part.start, 'Asia/Seoul', 'en-GB')).toBe('18:00');
    expect(formatTime(part.end, 'Asia/Seoul', 'en-GB')).toBe('22:00');
    expect(part.end - part.start).toBe(4 * 3_600_000);
    expect(part.steps).toBe((4 * 3_600_000) / STEP_MS);
    expect(part.gapBefore).toBeNull();
    expect(part.labels.map((label) => label.text)).toEqual([
      '18:00',
      '18:30',
      '19:00',
      '19:30',
      '20:00',
      '20:30',
      '21:00',
      '21:30',
    ]);
  });

  it('leaves out half a day without sessions: the end of one summit day and the start of the next, seen from Seoul', () => {
    const berlin = (date: string, time: string) => zonedInstant(date, time, 'Europe/Berlin').toISOString();
    // 18:00–19:30 in Berlin on the 9th is 02:00–03:30 on the 10th in Seoul; 09:00 on the 10th is 17:00 there.
    const day = layout(
      [
        { id: 'evening', startsAt: berlin('2027-03-09', '18:00'), endsAt: berlin('2027-03-09', '19:30') },
        { id: 'morning', startsAt: berlin('2027-03-10', '09:00'), endsAt: berlin('2027-03-10', '10:00') },
        { id: 'coffee', startsAt: berlin('2027-03-10', '10:30'), endsAt: berlin('2027-03-10', '11:00') },
      ],
      'Asia/Seoul',
    );
    const seoul = (instant: number) => formatTime(instant, 'Asia/Seoul', 'en-GB');
    expect(day.parts.map((part) => [seoul(part.start), seoul(part.end), part.blocks.map((b) => b.row.id)])).toEqual([
      ['02:00', '04:00', ['evening']],
      ['17:00', '19:00', ['morning', 'coffee']],
    ]);
    const gap = day.parts[1]?.gapBefore;
    expect(gap && [seoul(gap.from), seoul(gap.to)]).toEqual(['03:30', '17:00']);
    // Each part's rows count from its own start.
    expect(day.parts[1]?.blocks[0]?.rowStart).toBe(2);
  });

  it('keeps a lunch hour and an evening event in one part', () => {
    const day = layout([
      { startsAt: london('09:00'), endsAt: london('12:30') },
      { startsAt: london('13:30'), endsAt: london('17:00') },
      { startsAt: london('19:00'), endsAt: london('21:00') },
    ]);
    expect(day.parts).toHaveLength(1);
    expect(formatTime(day.parts[0]?.end ?? 0, 'Europe/London', 'en-GB')).toBe('21:00');
  });

  it('rounds to the hours of zones that are not whole hours from UTC (Kathmandu, UTC+5:45)', () => {
    const start = zonedInstant('2027-03-09', '09:20', 'Asia/Kathmandu').getTime();
    const end = zonedInstant('2027-03-09', '10:05', 'Asia/Kathmandu').getTime();
    const bounds = hourBounds([{ start, end }], 'Asia/Kathmandu');
    expect(bounds.start).toBe(zonedInstant('2027-03-09', '09:00', 'Asia/Kathmandu').getTime());
    expect(bounds.end).toBe(zonedInstant('2027-03-09', '11:00', 'Asia/Kathmandu').getTime());
  });

  it('keeps a day that ends on the hour at that hour', () => {
    const start = Date.parse('2027-03-09T09:00:00Z');
    expect(hourBounds([{ start, end: start + 3_600_000 }], 'UTC')).toEqual({ start, end: start + 3_600_000 });
  });
});
