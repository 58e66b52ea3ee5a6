import { dayBounds, type AgendaSession, type SummitDetail, type SummitStatus, type SummitSummary } from '@apoc/shared';
import { NotFound } from '../../errors';
import type { SummitRow, SummitsRepository, SessionPersonRow } from './summits.repository';

/** Until sign-in exists everyone is a visitor, who sees published summits only. */
const VISIBLE_TO_VISITORS: readonly SummitStatus[] = ['published'];

// Map.groupBy arrives with Node 21; the platform runs on Node 20.
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function toSummary(summit: SummitRow, sessionCount: number, trackIds: string[]): SummitSummary {
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
    venue: summit.venueName ? { name: summit.venueName, address: summit.venueAddress, city: summit.venueCity } : null,
    hostInstitutionId: summit.hostInstitutionId,
    seats: { inPerson: summit.seatsInPerson, virtual: summit.seatsVirtual },
    sessionCount,
    trackIds,
  };
}

export class SummitsService {
  constructor(private readonly summits: SummitsRepository) {}

  async list(): Promise<SummitSummary[]> {
    const { summits, tracks } = await this.summits.list(VISIBLE_TO_VISITORS);
    const trackIds = groupBy(tracks, (track) => track.summitId);
    return summits.map((summit) =>
      toSummary(
        summit,
        summit.sessionCount,
        (trackIds.get(summit.id) ?? []).map((track) => track.id),
      ),
    );
  }

  async agenda(id: string): Promise<SummitDetail> {
    const rows = await this.summits.findAgenda(id, VISIBLE_TO_VISITORS);
    if (!rows) throw new NotFound('summit', id);
    const peopleBySession = groupBy(rows.people, (person: SessionPersonRow) => person.sessionId);
    const sessions: AgendaSession[] = rows.sessions.map((session) => ({
      ...session,
      startsAt: session.startsAt?.toISOString() ?? null,
      endsAt: session.endsAt?.toISOString() ?? null,
      people: (peopleBySession.get(session.id) ?? []).map(({ memberId, name, role, institutionId }) => ({
        memberId,
        name,
        role,
        institutionId,
      })),
    }));
    const scheduled = rows.sessions.filter((session) => session.status === 'scheduled').length;
    return {
      ...toSummary(
        rows.summit,
        scheduled,
        rows.tracks.map((track) => track.id),
      ),
      description: rows.summit.description,
      tracks: rows.tracks.map(({ id, name, color }) => ({ id, name, color })),
      rooms: rows.rooms,
      sessions,
    };
  }
}
