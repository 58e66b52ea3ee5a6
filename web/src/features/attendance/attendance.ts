// The attendance report as the organisers' page draws it: one row per session with its attendees split
// by institution, in one colour per institution used for every row, and the institutions in network order;
// under each session its attendees by name, with how they attended.
import type { AttendanceReport, Institution } from '@apoc/shared';
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

/** The key the server uses for attendees without an institution (invited guests). */
export const GUESTS = 'guests';

/** One colour per institution, each at least 3:1 on white; guests in grey. */
const PALETTE = ['#0b4f8a', '#0b6b66', '#b54708', '#6941c6', '#c11574', '#3b7d23', '#1f6f9f', '#8a5a00', '#a01d4b'];
const GUEST_COLOUR = '#667085';

export interface Party {
  key: string;
  label: string;
  colour: string;
  /** Attendances over all sessions. */
  total: number;
}

export interface Segment {
  key: string;
  count: number;
  /** Where the segment starts and how wide it is, as shares of the row's bar (0–1). */
  offset: number;
  share: number;
  colour: string;
}

export interface AttendeeLine {
  memberId: string;
  name: string;
  institution: string;
  joinedInWindow: boolean;
  /** "42 min"; "not in the live room" when only a Join click is known (the video runs elsewhere). */
  present: string;
}

export interface AttendanceRow {
  sessionId: string;
  title: string;
  startsAt: number | null;
  attendees: number;
  people: AttendeeLine[];
  /** The row's bar against the best-attended session (0–1). */
  scale: number;
  segments: Segment[];
}

export interface AttendanceView {
  parties: Party[];
  rows: AttendanceRow[];
  /** Attendances summed over sessions (a member in three sessions counts three times). */
  total: number;
  sessionsAttended: number;
}

export function attendanceView(
  report: AttendanceReport,
  institutions: readonly Pick<Institution, 'id' | 'name' | 'shortName'>[],
): AttendanceView {
  const present = new Set(report.sessions.flatMap((s) => Object.keys(s.byInstitution)));
  const known = institutions.filter((i) => present.has(i.id));
  const unknown = [...present].filter((key) => key !== GUESTS && !known.some((i) => i.id === key)).sort();
  const parties: Party[] = [
    ...known.map((i, index) => ({
      key: i.id,
      label: i.shortName || i.name,
      colour: PALETTE[index % PALETTE.length] ?? GUEST_COLOUR,
      total: 0,
    })),
    ...unknown.map((key, index) => ({
      key,
      label: key,
      colour: PALETTE[(known.length + index) % PALETTE.length] ?? GUEST_COLOUR,
      total: 0,
    })),
    ...(present.has(GUESTS) ? [{ key: GUESTS, label: m.attendance_guests(), colour: GUEST_COLOUR, total: 0 }] : []),
  ];

  const minutes = new Intl.NumberFormat(formatLocale, { style: 'unit', unit: 'minute', unitDisplay: 'short' });
  const most = Math.max(1, ...report.sessions.map((s) => s.attendees));
  const rows = report.sessions
    .map((session): AttendanceRow => {
      let offset = 0;
      const segments: Segment[] = [];
      for (const party of parties) {
        const count = session.byInstitution[party.key] ?? 0;
        if (count === 0) continue;
        party.total += count;
        const share = session.attendees === 0 ? 0 : count / session.attendees;
        segments.push({ key: party.key, count, offset, share, colour: party.colour });
        offset += share;
      }
      return {
        sessionId: session.sessionId,
        title: session.title,
        startsAt: session.startsAt ? Date.parse(session.startsAt) : null,
        attendees: session.attendees,
        people: session.people.map((person) => ({
          memberId: person.memberId,
          name: person.name,
          institution: parties.find((party) => party.key === (person.institutionId ?? GUESTS))?.label ?? GUESTS,
          joinedInWindow: person.joinedInWindow,
          present:
            person.minutesPresent === null ? m.attendance_not_in_live_room() : minutes.format(person.minutesPresent),
        })),
        scale: session.attendees / most,
        segments,
      };
    })
    .sort((a, b) => (a.startsAt ?? Infinity) - (b.startsAt ?? Infinity) || a.title.localeCompare(b.title));

  return {
    parties,
    rows,
    total: rows.reduce((sum, row) => sum + row.attendees, 0),
    sessionsAttended: rows.filter((row) => row.attendees > 0).length,
  };
}

/** One line per attendee of each session: joined in the window, minutes in the live room. */
export function attendeesCsvPath(summitId: string): string {
  return `/api/summits/${encodeURIComponent(summitId)}/attendees.csv`;
}
