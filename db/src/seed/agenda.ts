// The vocabulary in which the demo agendas are written, and the one function that turns a summit's
// plan into database rows. Agendas are written the way organisers think of them: day 1 or 2, wall-clock
// times in the summit's zone, a room and a track by name, people by id. Instants are computed here, once,
// with the summit's zone, so daylight-saving changes are handled by the same code as everywhere else.

import type { Accreditation } from '@apoc/shared';
import {
  earnsCredits,
  type Language,
  type SessionKind,
  type SummitFormat,
  type SummitStatus,
} from '@apoc/shared/domain';
import { addDays, zonedInstant } from '@apoc/shared/time';
import type { rooms, sessionPeople, sessions, summits, tracks } from '../schema/index';
import { attendanceRows, type AttendanceRows } from './attendance';
import type { InstitutionId, PersonId } from './network';

export const TRACKS = [
  // Tailwind's 600/700 shades: each has a contrast of at least 4.5:1 on white (WCAG AA for text).
  { key: 'thoracic', name: 'Thoracic', color: '#2563eb' },
  { key: 'gastrointestinal', name: 'Gastrointestinal', color: '#0f766e' },
  { key: 'genito-urinary', name: 'Genito-urinary', color: '#7c3aed' },
  { key: 'cross-cutting', name: 'Cross-cutting', color: '#b45309' },
] as const;

export type TrackKey = (typeof TRACKS)[number]['key'];

/** The rooms every in-person or hybrid edition books at its venue. */
export const VENUE_ROOMS = [
  { key: 'plenary-hall', name: 'Plenary Hall', capacity: 250 },
  { key: 'breakout-a', name: 'Breakout Room A', capacity: 80 },
  { key: 'breakout-b', name: 'Breakout Room B', capacity: 48 },
  // Coffee, lunch and the reception are served among the poster boards, as at most congresses.
  { key: 'poster-hall', name: 'Poster Hall', capacity: 180 },
] as const;

export type RoomKey = (typeof VENUE_ROOMS)[number]['key'];

interface AgendaContent {
  title: string;
  kind: SessionKind;
  /** Every session but breaks belongs to a track. */
  track?: TrackKey;
  /** Required at a venue (in-person and hybrid editions); virtual editions have no rooms. */
  room?: RoomKey;
  speakers?: readonly PersonId[];
  chairs?: readonly PersonId[];
  abstract?: string;
  seatLimit?: number;
}

interface AgendaSlot {
  day: 1 | 2;
  /** Wall-clock times (HH:mm) in the summit's zone. */
  start: string;
  end: string;
}

/** One entry of an agenda; `unscheduled` ones have neither day nor time yet (drafts only). */
export type AgendaItem = AgendaContent & (AgendaSlot | { unscheduled: true });

export interface Venue {
  name: string;
  address: string;
  city: string;
}

export interface SummitPlan {
  id: string;
  title: string;
  edition: string;
  format: SummitFormat;
  status: SummitStatus;
  timeZone: string;
  /** Day 1, in the summit's zone; day 2 is the next calendar day. */
  startDate: string;
  description: string;
  /** The title (and description) in other languages, where the organisers gave them (issue 18). */
  translations?: Partial<Record<Language, { title?: string; description?: string }>>;
  venue: Venue | null;
  hostInstitutionId: InstitutionId | null;
  seatsInPerson: number | null;
  seatsVirtual: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  publishedAt: Date | null;
  /** CME/CPD accreditation (issue 19): its sessions then carry credits (see `creditHundredthsOf`). */
  accreditation?: Accreditation;
  /** Members who registered (in person) and the days of the summit the desk checked them in. */
  attendees?: readonly DemoAttendee[];
  agenda: readonly AgendaItem[];
}

/** A registration of the demo, with the days (1 or 2) on which its member was checked in at the desk. */
export interface DemoAttendee {
  memberId: PersonId;
  checkedIn: readonly (1 | 2)[];
  /** Listed on the summit's attendee list. */
  listed?: boolean;
  /** Whether they filled the summit's evaluation, and what they said. */
  evaluation?: { ratings: readonly number[]; comment: string };
}

export interface SummitRows {
  summit: typeof summits.$inferInsert;
  tracks: (typeof tracks.$inferInsert)[];
  rooms: (typeof rooms.$inferInsert)[];
  sessions: (typeof sessions.$inferInsert)[];
  sessionPeople: (typeof sessionPeople.$inferInsert)[];
  attendance: AttendanceRows;
}

/** Placeholder video link, on a reserved test domain so that nobody can actually be sent anywhere. */
export function demoJoinUrl(sessionId: string): string {
  return `https://video.demo.apoc.test/${sessionId}`;
}

/**
 * The credits an accredited edition gives a session, in hundredths of an hour: its length in whole quarter hours,
 * at least half an hour and at most an hour and a half (a keynote of 45 minutes 0.75, a workshop of 90 minutes 1.5);
 * a poster session half an hour, since people walk in and out; none for breaks and social events.
 */
