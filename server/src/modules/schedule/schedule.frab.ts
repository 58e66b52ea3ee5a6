// A published agenda in the frab/pretalx schedule format, the one that conference apps (Giggity,
// ConfClerk, EventFahrplan) and recording pipelines read. The reference is the c3voc `voc/schedule`
// JSON schema and XSD; both writers below are built from one document so that they cannot disagree.
//
// Choices the format leaves to us, and why:
// - Cancelled and unscheduled sessions are left out. frab has no cancelled state; apps that follow a
//   schedule (EventFahrplan) show an event that disappears from a new version as cancelled.
// - Every event needs a room. Sessions without one (virtual summits, online sessions of hybrid ones) go
//   to an online room per track, as the organisers' agenda grid shows virtual summits with tracks as
//   columns, so parallel tracks never share a column; sessions with neither room nor track (breaks) go to
//   "Online".
// - guids are UUID v5 of the platform's own ids, so the same session keeps its guid in every version and
//   on every server. Person guids come from member ids, never e-mail addresses (which a guid would leak
//   to anyone able to guess an address).
// - The deprecated integer ids that apps still key on are 31-bit hashes of the same ids (Java apps read
//   them into an int), made unique within the document by probing to the next free number in id order.
//   They do not depend on the other sessions, so adding a session does not renumber the agenda.
// - `version` is a fingerprint of the exported content: it changes exactly when something an app shows
//   changes, which is what apps compare it for.

import { createHash } from 'node:crypto';
import {
  SESSION_KIND_LABELS,
  datesBetween,
  dayBounds,
  localDate,
  localTime,
  wallClock,
  zoneOffsetMinutes,
  type AgendaSession,
  type SummitDetail,
} from '@apoc/shared';
import { create } from 'xmlbuilder2';

export const FRAB_SCHEMA_URL = 'https://c3voc.de/schedule/schema.json';

export interface FrabPerson {
  id: number;
  guid: string;
  public_name: string;
}

export interface FrabEvent {
  guid: string;
  id: number;
  date: string;
  start: string;
  end: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  subtitle: string;
  track: string | null;
  type: string;
  language: string;
  abstract: string;
  description: string;
  recording_license: string;
  do_not_record: boolean;
  persons: FrabPerson[];
  links: never[];
  attachments: never[];
}

export interface FrabRoom {
  name: string;
  guid: string;
  type?: 'online';
  capacity: number | null;
  description: string | null;
}

export interface FrabTrack {
  name: string;
  slug: string;
  color: string;
}

export interface FrabDay {
  index: number;
  date: string;
  day_start: string;
  day_end: string;
  /** Events by room name, every room of the conference on every day, as frab writes it. */
  rooms: Record<string, FrabEvent[]>;
}

export interface FrabConference {
  acronym: string;
  title: string;
  description: string;
  start: string;
  end: string;
  daysCount: number;
  timeslot_duration: string;
  time_zone_name?: string;
  url: string;
  tracks: FrabTrack[];
  rooms: FrabRoom[];
  days: FrabDay[];
}

export interface FrabScheduleDocument {
  $schema: string;
  generator: { name: string };
  schedule: {
    version: string;
    base_url: string;
    conference: FrabConference;
  };
}

const GENERATOR = 'APoC Summit platform';
const LANGUAGE = 'en';
const TIMESLOT = '00:05';

// Code-unit order, not localeCompare: the same on every server whatever its locale.
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// --- identifiers --------------------------------------------------------------------------------------

/** RFC 4122 UUID v5 (SHA-1 of a namespace and a name): the same name always gives the same UUID. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 4122's namespace for names that are URLs. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** The platform's own namespace; changing it would give every exported session a new guid. */
export const APOC_NAMESPACE = uuidV5('https://apoc.invalid/schedule', URL_NAMESPACE);

export const sessionGuid = (sessionId: string): string => uuidV5(`session:${sessionId}`, APOC_NAMESPACE);
export const memberGuid = (memberId: string): string => uuidV5(`member:${memberId}`, APOC_NAMESPACE);
export const roomGuid = (roomId: string): string => uuidV5(`room:${roomId}`, APOC_NAMESPACE);
const onlineRoomGuid = (summitId: string, trackId: string | null): string =>
  uuidV5(`online-room:${summitId}:${trackId ?? ''}`, APOC_NAMESPACE);

