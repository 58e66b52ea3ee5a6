// The agenda as the list shows it, computed once per summit and once per zone rather than per
// render: 300 sessions must lay out in well under 100 ms, so every string a row prints is made here,
// with the shared (cached) formatters.
//
// Day grouping follows the zone shown: a session belongs to the calendar day of its start *in that
// zone*, so a session at 23:30 UTC on 9 March is on 10 March for a viewer in Seoul.
import type { AgendaSession, Institution, Room, SessionPerson, SummitDetail, SummitSummary, Track } from '@apoc/shared';
import type { SessionKind } from '@apoc/shared/domain';
import { datesBetween, formatTime, formatTimeSpan, inRepeatedHour, localDate, zoneLabel } from '@apoc/shared/time';
import { m } from '../../../paraglide/messages.js';
import { formatLocale } from '../../../lib/language';
import { sessionKindLabel } from '../../sessions/session-kinds';

export type ZoneMode = 'mine' | 'summit';

/**
 * The zone an agenda opens in: an in-person summit's own (the attendee will be there, and reads the
 * programme on the spot), the viewer's for virtual and hybrid summits (most follow from home).
 */
export function defaultZoneMode(summit: Pick<SummitSummary, 'format'>): ZoneMode {
  return summit.format === 'in_person' ? 'summit' : 'mine';
}

/** The tab of sessions that have no time yet. */
export const UNSCHEDULED = 'unscheduled';

export interface AgendaPerson {
  name: string;
  /** The institution's short name ("MSK"), when the person belongs to one the network knows. */
  institution: string | null;
}

/** What a row shows that does not depend on the zone. */
export interface AgendaEntry {
  id: string;
  title: string;
  abstract: string;
  kind: SessionKind;
  kindLabel: string;
  cancelled: boolean;
  start: number | null;
  end: number | null;
  track: Track | null;
  room: Room | null;
  speakers: AgendaPerson[];
  chairs: AgendaPerson[];
  /** An accredited session's credits: "0.75 h" and what they are called ("ECMEC®s"). */
  credits: { hours: string; name: string } | null;
  /** Lower-case, accent-free text that the search box matches against. */
  searchText: string;
}

/** An entry with its times written in one zone. */
export interface AgendaRow extends AgendaEntry {
  /** The calendar date of the start in the zone shown, or UNSCHEDULED. */
  day: string;
  /** "14:00–15:30 (Seoul)"; begins with the start time exactly as formatTime writes it. */
  timeRange: string;
  /** "14:00", the heading of the group of sessions starting together. */
  startLabel: string;
  zoneLabel: string;
}

export interface TimeSlot {
  key: string;
  start: number | null;
  label: string;
  zoneLabel: string;
  rows: AgendaRow[];
}

export interface AgendaFilters {
  trackId: string;
  kind: SessionKind | '';
  query: string;
}

export const NO_FILTERS: AgendaFilters = { trackId: '', kind: '', query: '' };

