import {
  addDays,
  dayBounds,
  findConflicts,
  isIsoDate,
  isValidTimeZone,
  localDate,
  localTime,
  occurrenceOf,
  registrationWindow,
  sessionSpan,
  zonedInstant,
  type AgendaSession,
  type SummitDetail,
  type SummitFormat,
  type SummitSummary,
} from '@apoc/shared';
import { InvalidInput } from '../../errors';
import { toAgendaSession } from '../agenda/agenda.mapper';
import type { SessionPersonRow, SummitAgendaRows, SummitRow } from './summits.repository';
import { titleTranslations } from './summits.translations';
import type { PublishedAgenda } from './summits.service';

// How the rows of a summit become what its readers see: summaries, agendas, the conflicts that block publishing.

// Map.groupBy arrives with Node 21; the platform runs on Node 20.
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

// A published agenda never changes and every listing reads its span: computed once per agenda.
const spans = new WeakMap<readonly AgendaSession[], ReturnType<typeof sessionSpan>>();

export function spanOf(sessions: readonly AgendaSession[]): ReturnType<typeof sessionSpan> {
  let span = spans.get(sessions);
  if (span === undefined) {
    span = sessionSpan(sessions);
    spans.set(sessions, span);
  }
  return span;
}

export function toSummary(summit: SummitRow, agenda: Pick<PublishedAgenda, 'tracks' | 'sessions'>): SummitSummary {
  const span = spanOf(agenda.sessions);
  const window = registrationWindow(summit);
  return {
    id: summit.id,
    title: summit.title,
    edition: summit.edition,
    format: summit.format,
    status: summit.status,
    timeZone: summit.timeZone,
    startDate: summit.startDate,
    endDate: summit.endDate,
    startsAt: dayBounds(summit.startDate, summit.timeZone).start.toISOString(),
    endsAt: dayBounds(summit.endDate, summit.timeZone).end.toISOString(),
    firstSessionStartsAt: span?.startsAt ?? null,
    lastSessionEndsAt: span?.endsAt ?? null,
    venue: summit.venueName ? { name: summit.venueName, address: summit.venueAddress, city: summit.venueCity } : null,
    hostInstitutionId: summit.hostInstitutionId,
    seats: { inPerson: summit.seatsInPerson, virtual: summit.seatsVirtual },
    sessionCount: agenda.sessions.filter((session) => session.status === 'scheduled').length,
    trackIds: agenda.tracks.map((track) => track.id),
    registration: {
      opensAt: window.opensAt?.toISOString() ?? null,
      closesAt: window.closesAt.toISOString(),
      requiresApproval: summit.requiresApproval,
    },
    translations: titleTranslations(summit.translations),
  };
}

/** A summit with its agenda, as its page reads it (a published version, or the work in progress). */
export function toDetail(summit: SummitRow, agenda: PublishedAgenda): SummitDetail {
  return {
    ...toSummary(summit, agenda),
    description: summit.description,
    translations: summit.translations,
    accreditation: summit.accreditation ?? null,
    ...agenda,
  };
}

/** The work in progress as an agenda, unscheduled sessions included. */
export function workInProgress(rows: SummitAgendaRows): PublishedAgenda {
  const peopleBySession = groupBy(rows.people, (person: SessionPersonRow) => person.sessionId);
  return {
    tracks: rows.tracks.map(({ id, name, color }) => ({ id, name, color })),
    rooms: rows.rooms,
    sessions: rows.sessions.map((session) => toAgendaSession(session, peopleBySession.get(session.id) ?? [])),
  };
}

/** What a publication freezes: every scheduled or cancelled session that has a time. */
export const publishable = (agenda: PublishedAgenda): PublishedAgenda => ({
  ...agenda,
  sessions: agenda.sessions.filter((session) => session.startsAt !== null && session.endsAt !== null),
});

export const EMPTY_AGENDA: PublishedAgenda = { tracks: [], rooms: [], sessions: [] };

export function conflictsOf(summit: SummitRow, agenda: PublishedAgenda) {
  return findConflicts(
    summit,
    agenda.rooms,
    agenda.sessions.map((session) => ({
      ...session,
      startsAt: session.startsAt ? Date.parse(session.startsAt) : null,
      endsAt: session.endsAt ? Date.parse(session.endsAt) : null,
    })),
  );
}

/** Refuses a summit whose zone, dates, venue or registration window make no sense (400). */
export function checkSummit(fields: {
  timeZone: string;
  startDate: string;
  endDate: string;
  format: SummitFormat;
  venueName: string | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
}): void {
  if (!isValidTimeZone(fields.timeZone)) throw new InvalidInput(`"${fields.timeZone}" is not an IANA time zone.`);
  if (!isIsoDate(fields.startDate) || !isIsoDate(fields.endDate))
    throw new InvalidInput('Dates must be real calendar dates.');
  if (fields.endDate < fields.startDate) throw new InvalidInput('The last day comes before the first.');
  if (addDays(fields.startDate, 14) < fields.endDate) throw new InvalidInput('A summit lasts at most two weeks.');
  if (fields.format !== 'virtual' && !fields.venueName) {
    throw new InvalidInput('An in-person or hybrid summit needs a venue.');
  }
  if (
    fields.registrationOpensAt &&
    fields.registrationClosesAt &&
    fields.registrationClosesAt <= fields.registrationOpensAt
  ) {
    throw new InvalidInput('Registration closes before it opens.');
  }
}

/**
 * A session's times in the next edition, `days` later: the same day of the summit, the same wall-clock time (and
 * pass of an hour the clocks repeat) in the new edition's zone, DST-proof. A session across a change of the clocks
 * keeps its length where the copy would not end after its start (01:40 EDT to 01:10 EST is half an hour; on an
 * ordinary night the same times would run backwards).
 */
export function editionTimes(fromZone: string, toZone: string, days: number) {
  const moved = (instant: Date) =>
    zonedInstant(
      addDays(localDate(instant, fromZone), days),
      localTime(instant, fromZone),
      toZone,
      occurrenceOf(instant, fromZone),
    );
  return (startsAt: Date | null, endsAt: Date | null): { startsAt: Date | null; endsAt: Date | null } => {
    const start = startsAt && moved(startsAt);
    let end = endsAt && moved(endsAt);
    if (start && end && startsAt && endsAt && end <= start)
      end = new Date(start.getTime() + endsAt.getTime() - startsAt.getTime());
    return { startsAt: start, endsAt: end };
  };
}
