import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import type { SummitStatus } from '@apoc/shared';

const { summits, tracks, rooms, sessions, sessionPeople, members, scheduleVersions, summitInvitations } = tables;

export type SummitRow = typeof summits.$inferSelect;
export type TrackRow = Pick<typeof tracks.$inferSelect, 'id' | 'summitId' | 'name' | 'color'>;
export type RoomRow = Pick<typeof rooms.$inferSelect, 'id' | 'name' | 'capacity'>;
export type SessionRow = Omit<typeof sessions.$inferSelect, 'joinUrl' | 'recordingUrl' | 'createdAt' | 'updatedAt'>;
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

export interface VersionRef {
  summitId: string;
  id: string;
  number: number;
  publishedAt: Date;
}

export interface VersionRow {
  id: string;
  number: number;
  comment: string;
  changes: string;
  publishedAt: Date;
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
  /** The summits a guest may see: those they are invited to, and those where they speak or chair a session. */
  guestSummitIds(memberId: string): Set<string> {
    const invited = this.db
      .select({ summitId: summitInvitations.summitId })
      .from(summitInvitations)
      .where(eq(summitInvitations.memberId, memberId))
      .all();
    const speaking = this.db
      .selectDistinct({ summitId: sessions.summitId })
      .from(sessionPeople)
      .innerJoin(sessions, eq(sessions.id, sessionPeople.sessionId))
      .where(eq(sessionPeople.memberId, memberId))
      .all();
    return new Set([...invited, ...speaking].map((row) => row.summitId));
  }

  private readonly listStatements = new Map<string, ReturnType<SummitsRepository['prepareList']>>();
  private readonly summitStatements = new Map<string, ReturnType<SummitsRepository['prepareSummit']>>();
  private readonly allTracks;
  private readonly agendaTracks;
  private readonly agendaRooms;
  private readonly agendaSessions;
  private readonly agendaPeople;
  private readonly findById;
  private readonly latestVersionsStatement;
  private readonly latestVersionStatement;

  constructor(private readonly db: Db) {
    this.findById = db.select().from(summits).where(eq(summits.id, summitId)).prepare();
    const latest = db
      .select({
        summitId: scheduleVersions.summitId,
        number: sql<number>`max(${scheduleVersions.number})`.as('latest'),
      })
      .from(scheduleVersions)
      .groupBy(scheduleVersions.summitId)
      .as('latest');
    const versionRef = {
      summitId: scheduleVersions.summitId,
      id: scheduleVersions.id,
      number: scheduleVersions.number,
      publishedAt: scheduleVersions.publishedAt,
    };
    this.latestVersionsStatement = db
      .select(versionRef)
      .from(scheduleVersions)
      .innerJoin(
        latest,
        and(eq(latest.summitId, scheduleVersions.summitId), eq(latest.number, scheduleVersions.number)),
      )
      .prepare();
    this.latestVersionStatement = db
      .select(versionRef)
      .from(scheduleVersions)
      .where(eq(scheduleVersions.summitId, summitId))
      .orderBy(desc(scheduleVersions.number))
      .limit(1)
      .prepare();
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
        sequence: sessions.sequence,
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

  find(id: string): SummitRow | undefined {
    return this.findById.get({ summitId: id });
  }

  create(
    row: Omit<SummitRow, 'createdAt' | 'updatedAt' | 'publishedAt' | 'joinWindowMinutes' | 'streamUrl'> &
      Partial<Pick<SummitRow, 'joinWindowMinutes' | 'streamUrl'>>,
    now: Date,
  ): void {
    this.db
      .insert(summits)
      .values({ ...row, createdAt: now, updatedAt: now })
      .run();
  }

  update(id: string, patch: Partial<Omit<SummitRow, 'id' | 'createdAt'>>, now: Date): void {
    this.db
      .update(summits)
      .set({ ...patch, updatedAt: now })
      .where(eq(summits.id, id))
      .run();
  }

  /** The latest published version of every summit that has one. */
  latestVersions(): VersionRef[] {
    return this.latestVersionsStatement.all();
  }

  latestVersion(summitId: string): VersionRef | undefined {
    return this.latestVersionStatement.get({ summitId });
  }

  versionAgenda(versionId: string): string | undefined {
    return this.db
      .select({ agenda: scheduleVersions.agenda })
      .from(scheduleVersions)
      .where(eq(scheduleVersions.id, versionId))
      .get()?.agenda;
  }

  async versions(summitId: string): Promise<VersionRow[]> {
    return this.db
      .select({
        id: scheduleVersions.id,
        number: scheduleVersions.number,
        comment: scheduleVersions.comment,
        changes: scheduleVersions.changes,
        publishedAt: scheduleVersions.publishedAt,
      })
      .from(scheduleVersions)
      .where(eq(scheduleVersions.summitId, summitId))
      .orderBy(desc(scheduleVersions.number))
      .all();
  }

  insertVersion(row: typeof scheduleVersions.$inferInsert): void {
    this.db.insert(scheduleVersions).values(row).run();
  }

  bumpSequences(sessionIds: string[], now: Date): void {
    if (sessionIds.length === 0) return;
    this.db
      .update(sessions)
      .set({ sequence: sql`${sessions.sequence} + 1`, updatedAt: now })
      .where(inArray(sessions.id, sessionIds))
      .run();
  }

  /** Copies tracks, rooms and sessions (without people or join URLs) into another summit. */
  copySkeleton(
    fromSummitId: string,
    toSummitId: string,
    options: { withRooms: boolean; shift: (instant: Date) => Date; newId: () => string },
    now: Date,
  ): void {
    const trackIds = new Map<string, string>();
    for (const track of this.db.select().from(tracks).where(eq(tracks.summitId, fromSummitId)).all()) {
      const id = options.newId();
      trackIds.set(track.id, id);
      this.db
        .insert(tracks)
        .values({ ...track, id, summitId: toSummitId })
        .run();
    }
    const roomIds = new Map<string, string>();
    if (options.withRooms) {
      for (const room of this.db.select().from(rooms).where(eq(rooms.summitId, fromSummitId)).all()) {
        const id = options.newId();
        roomIds.set(room.id, id);
        this.db
          .insert(rooms)
          .values({ ...room, id, summitId: toSummitId })
          .run();
      }
    }
    for (const session of this.db.select().from(sessions).where(eq(sessions.summitId, fromSummitId)).all()) {
      if (session.status === 'cancelled') continue;
      this.db
        .insert(sessions)
        .values({
          id: options.newId(),
          summitId: toSummitId,
          title: session.title,
          abstract: session.abstract,
          kind: session.kind,
          status: 'scheduled',
          startsAt: session.startsAt && options.shift(session.startsAt),
          endsAt: session.endsAt && options.shift(session.endsAt),
          roomId: session.roomId ? (roomIds.get(session.roomId) ?? null) : null,
          trackId: session.trackId ? (trackIds.get(session.trackId) ?? null) : null,
          seatLimit: session.seatLimit,
          joinUrl: null,
          sequence: 0,
          createdAt: now,
          updatedAt: now,
        })
        .run();
    }
  }

  summitOfSession(sessionId: string): string | undefined {
    return this.db.select({ summitId: sessions.summitId }).from(sessions).where(eq(sessions.id, sessionId)).get()
      ?.summitId;
  }
}