/** Folds case and accents so that "essen" finds "Essen" and "gustave" finds "Gustavé". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function person(person: SessionPerson, institutions: ReadonlyMap<string, Institution>): AgendaPerson {
  const institution = person.institutionId ? institutions.get(person.institutionId) : undefined;
  return { name: person.name, institution: institution?.shortName ?? null };
}

export function agendaEntries(
  summit: Pick<SummitDetail, 'sessions' | 'tracks' | 'rooms'> & Partial<Pick<SummitDetail, 'accreditation'>>,
  institutions: ReadonlyMap<string, Institution>,
): AgendaEntry[] {
  const creditName = summit.accreditation?.creditName;
  // Not through features/certificates/credit-hours: importing it from the first page's code moves the API client
  // into a chunk of its own, 0.8 KB gzip more on a first visit (measured December 2026).
  const hours = new Intl.NumberFormat(formatLocale);
  const tracks = new Map(summit.tracks.map((track) => [track.id, track]));
  const rooms = new Map(summit.rooms.map((room) => [room.id, room]));
  return summit.sessions.map((session: AgendaSession): AgendaEntry => {
    const track = (session.trackId && tracks.get(session.trackId)) || null;
    const room = (session.roomId && rooms.get(session.roomId)) || null;
    const speakers = session.people.filter((p) => p.role === 'speaker').map((p) => person(p, institutions));
    const chairs = session.people.filter((p) => p.role === 'chair').map((p) => person(p, institutions));
    const kindLabel = sessionKindLabel(session.kind);
    const searchText = searchable(
      [
        session.title,
        session.abstract,
        kindLabel,
        track?.name,
        room?.name,
        ...[...speakers, ...chairs].flatMap((p) => [p.name, p.institution]),
      ]
        .filter(Boolean)
        .join(' \n '),
    );
    return {
      id: session.id,
      title: session.title,
      abstract: session.abstract,
      kind: session.kind,
      kindLabel,
      cancelled: session.status === 'cancelled',
      start: session.startsAt ? Date.parse(session.startsAt) : null,
      end: session.endsAt ? Date.parse(session.endsAt) : null,
      track,
      room,
      speakers,
      chairs,
      credits:
        session.credits && creditName
          ? { hours: m.certificates_credit_hours({ hours: hours.format(session.credits) }), name: creditName }
          : null,
      searchText,
    };
  });
}

interface ZonedInstant {
  day: string;
  time: string;
}

/** Writes every entry's times in `zone`. */
export function agendaRows(entries: readonly AgendaEntry[], zone: string): AgendaRow[] {
  // Sessions share a handful of start and end times: format each instant once, not once per row.
  const seen = new Map<number, ZonedInstant>();
  // The city, not Intl's abbreviation: those depend on the locale ("CET" but "GMT-8" in en-GB).
  const label = zoneLabel(zone);
  const zoned = (instant: number): ZonedInstant => {
    let value = seen.get(instant);
    if (!value) {
      value = {
        day: localDate(instant, zone),
        time: formatTime(instant, zone),
      };
      seen.set(instant, value);
    }
    return value;
  };
  const lastDays = new Map<number, string>();
  const dayBefore = (instant: number): string => {
    let day = lastDays.get(instant);
    if (day === undefined) {
      day = localDate(instant - 1, zone);
      lastDays.set(instant, day);
    }
    return day;
  };

  return entries.map((entry): AgendaRow => {
    if (entry.start === null) {
      return {
        ...entry,
        day: UNSCHEDULED,
        timeRange: m.session_time_tba(),
        startLabel: m.summit_slot_tba(),
        zoneLabel: '',
      };
    }
    const start = zoned(entry.start);
    let timeRange = start.time;
    let nextDay = false;
    if (entry.end !== null && entry.end > entry.start) {
      // The night the clocks go back, the span is written with its offset once (rare: the usual path is cached).
      timeRange =
        inRepeatedHour(entry.start, zone) && inRepeatedHour(entry.end, zone)
          ? formatTimeSpan(entry.start, entry.end, zone)
          : `${start.time}–${zoned(entry.end).time}`;
      // Ending at midnight is still the same evening; ending at 00:30 is not.
      nextDay = dayBefore(entry.end) !== start.day;
    }
    timeRange = nextDay ? m.session_time_next_day({ time: timeRange, zone: label }) : `${timeRange} (${label})`;
    return { ...entry, day: start.day, timeRange, startLabel: start.time, zoneLabel: label };
  });
}

/**
 * The agenda's tabs: in summit time, the summit's own days (even one without sessions); in the
 * viewer's time, the local dates on which sessions start. Sessions without a time come last.
 */
export function agendaDays(
  rows: readonly AgendaRow[],
  summit: Pick<SummitDetail, 'startDate' | 'endDate'>,
  mode: ZoneMode,
): string[] {
  const days = new Set<string>(mode === 'summit' ? datesBetween(summit.startDate, summit.endDate) : []);
  let unscheduled = false;
  for (const row of rows) {
    if (row.day === UNSCHEDULED) unscheduled = true;
    else days.add(row.day);
  }
  const sorted = [...days].sort();
  if (unscheduled) sorted.push(UNSCHEDULED);
  return sorted;
}

export function isFiltered(filters: AgendaFilters): boolean {
  return filters.trackId !== '' || filters.kind !== '' || filters.query.trim() !== '';
}

export function matchesFilters(row: AgendaEntry, filters: AgendaFilters): boolean {
  if (filters.trackId && row.track?.id !== filters.trackId) return false;
  if (filters.kind && row.kind !== filters.kind) return false;
  const words = searchable(filters.query).split(/\s+/).filter(Boolean);
  return words.every((word) => row.searchText.includes(word));
}

/** Sessions that start together, in start order; the server already sorts sessions by start. */
export function groupByStart(rows: readonly AgendaRow[]): TimeSlot[] {
  const slots = new Map<string, TimeSlot>();
  for (const row of rows) {
    const key = row.start === null ? UNSCHEDULED : String(row.start);
    let slot = slots.get(key);
    if (!slot) {
      slot = { key, start: row.start, label: row.startLabel, zoneLabel: row.zoneLabel, rows: [] };
      slots.set(key, slot);
    }
    slot.rows.push(row);
  }
  return [...slots.values()].sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity));
}

/** How many rows fall on each day. */
export function countByDay(rows: readonly AgendaRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.day, (counts.get(row.day) ?? 0) + 1);
  return counts;
}
