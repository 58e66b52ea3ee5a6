// Reminder and change e-mails, written in each member's own language and time zone, with the summit's time beside
// theirs.
import {
  addDays,
  dayBounds,
  formatCalendarDate,
  formatDay,
  formatTime,
  localDate,
  zoneLabel,
  type AgendaSession,
  type Language,
  type SessionChange,
} from '@apoc/shared';
import { languageOf, m } from '../../i18n/locale';
import { mailLocale, renderMail } from '../outbox/outbox.layout';
import type { Attachment, NewMessage } from '../outbox/outbox.repository';
import { bothZones } from '../registrations/registrations.messages';
import { cancels } from './reminders.changes';
import type { Attendee, Recipient } from './reminders.repository';

const when = (instant: string, zone: string, locale: Language) => {
  const at = new Date(instant);
  return `${formatDay(at, zone, mailLocale(locale))} ${formatTime(at, zone, mailLocale(locale))} (${zoneLabel(zone, mailLocale(locale))})`;
};

const footnote = (locale: Language) => m.mail_reminders_footnote({}, { locale });

export function sessionReminder(
  attendee: Attendee,
  session: AgendaSession,
  summit: { title: string; timeZone: string },
  sessionUrl: string,
): NewMessage {
  const locale = languageOf(attendee.language);
  const start = bothZones(new Date(session.startsAt ?? ''), summit.timeZone, attendee.timeZone, locale);
  return {
    kind: 'reminder-session',
    recipient: attendee.email,
    subject: m.mail_soon_subject({ session: session.title }, { locale }),
    ...renderMail({
      language: locale,
      greeting: m.mail_greeting_dear({ name: attendee.name }, { locale }),
      paragraphs: [
        m.mail_soon_intro({ session: session.title, summit: summit.title, when: start }, { locale }),
        m.mail_soon_join({}, { locale }),
      ],
      action: { label: m.mail_soon_action({}, { locale }), url: sessionUrl },
      footnotes: [footnote(locale)],
    }),
  };
}

/** The day something starts on, by the calendar dates of a zone: today, tomorrow, or a later date (YYYY-MM-DD). */
type StartDay = { day: 'today' } | { day: 'tomorrow' } | { day: 'later'; date: string };

/**
 * Which day `start` falls on for someone in `zone` at `now`, by the calendar dates there. Null once it has started:
 * there is nothing left to announce.
 */
function dayOf(start: Date, now: Date, zone: string): StartDay | null {
  if (start.getTime() <= now.getTime()) return null;
  const day = localDate(start, zone);
  const today = localDate(now, zone);
  if (day === today) return { day: 'today' };
  if (day === addDays(today, 1)) return { day: 'tomorrow' };
  return { day: 'later', date: day };
}

/**
 * Which day `start` falls on for someone in `zone` at `now`, in words: "today", "tomorrow", or "on Tue 9 Mar 2027"
 * when further ahead. Null once it has started.
 */
export function whichDay(start: Date, now: Date, zone: string, locale: Language = 'en'): string | null {
  const day = dayOf(start, now, zone);
  if (!day) return null;
  if (day.day === 'today') return m.mail_day_today({}, { locale });
  if (day.day === 'tomorrow') return m.mail_day_tomorrow({}, { locale });
  return m.mail_day_on({ date: formatCalendarDate(day.date, mailLocale(locale)) }, { locale });
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
  const day = dayOf(firstSessionStart ?? dayBounds(summit.startDate, summit.timeZone).start, now, attendee.timeZone);
  if (!day) return null;
  const locale = languageOf(attendee.language);
  const about = { summit: summit.title, zone: attendee.timeZone };
  const date = day.day === 'later' ? formatCalendarDate(day.date, mailLocale(locale)) : '';
  const subject =
    day.day === 'today'
      ? m.mail_day_subject_today(about, { locale })
      : day.day === 'tomorrow'
        ? m.mail_day_subject_tomorrow(about, { locale })
        : m.mail_day_subject_on({ ...about, date }, { locale });
  const opening = firstSessionStart
    ? m.mail_day_starts(
        { ...about, when: bothZones(firstSessionStart, summit.timeZone, attendee.timeZone, locale) },
        { locale },
      )
    : day.day === 'today'
      ? m.mail_day_begins_today(about, { locale })
      : day.day === 'tomorrow'
        ? m.mail_day_begins_tomorrow(about, { locale })
        : m.mail_day_begins_on({ ...about, date }, { locale });
  const lines = sessions
    .slice(0, 25)
    .map((session) =>
      m.mail_day_line(
        { when: when(session.startsAt ?? '', attendee.timeZone, locale), session: session.title },
        { locale },
      ),
    );
  return {
    kind: 'reminder-summit',
    recipient: attendee.email,
    subject,
    ...renderMail({
      language: locale,
      greeting: m.mail_greeting_dear({ name: attendee.name }, { locale }),
      paragraphs: [opening, ...(lines.length > 0 ? lines : [m.mail_day_empty({}, { locale })])],
      action: { label: m.mail_see_agenda({}, { locale }), url: agendaUrl },
      footnotes: [footnote(locale)],
    }),
  };
}

