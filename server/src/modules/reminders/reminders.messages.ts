// Reminder and change e-mails, written in each member's own time zone with the summit's beside it.
import { formatDay, formatTime, zoneAbbreviation, type AgendaSession, type SessionChange } from '@apoc/shared';
import { renderMail } from '../outbox/outbox.layout';
import type { Attachment, NewMessage } from '../outbox/outbox.repository';
import { bothZones } from '../registrations/registrations.messages';
import type { Attendee } from './reminders.repository';

const when = (instant: string, zone: string) =>
  `${formatDay(new Date(instant), zone, 'en-GB')} ${formatTime(new Date(instant), zone, 'en-GB')} ${zoneAbbreviation(new Date(instant), zone, 'en-GB')}`;

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

export function dayBefore(
  attendee: Attendee,
  summit: { title: string; timeZone: string },
  sessions: AgendaSession[],
  agendaUrl: string,
): NewMessage {
  const lines = sessions
    .slice(0, 25)
    .map((session) => `${when(session.startsAt ?? '', attendee.timeZone)}: ${session.title}`);
  return {
    kind: 'reminder-summit',
    recipient: attendee.email,
    subject: `Tomorrow: ${summit.title}`,
    ...renderMail({
      greeting: `Dear ${attendee.name},`,
      paragraphs: [
        `${summit.title} begins tomorrow. Times below are in your time zone (${attendee.timeZone}).`,
        ...(lines.length > 0 ? lines : ['Star sessions on the agenda to see your own programme here.']),
      ],
      action: { label: 'See the agenda', url: agendaUrl },
      footnotes: ['You can change which reminders you receive on your profile page.'],
    }),
  };
}

const CHANGE_WORDS: Record<SessionChange['changes'][number], string> = {
  added: 'added',
  removed: 'removed',
  cancelled: 'cancelled',
  reinstated: 'back on the agenda',
  time: 'new time',
  room: 'new room',
  people: 'new speakers or chairs',
  details: 'details updated',
};

export function agendaChanged(
  attendee: Attendee,
  summit: { title: string; timeZone: string },
  changes: SessionChange[],
  agendaUrl: string,
  calendar: Attachment,
): NewMessage {
  const lines = changes.map((change) => {
    const words = change.changes.map((kind) => CHANGE_WORDS[kind]).join(', ');
    const before = change.before?.startsAt ? when(change.before.startsAt, attendee.timeZone) : null;
    const after = change.after?.startsAt ? when(change.after.startsAt, attendee.timeZone) : null;
    const times =
      change.changes.includes('time') && before && after ? `: ${before} → ${after}` : after ? ` (${after})` : '';
    return `${change.title}: ${words}${times}`;
  });
  return {
    kind: 'agenda-changed',
    recipient: attendee.email,
    subject: `Agenda changes: ${summit.title}`,
    ...renderMail({
      greeting: `Dear ${attendee.name},`,
      paragraphs: [
        `The agenda of ${summit.title} has changed. Times are in your time zone (${attendee.timeZone}).`,
        ...lines,
      ],
      action: { label: 'See the agenda', url: agendaUrl },
      footnotes: ['The attached calendar file updates these sessions in your calendar.'],
    }),
    attachments: [calendar],
  };
}