export function creditHundredthsOf(item: AgendaItem): number | null {
  if (!isScheduled(item) || !earnsCredits(item.kind)) return null;
  if (item.kind === 'poster') return 50;
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const quarters = Math.floor((minutes(item.end) - minutes(item.start)) / 15);
  return Math.min(6, Math.max(2, quarters)) * 25;
}

/**
 * The most credits one person can earn at an edition, as its accreditation states them: every session that carries
 * credits, counting sessions that run in parallel once (the one worth most).
 */
export function maximumCredits(agenda: readonly AgendaItem[]): number {
  const credited = agenda
    .filter(isScheduled)
    .filter((item) => creditHundredthsOf(item) !== null)
    .sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
  let total = 0;
  let slot: { day: number; end: string; best: number } | null = null;
  for (const item of credited) {
    const hundredths = creditHundredthsOf(item) ?? 0;
    if (slot && slot.day === item.day && item.start < slot.end) {
      slot.best = Math.max(slot.best, hundredths);
      if (item.end > slot.end) slot.end = item.end;
      continue;
    }
    total += slot?.best ?? 0;
    slot = { day: item.day, end: item.end, best: hundredths };
  }
  return (total + (slot?.best ?? 0)) / 100;
}

function isScheduled(item: AgendaItem): item is AgendaContent & AgendaSlot {
  return !('unscheduled' in item);
}

/** Day, start, then room order: the order in which people read an agenda, and in which ids are numbered. */
function agendaOrder(a: AgendaItem, b: AgendaItem): number {
  if (!isScheduled(a) || !isScheduled(b)) return Number(!isScheduled(a)) - Number(!isScheduled(b));
  const roomIndex = (item: AgendaItem): number => VENUE_ROOMS.findIndex((room) => room.key === item.room);
  return a.day - b.day || a.start.localeCompare(b.start) || roomIndex(a) - roomIndex(b);
}

export function summitRows(plan: SummitPlan, now: Date): SummitRows {
  const atVenue = plan.format !== 'virtual';
  const online = plan.format !== 'in_person';
  const trackId = (key: TrackKey): string => `${plan.id}-${key}`;
  const roomId = (key: RoomKey): string => `${plan.id}-${key}`;

  const sessionRows: SummitRows['sessions'] = [];
  const peopleRows: SummitRows['sessionPeople'] = [];
  [...plan.agenda].sort(agendaOrder).forEach((item, index) => {
    const id = `${plan.id}-${String(index + 1).padStart(2, '0')}`;
    const when = isScheduled(item)
      ? {
          startsAt: zonedInstant(addDays(plan.startDate, item.day - 1), item.start, plan.timeZone),
          endsAt: zonedInstant(addDays(plan.startDate, item.day - 1), item.end, plan.timeZone),
        }
      : { startsAt: null, endsAt: null };
    sessionRows.push({
      id,
      summitId: plan.id,
      title: item.title,
      abstract: item.abstract ?? '',
      kind: item.kind,
      ...when,
      roomId: atVenue && item.room ? roomId(item.room) : null,
      trackId: item.track ? trackId(item.track) : null,
      seatLimit: item.seatLimit ?? null,
      joinUrl: online && item.kind !== 'break' ? demoJoinUrl(id) : null,
      creditHundredths: plan.accreditation ? creditHundredthsOf(item) : null,
      createdAt: now,
      updatedAt: now,
    });
    (item.speakers ?? []).forEach((memberId, position) =>
      peopleRows.push({ sessionId: id, memberId, role: 'speaker', position }),
    );
    (item.chairs ?? []).forEach((memberId, position) =>
      peopleRows.push({ sessionId: id, memberId, role: 'chair', position }),
    );
  });

  return {
    summit: {
      id: plan.id,
      title: plan.title,
      edition: plan.edition,
      format: plan.format,
      status: plan.status,
      timeZone: plan.timeZone,
      startDate: plan.startDate,
      endDate: addDays(plan.startDate, 1),
      description: plan.description,
      translations: plan.translations ?? {},
      venueName: plan.venue?.name ?? null,
      venueAddress: plan.venue?.address ?? null,
      venueCity: plan.venue?.city ?? null,
      hostInstitutionId: plan.hostInstitutionId,
      seatsInPerson: plan.seatsInPerson,
      seatsVirtual: plan.seatsVirtual,
      registrationOpensAt: plan.registrationOpensAt,
      registrationClosesAt: plan.registrationClosesAt,
      accreditation: plan.accreditation ?? null,
      publishedAt: plan.publishedAt,
      createdAt: now,
      updatedAt: now,
    },
    tracks: TRACKS.map((track, position) => ({
      id: trackId(track.key),
      summitId: plan.id,
      name: track.name,
      color: track.color,
      position,
    })),
    rooms: atVenue
      ? VENUE_ROOMS.map((room, position) => ({
          id: roomId(room.key),
          summitId: plan.id,
          name: room.name,
          capacity: room.capacity,
          position,
        }))
      : [],
    sessions: sessionRows,
    sessionPeople: peopleRows,
    attendance: attendanceRows(plan, sessionRows),
  };
}
