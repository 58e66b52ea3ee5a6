import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
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

const trackColumns = { id: tracks.id, summitId: tracks.summitId, name: tracks.name, color: tracks.color };
const summitId = sql.placeholder('summitId');

/**
 * Reads of summits and agendas. Statements are prepared once per repository: building and preparing
 * SQL on every request cost more than running it.
 */
export class SummitsRepository {
  private readonly listStatements = new Map<string, ReturnType<SummitsRepository['prepareList']>>();
  private readonly summitStatements = new Map<string, ReturnType<SummitsRepository['prepareSummit']>>();
  private readonly allTracks;
  private readonly agendaTracks;
  private readonly agendaRooms;
  private readonly agendaSessions;
  private readonly agendaPeople;

  constructor(private readonly db: Db) {
    this.allTracks = db.select(trackColumns).from(tracks).orderBy(asc(tracks.position), asc(tracks.name)).prepare();
    this.agendaTracks = db
      .select(trackColumns)
      .from(tracks)
      .where(eq(tracks.summitId, summitId))
      .orderBy(asc(tracks.position), asc(tracks.name))
      .prepare();
    this.agendaRooms = db
      .select({ id: rooms.id, name: rooms.name, capacity: rooms.capacity })
      .from(rooms)
      .where(eq(rooms.summitId, summitId))
      .orderBy(asc(rooms.position), asc(rooms.name))
      .prepare();
    this.agendaSessions = db
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
      .where(eq(sessions.summitId, summitId))
      .orderBy(asc(sessions.startsAt), asc(sessions.title))
      .prepare();
    this.agendaPeople = db
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
      .where(eq(sessions.summitId, summitId))
      .orderBy(asc(sessionPeople.role), asc(sessionPeople.position))
      .prepare();
  }

  private prepareList(statuses: readonly SummitStatus[]) {
    const sessionCounts = this.db
      .select({ summitId: sessions.summitId, sessionCount: count().as('session_count') })
      .from(sessions)
      .where(eq(sessions.status, 'scheduled'))
      .groupBy(sessions.summitId)
      .as('session_counts');
    return this.db
      .select({ summit: summits, sessionCount: sessionCounts.sessionCount })
      .from(summits)
      .leftJoin(sessionCounts, eq(sessionCounts.summitId, summits.id))
      .where(inArray(summits.status, [...statuses]))
      .orderBy(asc(summits.startDate), asc(summits.title))
      .prepare();
  }

  private prepareSummit(statuses: readonly SummitStatus[]) {
    return this.db
      .select()
      .from(summits)
      .where(and(eq(summits.id, summitId), inArray(summits.status, [...statuses])))
      .prepare();
  }

  private cached<T>(cache: Map<string, T>, statuses: readonly SummitStatus[], prepare: () => T): T {
    const key = statuses.join(',');
    let statement = cache.get(key);
    if (!statement) {
      statement = prepare();
      cache.set(key, statement);
    }
    return statement;
  }

  async list(statuses: readonly SummitStatus[]): Promise<{ summits: SummitListRow[]; tracks: TrackRow[] }> {
    const statement = this.cached(this.listStatements, statuses, () => this.prepareList(statuses));
    return this.db.transaction(() => {
      const rows = statement.all();
      const visible = new Set(rows.map((row) => row.summit.id));
      return {
        summits: rows.map((row) => ({ ...row.summit, sessionCount: row.sessionCount ?? 0 })),
        tracks: this.allTracks.all().filter((track) => visible.has(track.summitId)),
      };
    });
  }

  async findAgenda(id: string, statuses: readonly SummitStatus[]): Promise<SummitAgendaRows | null> {
    const findSummit = this.cached(this.summitStatements, statuses, () => this.prepareSummit(statuses));
    // One read transaction so that the agenda is a consistent snapshot even while organisers edit.
    return this.db.transaction(() => {
      const summit = findSummit.get({ summitId: id });
      if (!summit) return null;
      const params = { summitId: id };
      return {
        summit,
        tracks: this.agendaTracks.all(params),
        rooms: this.agendaRooms.all(params),
        sessions: this.agendaSessions.all(params),
        people: this.agendaPeople.all(params),
      };
    });
  }
}
