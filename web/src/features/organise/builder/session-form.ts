// The session form's values and their translation to the API. The day and the times are typed in the
// summit's zone; zonedInstant turns them into instants (a 09:00 session stays 09:00 across a DST change).
import type { AgendaSession, CreateSession, SessionPerson, SummitSummary } from '@apoc/shared';
import { earnsCredits, type SessionKind } from '@apoc/shared/domain';
import { addDays, isIsoDate, localDate, localTime, zonedInstant, zonedInstantKeeping } from '@apoc/shared/time';
import { m } from '../../../paraglide/messages.js';

export interface SessionFormValues {
  title: string;
  kind: SessionKind;
  trackId: string;
  roomId: string;
  /** false: the session stays in the tray, without a time. */
  scheduled: boolean;
  date: string;
  start: string;
  end: string;
  seatLimit: string;
  abstract: string;
  joinUrl: string;
  /** CME/CPD credit hours, as <input type="number"> holds them: null while empty (none). */
  credits: number | null;
  people: SessionPerson[];
  /** The session's instants when the form opened: a time left as it was keeps its pass of a repeated hour. */
  was?: { startsAt: string | null; endsAt: string | null } | null;
}

export type SessionFormErrors = Partial<Record<keyof SessionFormValues, string>>;

export interface SessionDefaults {
  date?: string;
  start?: string;
  end?: string;
  roomId?: string | null;
  trackId?: string | null;
}

export function sessionFormFrom(
  session: AgendaSession | null,
  zone: string,
  defaults: SessionDefaults = {},
  joinUrl = '',
): SessionFormValues {
  const start = session?.startsAt ? Date.parse(session.startsAt) : null;
  const end = session?.endsAt ? Date.parse(session.endsAt) : null;
  return {
    title: session?.title ?? '',
    kind: session?.kind ?? 'plenary',
    trackId: session ? (session.trackId ?? '') : (defaults.trackId ?? ''),
    roomId: session ? (session.roomId ?? '') : (defaults.roomId ?? ''),
    scheduled: session ? start !== null : defaults.date !== undefined,
    date: start !== null ? localDate(start, zone) : (defaults.date ?? ''),
    start: start !== null ? localTime(start, zone) : (defaults.start ?? '09:00'),
    end: end !== null ? localTime(end, zone) : (defaults.end ?? '10:00'),
    seatLimit: session?.seatLimit ? String(session.seatLimit) : '',
    abstract: session?.abstract ?? '',
    joinUrl,
    credits: session?.credits ?? null,
    people: session ? [...session.people] : [],
    was: session ? { startsAt: session.startsAt, endsAt: session.endsAt } : null,
  };
}

export interface Times {
  startsAt: string;
  endsAt: string;
  /** The end falls on the next calendar day (a session across midnight). */
  nextDay: boolean;
}

/**
 * The instants of the form's day and times in `zone`; an end not after the start is on the next day, unless the
 * clocks went back in between (02:30 to 02:15 the night they fall back is 45 minutes, not a day).
 */
export function formTimes(
  values: Pick<SessionFormValues, 'date' | 'start' | 'end' | 'was'>,
  zone: string,
): Times | null {
  if (!isIsoDate(values.date) || !/^\d{2}:\d{2}$/.test(values.start) || !/^\d{2}:\d{2}$/.test(values.end)) return null;
  try {
    const start = zonedInstantKeeping(values.date, values.start, zone, values.was?.startsAt);
    const sameDayEnd = zonedInstantKeeping(values.date, values.end, zone, values.was?.endsAt);
    const afterFallBack = zonedInstant(values.date, values.end, zone, 'later');
    const end =
      sameDayEnd > start
        ? sameDayEnd
        : afterFallBack > start
          ? afterFallBack
          : zonedInstantKeeping(addDays(values.date, 1), values.end, zone, values.was?.endsAt);
    const nextDay = localDate(end, zone) !== values.date;
    return { startsAt: start.toISOString(), endsAt: end.toISOString(), nextDay };
  } catch {
    return null;
  }
}

const URL_PATTERN = /^https?:\/\/\S+$/;

/** Quarter hours from 0.25 to 12, as the API takes credit hours (CreditHours). */
const validCredits = (hours: number): boolean => hours >= 0.25 && hours <= 12 && Number.isInteger(hours * 4);

export function validateSessionForm(values: SessionFormValues, zone: string): SessionFormErrors {
  const errors: SessionFormErrors = {};
  if (!values.title.trim()) errors.title = m.builder_error_title();
  if (values.scheduled) {
    if (!isIsoDate(values.date)) errors.date = m.builder_error_day();
    else if (!formTimes(values, zone)) errors.start = m.builder_error_times();
  }
  const seats = values.seatLimit.trim();
  if (seats && (!/^\d{1,6}$/.test(seats) || Number(seats) < 1)) errors.seatLimit = m.builder_error_seats();
  if (values.joinUrl.trim() && !URL_PATTERN.test(values.joinUrl.trim())) errors.joinUrl = m.builder_error_join_url();
  if (earnsCredits(values.kind) && values.credits !== null && !validCredits(values.credits))
    errors.credits = m.credits_session_error();
  return errors;
}

/** The form as the API takes it, for a new session or as a full update of an existing one. */
export function sessionInput(
  values: SessionFormValues,
  summit: Pick<SummitSummary, 'format' | 'timeZone'>,
): CreateSession {
  const times = values.scheduled ? formTimes(values, summit.timeZone) : null;
  return {
    title: values.title.trim(),
    kind: values.kind,
    startsAt: times?.startsAt ?? null,
    endsAt: times?.endsAt ?? null,
    roomId: summit.format === 'virtual' ? null : values.roomId || null,
    trackId: values.trackId || null,
    abstract: values.abstract,
    seatLimit: values.seatLimit.trim() ? Number(values.seatLimit.trim()) : null,
    ...(summit.format === 'in_person' ? {} : { joinUrl: values.joinUrl.trim() || null }),
    credits: earnsCredits(values.kind) ? values.credits : null,
    people: values.people.map(({ memberId, role }) => ({ memberId, role })),
  };
}
