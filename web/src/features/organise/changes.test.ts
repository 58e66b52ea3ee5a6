import { describe, expect, it } from 'vitest';
import { changeLines, formatSlot } from './changes';

const rooms = [
  { id: 'a', name: 'Room A', capacity: null },
  { id: 'b', name: 'Room B', capacity: null },
];

describe('changes as organisers read them', () => {
  it('writes a slot with its day and zone, and says when it ends the next day', () => {
    expect(formatSlot('2027-06-15T08:15:00.000Z', '2027-06-15T09:15:00.000Z', 'Europe/Berlin', 'en-GB')).toBe(
      'Tue 15 Jun 2027, 10:15–11:15 (Berlin)',
    );
    expect(formatSlot('2027-06-15T21:30:00.000Z', '2027-06-15T22:30:00.000Z', 'Europe/Berlin', 'en-GB')).toBe(
      'Tue 15 Jun 2027, 23:30–Wed 16 Jun 2027 00:30 (Berlin)',
    );
    expect(formatSlot(null, null, 'Europe/Berlin')).toBe('No time');
  });

  it('shows a new time old → new in the summit’s zone and the viewer’s, and a new room', () => {
    const [line] = changeLines(
      [
        {
          sessionId: 's',
          title: 'Trials panel',
          changes: ['time', 'room'],
          before: {
            startsAt: '2027-06-15T08:15:00.000Z',
            endsAt: '2027-06-15T09:15:00.000Z',
            roomId: 'a',
            status: 'scheduled',
          },
          after: {
            startsAt: '2027-06-15T08:45:00.000Z',
            endsAt: '2027-06-15T09:45:00.000Z',
            roomId: 'b',
            status: 'scheduled',
          },
        },
      ],
      rooms,
      'Europe/Berlin',
      'Asia/Seoul',
      { locale: 'en-GB', linkTo: (id) => `/organise/builder#${id}` },
    );
    expect(line?.badges.map((badge) => badge.label)).toEqual(['New time', 'New room']);
    expect(line?.href).toBe('/organise/builder#s');
    expect(line?.times).toEqual([
      {
        label: 'Time (Europe/Berlin)',
        before: 'Tue 15 Jun 2027, 10:15–11:15 (Berlin)',
        after: 'Tue 15 Jun 2027, 10:45–11:45 (Berlin)',
      },
      {
        label: 'Your time (Asia/Seoul)',
        before: 'Tue 15 Jun 2027, 17:15–18:15 (Seoul)',
        after: 'Tue 15 Jun 2027, 17:45–18:45 (Seoul)',
      },
    ]);
    expect(line?.room).toEqual({ before: 'Room A', after: 'Room B' });
  });

  it('leaves out the viewer’s zone when it is the summit’s, and times that did not change', () => {
    const [line] = changeLines(
      [
        {
          sessionId: 's',
          title: 'Trials panel',
          changes: ['cancelled'],
          before: { startsAt: null, endsAt: null, roomId: null, status: 'scheduled' },
          after: { startsAt: null, endsAt: null, roomId: null, status: 'cancelled' },
        },
      ],
      rooms,
      'Europe/Berlin',
      'Europe/Berlin',
    );
    expect(line).toMatchObject({ times: [], room: null, struck: true, href: null });
  });
});
