import { hoursOf, type AgendaSession, type SessionDetail, type SessionPerson } from '@apoc/shared';
import type { SummitRow } from '../summits/summits.repository';
import type { SessionRow } from './agenda.repository';

/** The columns of a session row that every view of a session shows. */
type SessionColumns = Pick<
  SessionRow,
  | 'id'
  | 'summitId'
  | 'title'
  | 'abstract'
  | 'kind'
  | 'status'
  | 'startsAt'
  | 'endsAt'
  | 'roomId'
  | 'trackId'
  | 'seatLimit'
  | 'creditHundredths'
>;

/**
 * A session as every agenda shows it (the public agenda, the builder's work in progress, a session's own page,
 * which adds to it): the one place a session row becomes the contract's shape.
 */
export function toAgendaSession(row: SessionColumns, people: readonly SessionPerson[]): AgendaSession {
  return {
    id: row.id,
    summitId: row.summitId,
    title: row.title,
    abstract: row.abstract,
    kind: row.kind,
    status: row.status,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    roomId: row.roomId,
    trackId: row.trackId,
    seatLimit: row.seatLimit,
    // Stored in hundredths so that totals add up exactly; quarter hours are exact in binary as well.
    ...(row.creditHundredths === null ? {} : { credits: hoursOf(row.creditHundredths) }),
    people: people.map(({ memberId, name, role, institutionId }) => ({ memberId, name, role, institutionId })),
  };
}

/** The summit a session's page names. */
export function summitOfSession(
  summit: Pick<SummitRow, 'id' | 'title' | 'timeZone' | 'format'>,
): SessionDetail['summit'] {
  return { id: summit.id, title: summit.title, timeZone: summit.timeZone, format: summit.format };
}
