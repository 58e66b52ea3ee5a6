// Attendance as spreadsheets for the network's reports: one line per session with its attendees counted
// per institution, and one line per attendee of each session with how they attended.
import type { AttendanceReport } from '@apoc/shared';
import { spreadsheetCsv } from '../../spreadsheet';

export function attendanceCsv(report: AttendanceReport): string {
  const institutions = [...new Set(report.sessions.flatMap((s) => Object.keys(s.byInstitution)))].sort();
  return spreadsheetCsv(
    ['session', 'starts at (UTC)', 'attendees', ...institutions],
    report.sessions.map((s) => [
      s.title,
      s.startsAt ?? '',
      String(s.attendees),
      ...institutions.map((i) => String(s.byInstitution[i] ?? 0)),
    ]),
  );
}

/** Minutes are left empty where they cannot be known: a Join click says nothing of how long someone stayed. */
export function attendeesCsv(report: AttendanceReport): string {
  return spreadsheetCsv(
    [
      'session',
      'starts at (UTC)',
      'ends at (UTC)',
      'attendee',
      'institution',
      'joined in window',
      'minutes in the live room',
    ],
    report.sessions.flatMap((s) =>
      s.people.map((person) => [
        s.title,
        s.startsAt ?? '',
        s.endsAt ?? '',
        person.name,
        person.institutionId ?? 'guest',
        person.joinedInWindow ? 'yes' : 'no',
        person.minutesPresent === null ? '' : String(person.minutesPresent),
      ]),
    ),
  );
}
