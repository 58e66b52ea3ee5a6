// The agenda as a spreadsheet, and sessions from one. Times are written and read as wall-clock times
// in the summit's zone, which is what organisers think in, with the zone named in its own column.
import { localDate, localTime, SESSION_KIND_LABELS, type SummitDetail } from '@apoc/shared';
import { spreadsheetCsv } from '../../spreadsheet';

export function agendaCsv(summit: SummitDetail): string {
  const tracks = new Map(summit.tracks.map((track) => [track.id, track.name]));
  const rooms = new Map(summit.rooms.map((room) => [room.id, room.name]));
  const names = (session: SummitDetail['sessions'][number], role: 'speaker' | 'chair') =>
    session.people
      .filter((person) => person.role === role)
      .map((person) => person.name)
      .join('; ');
  const rows = summit.sessions.map((session) => {
    const start = session.startsAt ? Date.parse(session.startsAt) : null;
    const end = session.endsAt ? Date.parse(session.endsAt) : null;
    return [
      session.id,
      start === null ? '' : localDate(start, summit.timeZone),
      start === null ? '' : localTime(start, summit.timeZone),
      end === null ? '' : localTime(end, summit.timeZone),
      summit.timeZone,
      session.startsAt ?? '',
      session.title,
      SESSION_KIND_LABELS[session.kind],
      session.trackId ? (tracks.get(session.trackId) ?? '') : '',
      session.roomId ? (rooms.get(session.roomId) ?? '') : '',
      names(session, 'speaker'),
      names(session, 'chair'),
      session.status,
      session.abstract,
    ];
  });
  const header = [
    'id',
    'date',
    'start',
    'end',
    'time zone',
    'starts at (UTC)',
    'title',
    'kind',
    'track',
    'room',
    'speakers',
    'chairs',
    'status',
    'abstract',
  ];
  return spreadsheetCsv(header, rows);
}
