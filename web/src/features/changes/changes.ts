// Changes to sessions, written for people: for each session a change touched, badges for what happened and
// the old → new time and room. Members read them in the public changelog (one version after another, times
// in the zone shown); organisers in the publish panel (times in the summit's zone and in their own).
import type { Changelog, Room, ScheduleVersion, SessionChange } from '@apoc/shared';
import { formatSessionTime } from '../sessions/session-time';
import { formatInstant } from '../../lib/instant';
import { m } from '../../paraglide/messages.js';

export type ChangeKind = SessionChange['changes'][number];
export type ChangeTone = 'success' | 'danger' | 'blue' | 'neutral';

/** What each kind of change is called on its badge, in the page's language (read each time). */
export const CHANGE_LABELS: Readonly<Record<ChangeKind, string>> = {
  get added() {
    return m.changes_kind_added();
  },
  get removed() {
    return m.changes_kind_removed();
  },
  get cancelled() {
    return m.changes_kind_cancelled();
  },
  get reinstated() {
    return m.changes_kind_reinstated();
  },
  get time() {
    return m.changes_kind_time();
  },
  get room() {
    return m.changes_kind_room();
  },
  get people() {
    return m.changes_kind_people();
  },
  get details() {
    return m.changes_kind_details();
  },
};

const TONES: Record<ChangeKind, ChangeTone> = {
  added: 'success',
  removed: 'danger',
  cancelled: 'danger',
  reinstated: 'success',
  time: 'blue',
  room: 'blue',
  people: 'neutral',
  details: 'neutral',
};

/** Old → new; null when the session did not exist (or had no time or room) before, or does not after. */
export interface BeforeAfter {
  before: string | null;
  after: string | null;
}

export interface ChangeView {
  sessionId: string;
  title: string;
  /** Where the title links to: the session's page, the builder; null for a session that is gone. */
  href: string | null;
  /** The session is (now) cancelled or gone: its title is struck through. */
  struck: boolean;
  badges: { kind: ChangeKind; label: string; tone: ChangeTone }[];
  /** Old → new times, one line per zone shown ("Time", or "Time (Berlin)" and "Your time (Seoul)"). */
  times: ({ label: string } & BeforeAfter)[];
  room: BeforeAfter | null;
  /** The session's time when nothing moved (it was added, cancelled or removed): when is it? */
  when: string | null;
}

export function badgesOf(change: Pick<SessionChange, 'changes'>): ChangeView['badges'] {
  return change.changes.map((kind) => ({ kind, label: CHANGE_LABELS[kind], tone: TONES[kind] }));
}

export interface VersionView {
  number: number;
  comment: string;
  publishedAt: string;
  publishedText: string;
  changes: ChangeView[];
}

type Times = NonNullable<SessionChange['before']>;

function roomName(roomId: string | null, rooms: ReadonlyMap<string, Room>): string {
  if (roomId === null) return m.changes_no_room();
  return rooms.get(roomId)?.name ?? m.changes_room_gone();
}

const timeOf = (times: Times, zone: string, locale?: string): string =>
  formatSessionTime(times.startsAt, times.endsAt, zone, locale);

export function describeChange(
  change: SessionChange,
  rooms: ReadonlyMap<string, Room>,
  zone: string,
  locale?: string,
): ChangeView {
  const { before, after } = change;
  const has = (kind: ChangeKind): boolean => change.changes.includes(kind);
  const time =
    has('time') && before && after
      ? { before: timeOf(before, zone, locale), after: timeOf(after, zone, locale) }
      : null;
  const room =
    has('room') && before && after
      ? { before: roomName(before.roomId, rooms), after: roomName(after.roomId, rooms) }
      : null;
  const current = after ?? before;
  return {
    sessionId: change.sessionId,
    title: change.title,
    href: !has('removed') && after !== null ? `/sessions/${encodeURIComponent(change.sessionId)}` : null,
    struck: has('removed') || after?.status === 'cancelled',
    badges: badgesOf(change),
    times: time ? [{ label: m.changes_time(), ...time }] : [],
    room,
    when: time === null && current ? timeOf(current, zone, locale) : null,
  };
}

export function describeVersion(
  version: ScheduleVersion,
  rooms: ReadonlyMap<string, Room>,
  zone: string,
  locale?: string,
): VersionView {
  return {
    number: version.number,
    comment: version.comment,
    publishedAt: version.publishedAt,
    publishedText: formatInstant(version.publishedAt, zone, locale),
    changes: version.changes.map((change) => describeChange(change, rooms, zone, locale)),
  };
}

/** Versions newest first, as the server sends them. */
export function describeChangelog(changelog: Changelog, zone: string, locale?: string): VersionView[] {
  const rooms = new Map(changelog.rooms.map((room) => [room.id, room]));
  return changelog.versions.map((version) => describeVersion(version, rooms, zone, locale));
}

/** Whether anything changed after the agenda was first published. */
export function hasChanges(changelog: Pick<Changelog, 'versions'>): boolean {
  return changelog.versions.some((version) => version.changes.length > 0);
}
