// iCalendar documents, written with ical-generator from zoned times in the summit's own zone, so
// that every event carries a real IANA TZID with its VTIMEZONE and calendar applications place it right.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ZonedTime } from './calendar.time';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';

export const PRODUCT_ID = { company: 'Amgen Partners of Choice', product: 'APoC Summits', language: 'EN' };

/** The UID of a summit's calendar event: the same in every feed and invitation, for ever. */
export function summitUid(summitId: string, publicUrl: URL): string {
  return `summit-${summitId}@${publicUrl.hostname}`;
}

/** The UID of a session's calendar event. */
export function sessionUid(sessionId: string, publicUrl: URL): string {
  return `session-${sessionId}@${publicUrl.hostname}`;
}

export interface Invitation {
  uid: string;
  sequence: number;
  title: string;
  description: string;
  location: string;
  url: string;
  timeZone: string;
  start: Date;
  end: Date;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** A one-event invitation (`METHOD:REQUEST`) for a confirmation e-mail. */
export function invitation(invite: Invitation): string {
  const calendar = ical({ prodId: PRODUCT_ID, method: ICalCalendarMethod.REQUEST, name: invite.title });
  calendar.timezone({ name: invite.timeZone, generator: getVtimezoneComponent });
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    start: ZonedTime.of(invite.start, invite.timeZone),
    end: ZonedTime.of(invite.end, invite.timeZone),
    timezone: invite.timeZone,
    stamp: new Date(),
    summary: invite.title,
    description: invite.description,
    location: invite.location,
    url: invite.url,
    organizer: invite.organizer,
    attendees: [
      {
        name: invite.attendee.name,
        email: invite.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
  });
  return calendar.toString();
}

/** The address part of "Name <address>". */
export function addressOf(mailbox: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(mailbox);
  return match ? { name: match[1] || match[2] || '', email: match[2] ?? mailbox } : { name: mailbox, email: mailbox };
}