function calendarNote(changes: SessionChange[], locale: Language): string {
  const cancelling = changes.some(cancels);
  if (!cancelling) return m.mail_changes_calendar_updates({}, { locale });
  return changes.every(cancels)
    ? m.mail_changes_calendar_removes({}, { locale })
    : m.mail_changes_calendar_both({}, { locale });
}

/** What a kind of change is called in a change e-mail's lines, in lower case: "new time". */
function changeWords(kind: SessionChange['changes'][number], locale: Language): string {
  switch (kind) {
    case 'added':
      return m.mail_change_added({}, { locale });
    case 'removed':
      return m.mail_change_removed({}, { locale });
    case 'cancelled':
      return m.mail_change_cancelled({}, { locale });
    case 'reinstated':
      return m.mail_change_reinstated({}, { locale });
    case 'time':
      return m.mail_change_time({}, { locale });
    case 'room':
      return m.mail_change_room({}, { locale });
    case 'people':
      return m.mail_change_people({}, { locale });
    case 'details':
      return m.mail_change_details({}, { locale });
  }
}

export function agendaChanged(
  recipient: Recipient,
  summit: { title: string; timeZone: string },
  changes: SessionChange[],
  roomNames: ReadonlyMap<string, string>,
  agendaUrl: string,
  calendars: Attachment[],
): NewMessage {
  const locale = languageOf(recipient.language);
  const room = (id: string | null | undefined) =>
    (id ? roomNames.get(id) : undefined) ?? m.mail_change_no_room({}, { locale });
  const lines = changes.map((change) => {
    const words = change.changes.map((kind) => changeWords(kind, locale)).join(', ');
    const before = change.before?.startsAt ? when(change.before.startsAt, recipient.timeZone, locale) : null;
    const after = change.after?.startsAt ? when(change.after.startsAt, recipient.timeZone, locale) : null;
    const time = change.changes.includes('time') && before && after ? `${before} → ${after}` : null;
    const place = change.changes.includes('room')
      ? `${room(change.before?.roomId)} → ${room(change.after?.roomId)}`
      : null;
    const moves = [time, place].filter((move) => move !== null).join(', ');
    const at = !time ? (after ?? before) : null;
    const line = { title: change.title, changes: words };
    if (moves && at) return m.mail_change_line_moves_at({ ...line, moves, when: at }, { locale });
    if (moves) return m.mail_change_line_moves({ ...line, moves }, { locale });
    if (at) return m.mail_change_line_at({ ...line, when: at }, { locale });
    return m.mail_change_line(line, { locale });
  });
  return {
    kind: 'agenda-changed',
    recipient: recipient.email,
    subject: m.mail_changes_subject({ summit: summit.title }, { locale }),
    ...renderMail({
      language: locale,
      greeting: m.mail_greeting_dear({ name: recipient.name }, { locale }),
      paragraphs: [m.mail_changes_intro({ summit: summit.title, zone: recipient.timeZone }, { locale }), ...lines],
      action: { label: m.mail_see_agenda({}, { locale }), url: agendaUrl },
      footnotes: [calendarNote(changes, locale)],
    }),
    attachments: calendars,
  };
}
