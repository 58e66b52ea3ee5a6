// Unpublished and published changes written for organisers: what changed in each session, old → new,
// in the summit's zone and in the viewer's, so that nobody has to convert a time in their head.
import type { Room, SessionChange } from '@apoc/shared';
import { formatDay, formatTime, formatTimeSpan, localDate, zoneLabel } from '@apoc/shared/time';
import { m } from '../../paraglide/messages.js';
import { badgesOf, type BeforeAfter, type ChangeView } from '../changes/changes';

/** "Tue 9 Mar 2027, 10:00–11:00 (Berlin)"; "No time" for an unscheduled session. */
export function formatSlot(startsAt: string | null, endsAt: string | null, zone: string, locale?: string): string {
  if (!startsAt || !endsAt) return m.organise_no_time();
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  const sameDay = localDate(start, zone) === localDate(end - 1, zone);
  const times = sameDay
    ? formatTimeSpan(start, end, zone, locale)
    : `${formatTime(start, zone, locale)}–${formatDay(end, zone, locale)} ${formatTime(end, zone, locale)}`;
  return `${formatDay(start, zone, locale)}, ${times} (${zoneLabel(zone)})`;
}

export function changeLines(
  changes: readonly SessionChange[],
  rooms: readonly Room[],
  summitZone: string,
  viewerZone: string,
  options: { linkTo?: (sessionId: string) => string; locale?: string } = {},
): ChangeView[] {
  const { linkTo, locale } = options;
  const roomName = (id: string | null): string =>
    id === null ? m.organise_no_room() : (rooms.find((room) => room.id === id)?.name ?? m.organise_room_gone());
  const times = (change: SessionChange, zone: string): BeforeAfter => ({
    before: change.before ? formatSlot(change.before.startsAt, change.before.endsAt, zone, locale) : null,
    after: change.after ? formatSlot(change.after.startsAt, change.after.endsAt, zone, locale) : null,
  });
  return changes.map((change) => {
    const timeShown = change.changes.some((kind) => kind === 'time' || kind === 'added' || kind === 'removed');
    const roomShown =
      rooms.length > 0 && change.changes.some((kind) => kind === 'room' || kind === 'added' || kind === 'removed');
    const removed = change.after === null;
    return {
      sessionId: change.sessionId,
      title: change.title,
      href: linkTo && !removed ? linkTo(change.sessionId) : null,
      struck: removed || change.after?.status === 'cancelled',
      badges: badgesOf(change),
      times: timeShown
        ? [
            { label: m.organise_time_in_zone({ zone: summitZone }), ...times(change, summitZone) },
            ...(viewerZone !== summitZone
              ? [{ label: m.organise_your_time_in_zone({ zone: viewerZone }), ...times(change, viewerZone) }]
              : []),
          ]
        : [],
      when: null,
      room: roomShown
        ? {
            before: change.before ? roomName(change.before.roomId) : null,
            after: change.after ? roomName(change.after.roomId) : null,
          }
        : null,
    };
  });
}
