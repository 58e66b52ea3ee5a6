// Reminder and change e-mails, written in each member's own time zone with the summit's beside it.
import {
  addDays,
  dayBounds,
  formatDay,
  formatTime,
  localDate,
  SESSION_CHANGE_LABELS,
  zoneLabel,
  type AgendaSession,
  type SessionChange,
} from '@apoc/shared';
import { renderMail } from '../outbox/outbox.layout';
import type { Attachment, NewMessage } from '../outbox/outbox.repository';
import { bothZones } from '../registrations/registrations.messages';
import { cancels } from './reminders.changes';
import type { Attendee, Recipient } from './reminders.repository';

const when = (instant: string, zone: string) =>
  `${formatDay(new Date(instant), zone, 'en-GB')} ${formatTime(new Date(instant), zone, 'en-GB')} (${zoneLabel(zone)})`;

export function sessionReminder(
  attendee: Attendee,
  session: AgendaSession,
  summit: { title: string; timeZone: string },
  sessionUrl: string,
): NewMessage {
  return {
    kind: 'reminder-session',
    recipient: attendee.email,
    subject: `Starting soon: ${session.title}`,
    ...renderMail({
      greeting: `Dear ${attendee.name},`,
      paragraphs: [
        `“${session.title}” (${summit.title}) starts ${bothZones(new Date(session.startsAt ?? ''), summit.timeZone, attendee.timeZone)}.`,
        'The Join button on the session’s page opens 15 minutes before the start.',
      ],
      action: { label: 'Open the session', url: sessionUrl },
      footnotes: ['You can change which reminders you receive on your profile page.'],
    }),
  };
}

/**
 * Which day `start` falls on for someone in `zone` at `now`, by the calendar dates there: "today", "tomorrow",
 * or "on Tue 9 Mar 2027" when further ahead. Null once it has started: there is nothing left to announce.
 */
export function whichDay(start: Date, now: Date, zone: string): string | null {
  if (start.getTime() <= now.getTime()) return null;
  const day = localDate(start, zone);
  const today = localDate(now, zone);
  if (day === today) return 'today';
  if (day === addDays(today, 1)) return 'tomorrow';
  return `on ${formatDay(start, zone, 'en-GB')}`;
}

/**
 * The reminder planned for 09:00 the day before, worded at `now`: it may go out late (the server was down, or the
 * member registered within the day), on the day the summit starts. `firstSessionStart`: the summit's first
 * scheduled session (the member's own list may not hold it); before any is scheduled, the summit's first day in its
 * zone stands for it. Null once the summit has started (the job's `staleAt`, its first session's start, skips it too).
 */
export function dayBefore(
  attendee: Attendee,
  summit: { title: string; timeZone: string; startDate: string },
  firstSessionStart: Date | null,
  sessions: AgendaSession[],
  agendaUrl: string,
  now: Date,
): NewMessage | null {
  const day = whichDay(firstSessionStart ?? dayBounds(summit.startDate, summit.timeZone).start, now, attendee.timeZone);
  if (!day) return null;
  const lines = sessions
    .slice(0, 25)
    .map((session) => `${when(session.startsAt ?? '', attendee.timeZone)}: ${session.title}`);
  return {
    kind: 'reminder-summit',
    recipient: attendee.email,
    subject: `${day.charAt(0).toUpperCase()}${day.slice(1)}: ${summit.title}`,
    ...renderMail({
      greeting: `Dear ${attendee.name},`,
      paragraphs: [
        `${summit.title} ${firstSessionStart ? `starts ${bothZones(firstSessionStart, summit.timeZone, attendee.timeZone)}` : `begins ${day}`}. Times below are in your time zone (${attendee.timeZone}).`,
        ...(lines.length > 0 ? lines : ['Star sessions on the agenda to see your own programme here.']),
      ],
      action: { label: 'See the agenda', url: agendaUrl },
      footnotes: ['You can change which reminders you receive on your profile page.'],
    }),
  };
}

function calendarNote(changes: SessionChange[]): string {
  const cancelling = changes.some(cancels);
  if (!cancelling) return 'The attached calendar file updates these sessions in your calendar.';
  return changes.every(cancels)
    ? 'The attached calendar file removes the cancelled sessions from your calendar.'
    : 'The attached calendar files update these sessions in your calendar and remove the cancelled ones.';
}

export function agendaChanged(
  recipient: Recipient,
  summit: { title: string; timeZone: string },
  changes: SessionChange[],
  roomNames: ReadonlyMap<string, string>,
  agendaUrl: string,
  calendars: Attachment[],
): NewMessage {
  const room = (id: string | null | undefined) => (id ? roomNames.get(id) : undefined) ?? 'no room';
  const lines = changes.map((change) => {
    const words = change.changes.map((kind) => SESSION_CHANGE_LABELS[kind].toLowerCase()).join(', ');
    const before = change.before?.startsAt ? when(change.before.startsAt, recipient.timeZone) : null;
    const after = change.after?.startsAt ? when(change.after.startsAt, recipient.timeZone) : null;
    const time = change.changes.includes('time') && before && after ? `${before} → ${after}` : null;
    const place = change.changes.includes('room')
      ? `${room(change.before?.roomId)} → ${room(change.after?.roomId)}`
      : null;
    const moves = [time, place].filter((move) => move !== null).join(', ');
    const at = !time && (after ?? before) ? ` (${after ?? before})` : '';
    return `${change.title}: ${words}${moves ? `: ${moves}` : ''}${at}`;
  });
  return {
    kind: 'agenda-changed',
    recipient: recipient.email,
    subject: `Agenda changes: ${summit.title}`,
    ...renderMail({
      greeting: `Dear ${recipient.name},`,
      paragraphs: [
        `The agenda of ${summit.title} has changed. Times are in your time zone (${recipient.timeZone}).`,
        ...lines,
      ],
      action: { label: 'See the agenda', url: agendaUrl },
      footnotes: [calendarNote(changes)],
    }),
    attachments: calendars,
  };
}
