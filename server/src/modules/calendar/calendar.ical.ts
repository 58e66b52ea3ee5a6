// iCalendar documents, written with ical-generator from zoned times in the summit's own zone, so
// that every event carries a real IANA TZID with its VTIMEZONE and calendar applications place it right.
import { eventTimes } from './calendar.time';
import { vtimezone } from './calendar.vtimezone';
import ical, { escape, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';

export const PRODUCT_ID = { company: 'Amgen Partners of Choice', product: 'APoC Summits', language: 'EN' };

/**
 * A calendar's NAME (and X-WR-CALNAME), escaped as iCalendar text: ical-generator escapes every event's
 * text but writes the calendar's name as given, so a comma would be misread and a line break in a
 * summit's title would end the line and start a property of the title's making.
 */
export function calendarName(title: string): string {
  return escape(title, false);
}

/**
 * A person as an ORGANIZER or ATTENDEE, their name fit for the quoted CN parameter. ical-generator
 * quotes it but escapes a double quote or a line break with backslashes, which iCalendar parameters do
 * not know (a parser ends the name at the quote); RFC 6868 writes them ^' and ^n (and ^ as ^^).
 */
export function calendarPerson(person: { name: string; email: string }): { name: string; email: string } {
  const name = person.name.replace(/\^|"|\r\n|\r|\n/g, (c) => (c === '^' ? '^^' : c === '"' ? "^'" : '^n'));
  return { name, email: person.email };
}

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
  /** When the invitation is written (DTSTAMP). */
  stamp: Date;
}

/** A one-event invitation (`METHOD:REQUEST`) for a confirmation e-mail. */
export function invitation(invite: Invitation): string {
  const calendar = ical({
    prodId: PRODUCT_ID,
    method: ICalCalendarMethod.REQUEST,
    name: calendarName(invite.title),
  });
  // No calendar-wide zone: an event written in UTC (see eventTimes) would be turned into floating local time.
  calendar.timezone({ name: null, generator: vtimezone });
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    ...eventTimes(invite.start, invite.end, invite.timeZone),
    stamp: invite.stamp,
    summary: invite.title,
    description: invite.description,
    location: invite.location,
    url: invite.url,
    organizer: calendarPerson(invite.organizer),
    attendees: [
      {
        ...calendarPerson(invite.attendee),
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