const MAX_INT_ID = 0x7fffffff;

/**
 * A positive 31-bit integer per key, derived from the key alone, unique among `keys`: on the (rare)
 * collision, the key that sorts later takes the next free number.
 */
export function stableIntegerIds(keys: Iterable<string>, kind: string): Map<string, number> {
  const ids = new Map<string, number>();
  const taken = new Set<number>();
  for (const key of [...new Set(keys)].sort(byCodeUnit)) {
    let id = createHash('sha1').update(`${kind}:${key}`).digest().readUInt32BE(0) & MAX_INT_ID || 1;
    while (taken.has(id)) id = id === MAX_INT_ID ? 1 : id + 1;
    taken.add(id);
    ids.set(key, id);
  }
  return ids;
}

/**
 * The schema wants `^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$` and the XSD uses the acronym as the
 * hyphen-free first part of every event slug, so hyphens become underscores: s-2027-essen → apoc_s_2027_essen.
 */
export function frabAcronym(summitId: string): string {
  return `apoc_${summitId.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}`;
}

// The schema's pattern; its anchors bind to the alternatives, so it only checks how a name begins.
const C3VOC_TIME_ZONE = /^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/;

/**
 * The summit's IANA zone as the schema accepts it. Every zone of the network passes as it is
 * (America/Los_Angeles begins "America/Los"); aliases are replaced by their canonical name (US/Pacific →
 * America/Los_Angeles, Etc/UTC → UTC). Names such as Etc/GMT+5 cannot match: then the field is left out,
 * which the format allows, and apps read the zone from the offsets that every date carries.
 */
export function frabTimeZoneName(zone: string): string | null {
  if (C3VOC_TIME_ZONE.test(zone)) return zone;
  const canonical = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  return C3VOC_TIME_ZONE.test(canonical) ? canonical : null;
}

/** Lower-case ASCII words joined by hyphens: "Antibody–drug conjugates" → "antibody-drug-conjugates". */
export function slugify(text: string, maxLength = 48): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}

/** The XSD wants a track slug to start with a letter and have two characters or more. */
function trackSlug(name: string): string {
  const slug = slugify(name);
  return /^[a-z][a-z0-9-]+$/.test(slug) ? slug : slug ? `track-${slug}` : 'track';
}

// --- times ----------------------------------------------------------------------------------------------

const pad = (n: number): string => String(n).padStart(2, '0');

