// The check-in desk's words: what a typed or scanned code becomes, and what the desk is told after
// each attempt ("Checked in: Name (Institution)", "Already checked in at 09:12 (Essen)"). At a room door, the
// desk in a session's mode: which sessions have a door to scan at, and what the door is told.
import type { AgendaSession, CheckInProblem, CheckInResult, Institution, SummitDetail } from '@apoc/shared';
import { formatDay, formatTime, formatTimeSpan, localDate, zoneLabel } from '@apoc/shared/time';
import type { ApiError } from '../../lib/api';
import { formatInstant } from '../../lib/instant';
import { m } from '../../paraglide/messages.js';

/** The server's rule for a code: 4 to 64 letters, digits or hyphens. */
const CODE = /^[A-Z0-9-]{4,64}$/;

/** A typed code as the server expects it: capitals, without the spaces people type between groups. */
export function normaliseCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function isValidCode(code: string): boolean {
  return CODE.test(code);
}

/**
 * The code carried by a scanned QR image: the code itself (what the confirmation e-mail's image holds),
 * or the last path segment or parameter of an address that ends with one. Null for anything else.
 */
export function codeFromScan(raw: string): string | null {
  const text = normaliseCode(raw);
  if (isValidCode(text)) return text;
  const tail = /[=/:]([A-Z0-9-]{4,64})$/.exec(text)?.[1];
  return tail ?? null;
}

export interface DeskMessage {
  tone: 'success' | 'warning' | 'danger';
  text: string;
  /** Outside the summit's days (or the door's window): the code the organiser may check in anyway, once they confirm. */
  confirmCode?: string;
}

/** A session whose room door scans badges, as its select offers it. */
export interface Door {
  id: string;
  title: string;
  /** "10:00–11:00 · Lung cancer screening · 1 h", in the summit's zone. */
  label: string;
  startsAt: number;
  endsAt: number;
}

/** The doors of one day of the summit (in its zone), in the order of their sessions. */
export interface DoorDay {
  /** YYYY-MM-DD in the summit's zone. */
  day: string;
  /** "Tue 11 May 2027 (today)". */
  label: string;
  doors: Door[];
}

/** Sessions a door scans for: scheduled ones with their times; breaks are nobody's attendance. */
const hasDoor = (session: AgendaSession): session is AgendaSession & { startsAt: string; endsAt: string } =>
  session.status === 'scheduled' && session.startsAt !== null && session.endsAt !== null && session.kind !== 'break';

/**
 * The summit's sessions with a door, by day in the summit's zone (where the doors are), today's first and then the
 * others in order: a door's tablet is set up on the day, for a session of that day.
 */
export function doorDays(summit: Pick<SummitDetail, 'sessions' | 'timeZone'>, now: number, locale?: string): DoorDay[] {
  const zone = summit.timeZone;
  const today = localDate(now, zone);
  const hours = new Intl.NumberFormat(locale);
  const days = new Map<string, Door[]>();
  const sessions = summit.sessions
    .filter(hasDoor)
    .map((session) => ({ session, startsAt: Date.parse(session.startsAt), endsAt: Date.parse(session.endsAt) }))
    .sort((a, b) => a.startsAt - b.startsAt || a.endsAt - b.endsAt || a.session.title.localeCompare(b.session.title));
  for (const { session, startsAt, endsAt } of sessions) {
    const time = formatTimeSpan(startsAt, endsAt, zone, locale);
    const label = session.credits
      ? m.registration_door_session_credits({ time, title: session.title, hours: hours.format(session.credits) })
      : m.registration_door_session({ time, title: session.title });
    const day = localDate(startsAt, zone);
    const doors = days.get(day) ?? [];
    doors.push({ id: session.id, title: session.title, label, startsAt, endsAt });
    days.set(day, doors);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a === today ? -1 : b === today ? 1 : a.localeCompare(b)))
    .map(([day, doors]) => {
      const date = formatDay(doors[0]?.startsAt ?? now, zone, locale);
      return { day, label: day === today ? m.registration_door_today({ day: date }) : date, doors };
    });
}

/** The session whose door the page's address names (`?session=…`), so that a door's tablet reloads at its door. */
export function doorInSearch(search: string): string | null {
  return new URLSearchParams(search).get('session') || null;
}

/** The page's address (its search part) naming the door's session, or none at the summit's desk. */
export function searchWithDoor(search: string, sessionId: string | null): string {
  const params = new URLSearchParams(search);
  if (sessionId) params.set('session', sessionId);
  else params.delete('session');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** "09:12 (Berlin)" when it was today (in the viewer's zone), else the day too. */
export function checkInTime(instant: number, zone: string, now: number, locale?: string): string {
  if (localDate(instant, zone) !== localDate(now, zone)) return formatInstant(instant, zone, locale);
  return `${formatTime(instant, zone, locale)} (${zoneLabel(zone)})`;
}

export function checkInMessage(
  result: CheckInResult,
  institutions: readonly Pick<Institution, 'id' | 'name'>[],
  zone: string,
  now: number,
  locale?: string,
): DeskMessage {
  const { registration, door } = result;
  const institution = institutions.find((i) => i.id === registration.institutionId)?.name;
  const who = `${registration.name} (${institution ?? (registration.institutionId ? registration.institutionId : m.registration_checkin_guest())})`;
  if (door) {
    if (!door.alreadyScanned) return { tone: 'success', text: m.registration_door_done({ session: door.title, who }) };
    const time = checkInTime(Date.parse(door.scannedAt), zone, now, locale);
    return { tone: 'warning', text: m.registration_door_already_at({ session: door.title, time, who }) };
  }
  if (!result.alreadyCheckedIn) return { tone: 'success', text: m.registration_checkin_done({ who }) };
  const text = registration.checkedInAt
    ? m.registration_checkin_already_at({
        time: checkInTime(Date.parse(registration.checkedInAt), zone, now, locale),
        who,
      })
    : m.registration_checkin_already({ who });
  return { tone: 'warning', text };
}

/**
 * What the desk is told when the server refuses. At a door (`door`: the session chosen), a refusal about the door
 * itself names its session: outside the door's window (which the organiser may overrule), or a session that has no
 * door any more.
 */
export function checkInFailure(
  error: ApiError,
  code: string,
  door?: Pick<Door, 'id' | 'title'>,
  now: number = Date.now(),
  locale?: string,
): DeskMessage {
  const problem = error.problem as CheckInProblem;
  if (door && problem.sessionId) {
    const window = problem.checkIn;
    if (!window) return { tone: 'danger', text: m.registration_door_gone({ session: door.title }) };
    const text =
      window.timing === 'early'
        ? m.registration_door_early({
            session: door.title,
            time: checkInTime(Date.parse(window.opensAt), window.timeZone, now, locale),
          })
        : m.registration_door_late({
            session: door.title,
            time: checkInTime(Date.parse(window.closesAt), window.timeZone, now, locale),
          });
    return { tone: 'warning', text, confirmCode: code };
  }
  if (error.isNotFound) return { tone: 'danger', text: m.registration_checkin_not_found({ code }) };
  // Too early or too late: the server says why (in the summit's zone); the organiser decides.
  if (problem.checkIn) {
    return { tone: 'warning', text: `${error.title}. ${error.detail ?? ''}`.trim(), confirmCode: code };
  }
  return { tone: 'danger', text: error.detail ?? error.title };
}
