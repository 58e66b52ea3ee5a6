import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import type { SummitStatus } from '@apoc/shared';

const { summits, tracks, rooms, sessions, sessionPeople, members } = tables;

export type SummitRow = typeof summits.$inferSelect;
export type TrackRow = Pick<typeof tracks.$inferSelect, 'id' | 'summitId' | 'name' | 'color'>;
export type RoomRow = Pick<typeof rooms.$inferSelect, 'id' | 'name' | 'capacity'>;
export type SessionRow = Omit<typeof sessions.$inferSelect, 'joinUrl' | 'createdAt' | 'updatedAt'>;
export interface SessionPersonRow {
  sessionId: string;
  memberId: string;
  name: string;
  role: 'speaker' | 'chair';
  institutionId: string | null;
}

export interface SummitListRow extends SummitRow {
  sessionCount: number;
}

export interface SummitAgendaRows {
  summit: SummitRow;
  tracks: TrackRow[];
  rooms: RoomRow[];
  sessions: SessionRow[];
  people: SessionPersonRow[];
}

export class SummitsRepository {
  constructor(private readonly db: Db) {}

  async list(statuses: readonly SummitStatus[]): Promise<{ summits: SummitListRow[]; tracks: TrackRow[] }> {
    const sessionCounts = this.db
      .select({ summitId: sessions.summitId, sessionCount: count().as('session_count') })
      .from(sessions)
      .where(eq(sessions.status, 'scheduled'))
      .groupBy(sessions.summitId)
      .as('session_counts');
    const rows = this.db
      .select({ summit: summits, sessionCount: sessionCounts.sessionCount })
      .from(summits)
      .leftJoin(sessionCounts, eq(sessionCounts.summitId, summits.id))
      .where(inArray(summits.status, [...statuses]))
      .orderBy(asc(summits.startDate), asc(summits.title))
      .all();
    const summitIds = rows.map((row) => row.summit.id);
    const trackRows =
      summitIds.length === 0
        ? []
        : this.db
            .select({ id: tracks.id, summitId: tracks.summitId, name: tracks.name, color: tracks.color })
            .from(tracks)
            .where(inArray(tracks.summitId, summitIds))
            .orderBy(asc(tracks.position), asc(tracks.name))
            .all();
    return {
      summits: rows.map((row) => ({ ...row.summit, sessionCount: row.sessionCount ?? 0 })),
      tracks: trackRows,
    };
  }

  async findAgenda(id: string, statuses: readonly SummitStatus[]): Promise<SummitAgendaRows | null> {
    const summit = this.db
      .select()
      .from(summits)
      .where(and(eq(summits.id, id), inArray(summits.status, [...statuses])))
      .get();
    if (!summit) return null;

    // One read transaction so that the agenda is a consistent snapshot even while organisers edit.
    return this.db.transaction((tx) => {
      const trackRows = tx
        .select({ id: tracks.id, summitId: tracks.summitId, name: tracks.name, color: tracks.color })
        .from(tracks)
        .where(eq(tracks.summitId, id))
        .orderBy(asc(tracks.position), asc(tracks.name))
        .all();
      const roomRows = tx
        .select({ id: rooms.id, name: rooms.name, capacity: rooms.capacity })
        .from(rooms)
        .where(eq(rooms.summitId, id))
        .orderBy(asc(rooms.position), asc(rooms.name))
        .all();
      const sessionRows = tx
        .select({
          id: sessions.id,
          summitId: sessions.summitId,
          title: sessions.title,
          abstract: sessions.abstract,
          kind: sessions.kind,
          status: sessions.status,
          startsAt: sessions.startsAt,
          endsAt: sessions.endsAt,
          roomId: sessions.roomId,
          trackId: sessions.trackId,
          seatLimit: sessions.seatLimit,
        })
        .from(sessions)
        .where(eq(sessions.summitId, id))
        .orderBy(asc(sessions.startsAt), asc(sessions.title))
        .all();
      const people = tx
        .select({
          sessionId: sessionPeople.sessionId,
          memberId: sessionPeople.memberId,
          name: members.name,
          role: sessionPeople.role,
          institutionId: members.institutionId,
        })
        .from(sessionPeople)
        .innerJoin(sessions, eq(sessions.id, sessionPeople.sessionId))
        .innerJoin(members, eq(members.id, sessionPeople.memberId))
        .where(eq(sessions.summitId, id))
        .orderBy(asc(sessionPeople.role), asc(sessionPeople.position))
        .all();
      return { summit, tracks: trackRows, rooms: roomRows, sessions: sessionRows, people };
    });
  }
}