/** The instant as the wall clock in `zone` shows it, with the offset in force: 2027-03-29T09:00:00+02:00. */
export function offsetDateTime(instant: Date | number, zone: string): string {
  const clock = wallClock(instant, zone);
  const offset = zoneOffsetMinutes(instant, zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${localDate(instant, zone)}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

function duration(startsAt: Date, endsAt: Date): string {
  const minutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

// --- the document ----------------------------------------------------------------------------------------

/** The base for every URL of the export, ending with "/" so that a PUBLIC_URL with a path keeps it. */
function baseOf(publicUrl: URL): URL {
  const base = new URL(publicUrl.href);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  base.search = '';
  base.hash = '';
  return base;
}

interface PlacedRoom extends FrabRoom {
  key: string;
}

/** Real rooms first, in agenda order, then the online rooms that some session uses, in track order. */
function roomsOf(summit: SummitDetail, exported: readonly AgendaSession[]): PlacedRoom[] {
  const roomIds = new Set(summit.rooms.map((room) => room.id));
  const rooms: PlacedRoom[] = summit.rooms.map((room) => ({
    key: `room:${room.id}`,
    name: room.name,
    guid: roomGuid(room.id),
    capacity: room.capacity,
    description: null,
  }));
  const onlineTracks = new Set(
    exported
      .filter((session) => !session.roomId || !roomIds.has(session.roomId))
      .map((session) => onlineTrackOf(summit, session)),
  );
  for (const track of [...summit.tracks, null]) {
    if (!onlineTracks.has(track?.id ?? null)) continue;
    rooms.push({
      key: `online:${track?.id ?? ''}`,
      name: track ? `Online: ${track.name}` : 'Online',
      guid: onlineRoomGuid(summit.id, track?.id ?? null),
      type: 'online',
      capacity: null,
      description: null,
    });
  }
  // Events are grouped by room name: two rooms with one name would merge, so later ones are numbered.
  const names = new Set<string>();
  for (const room of rooms) {
    let name = room.name;
    for (let n = 2; names.has(name); n++) name = `${room.name} (${n})`;
    names.add(name);
    room.name = name;
  }
  return rooms;
}

function onlineTrackOf(summit: SummitDetail, session: AgendaSession): string | null {
  return summit.tracks.some((track) => track.id === session.trackId) ? session.trackId : null;
}

function roomKeyOf(summit: SummitDetail, session: AgendaSession): string {
  if (session.roomId && summit.rooms.some((room) => room.id === session.roomId)) return `room:${session.roomId}`;
  return `online:${onlineTrackOf(summit, session) ?? ''}`;
}

type ScheduledSession = AgendaSession & { startsAt: string; endsAt: string };

function isExported(session: AgendaSession): session is ScheduledSession {
  return session.status === 'scheduled' && session.startsAt !== null && session.endsAt !== null;
}

function chairsLine(session: AgendaSession): string {
  const chairs = session.people.filter((person) => person.role === 'chair').map((person) => person.name);
  if (chairs.length === 0) return '';
  return `${chairs.length === 1 ? 'Chair' : 'Chairs'}: ${chairs.join(', ')}`;
}

/** The summit's published agenda as a c3voc schedule.json document. */
export function toFrabJson(summit: SummitDetail, baseUrl: URL): FrabScheduleDocument {
  const base = baseOf(baseUrl);
  const zone = summit.timeZone;
  const acronym = frabAcronym(summit.id);
  const dates = datesBetween(summit.startDate, summit.endDate);

  // A published agenda has no session outside the summit's days (publishing refuses it); one that
  // still is would have no day to be listed under, so it is left out rather than invent a day.
  const exported = summit.sessions
    .filter(isExported)
    .filter((session) => dates.includes(localDate(new Date(session.startsAt), zone)))
    .filter((session) => session.endsAt >= session.startsAt)
    .sort((a, b) => byCodeUnit(a.startsAt, b.startsAt) || byCodeUnit(a.id, b.id));

  const eventIds = stableIntegerIds(
    summit.sessions.map((session) => session.id),
    'session',
  );
  const personIds = stableIntegerIds(
    summit.sessions.flatMap((session) => session.people.map((person) => person.memberId)),
    'member',
  );
  const trackNames = new Map(summit.tracks.map((track) => [track.id, track.name]));
  const rooms = roomsOf(summit, exported);
  const roomNames = new Map(rooms.map((room) => [room.key, room.name]));

  const event = (session: ScheduledSession): FrabEvent => {
    const startsAt = new Date(session.startsAt);
    const endsAt = new Date(session.endsAt);
    const id = eventIds.get(session.id) ?? 1;
    const persons = new Map<string, FrabPerson>();
    // Apps list persons as the speakers: speakers first, then chairs.
    const people = [...session.people].sort((a, b) => Number(a.role === 'chair') - Number(b.role === 'chair'));
    for (const person of people) {
      if (persons.has(person.memberId)) continue;
      persons.set(person.memberId, {
        id: personIds.get(person.memberId) ?? 1,
        guid: memberGuid(person.memberId),
        public_name: person.name,
      });
    }
    return {
      guid: sessionGuid(session.id),
      id,
      date: offsetDateTime(startsAt, zone),
      start: localTime(startsAt, zone),
      end: offsetDateTime(endsAt, zone),
      duration: duration(startsAt, endsAt),
      room: roomNames.get(roomKeyOf(summit, session)) ?? 'Online',
      // The XSD wants "<acronym>-<at least four characters>"; the id keeps slugs unique.
      slug: `${acronym}-${id}-${slugify(session.title) || 'session'}`,
      url: new URL(`sessions/${encodeURIComponent(session.id)}`, base).href,
      title: session.title,
      subtitle: '',
      track: session.trackId ? (trackNames.get(session.trackId) ?? null) : null,
      type: SESSION_KIND_LABELS[session.kind],
      language: LANGUAGE,
      abstract: session.abstract,
      // frab persons have no role: chairs are listed with the speakers and named here.
      description: chairsLine(session),
      recording_license: '',
      do_not_record: false,
      persons: [...persons.values()],
      links: [],
      attachments: [],
    };
  };

  const days: FrabDay[] = dates.map((date, index) => {
    const bounds = dayBounds(date, zone);
    const byRoom: Record<string, FrabEvent[]> = Object.fromEntries(rooms.map((room) => [room.name, []]));
    for (const session of exported) {
      if (localDate(new Date(session.startsAt), zone) !== date) continue;
      const frabEvent = event(session);
      byRoom[frabEvent.room]?.push(frabEvent);
    }
    return {
      index: index + 1,
      date,
      day_start: offsetDateTime(bounds.start, zone),
      // As frab writes it: the last minute that still belongs to the day.
      day_end: offsetDateTime(bounds.end.getTime() - 60_000, zone),
      rooms: byRoom,
    };
  });

  const timeZoneName = frabTimeZoneName(zone);
  const conference: FrabConference = {
    acronym,
    title: summit.title,
    description: summit.description,
    start: summit.startDate,
    end: summit.endDate,
    daysCount: dates.length,
    timeslot_duration: TIMESLOT,
    ...(timeZoneName ? { time_zone_name: timeZoneName } : {}),
    url: new URL(`summits/${encodeURIComponent(summit.id)}`, base).href,
    tracks: summit.tracks.map((track) => ({ name: track.name, slug: trackSlug(track.name), color: track.color })),
    rooms: rooms.map(({ key: _key, ...room }) => room),
    days,
  };

  return {
    $schema: FRAB_SCHEMA_URL,
    generator: { name: GENERATOR },
    schedule: {
      version: createHash('sha1').update(JSON.stringify(conference)).digest('hex').slice(0, 12),
      base_url: base.href,
      conference,
    },
  };
}

/** The same schedule as schedule.xml, valid against the c3voc XSD. */
export function toFrabXml(summit: SummitDetail, baseUrl: URL): string {
  const { schedule } = toFrabJson(summit, baseUrl);
  const { conference } = schedule;
  // XML 1.0 cannot carry most control characters: an abstract pasted with one must not break the file.
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' }).ele('schedule');

  root.ele('generator').att('name', GENERATOR);
  root.ele('url').txt(new URL(`api/summits/${encodeURIComponent(summit.id)}/schedule.xml`, schedule.base_url).href);
  root.ele('version').txt(schedule.version);

  const head = root.ele('conference');
  head.ele('acronym').txt(conference.acronym);
  head.ele('title').txt(conference.title);
  head.ele('start').txt(conference.start);
  head.ele('end').txt(conference.end);
  head.ele('days').txt(String(conference.daysCount));
  head.ele('timeslot_duration').txt(conference.timeslot_duration);
  head.ele('base_url').txt(schedule.base_url);
  head.ele('url').txt(conference.url);
  if (conference.time_zone_name) head.ele('time_zone_name').txt(conference.time_zone_name);
  for (const track of conference.tracks) {
    head.ele('track').att({ name: track.name, color: track.color, slug: track.slug }).txt(track.name);
  }

  const roomGuids = new Map(conference.rooms.map((room) => [room.name, room.guid]));
  for (const day of conference.days) {
    const dayElement = root
      .ele('day')
      .att({ index: String(day.index), date: day.date, start: day.day_start, end: day.day_end });
    for (const [name, events] of Object.entries(day.rooms)) {
      const roomElement = dayElement.ele('room').att({ name, guid: roomGuids.get(name) ?? '' });
      for (const event of events) {
        const element = roomElement.ele('event').att({ guid: event.guid, id: String(event.id) });
        element.ele('date').txt(event.date);
        element.ele('start').txt(event.start);
        element.ele('duration').txt(event.duration);
        element.ele('room').txt(event.room);
        element.ele('slug').txt(event.slug);
        element.ele('url').txt(event.url);
        element.ele('title').txt(event.title);
        element.ele('subtitle').txt(event.subtitle);
        element.ele('track').txt(event.track ?? '');
        element.ele('type').txt(event.type);
        element.ele('language').txt(event.language);
        element.ele('abstract').txt(event.abstract);
        element.ele('description').txt(event.description);
        const recording = element.ele('recording');
        recording.ele('license').txt(event.recording_license);
        recording.ele('optout').txt(String(event.do_not_record));
        const persons = element.ele('persons');
        for (const person of event.persons) {
          persons
            .ele('person')
            .att({ id: String(person.id), guid: person.guid })
            .txt(person.public_name);
        }
        element.ele('links');
        element.ele('attachments');
      }
    }
  }
  return root.end({ prettyPrint: true });
}
