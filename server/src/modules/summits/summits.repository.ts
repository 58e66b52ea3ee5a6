import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { first, type Database, type Db, type Tables, type tables } from '@apoc/db';
import type { SummitStatus } from '@apoc/shared';
import { Kept } from '../../kept';

export type SummitRow = typeof tables.summits.$inferSelect;
export type TrackRow = Pick<typeof tables.tracks.$inferSelect, 'id' | 'summitId' | 'name' | 'color'>;
export type RoomRow = Pick<typeof tables.rooms.$inferSelect, 'id' | 'name' | 'capacity'>;
export type SessionRow = Omit<
  typeof tables.sessions.$inferSelect,
  'joinUrl' | 'recordingUrl' | 'createdAt' | 'updatedAt'
>;
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

const trackColumns = ({ tracks }: Tables) => ({
  id: tracks.id,
  summitId: tracks.summitId,
  name: tracks.name,
  color: tracks.color,
});
const summitId = sql.placeholder('summitId');

/**
 * Reads of summits and agendas. Statements are prepared once per repository: building and preparing
 * SQL on every request cost more than running it.
 */
/** The channel on which instances sharing PostgreSQL tell each other that a summit changed or was published. */
export const SUMMITS_CHANNEL = 'apoc_summits';

const frozen = <T extends object>(row: T | undefined): T | undefined => row && Object.freeze(row);

export class SummitsRepository {
  /** The summits a guest may see: those they are invited to, and those where they speak or chair a session. */
  async guestSummitIds(memberId: string): Promise<Set<string>> {
    const { sessions, sessionPeople, summitInvitations } = this.db.tables;
    const invited = await this.db.q
      .select({ summitId: summitInvitations.summitId })
      .from(summitInvitations)
      .where(eq(summitInvitations.memberId, memberId));
    const speaking = await this.db.q
      .selectDistinct({ summitId: sessions.summitId })
      .from(sessionPeople)
      .innerJoin(sessions, eq(sessions.id, sessionPeople.sessionId))
      .where(eq(sessionPeople.memberId, memberId));
    return new Set([...invited, ...speaking].map((row) => row.summitId));
  }

  private readonly changeListeners: ((summitId: string) => void)[] = [];

  /** Hears, once it has committed, of each summit created, changed or published through this instance. */
  onChanged(listener: (summitId: string) => void): void {
    this.changeListeners.push(listener);
  }

  /**
   * Inside the unit that changes a summit: this instance hears of it when the unit commits, and so do the others
   * sharing PostgreSQL (a notification sent in the unit is delivered at its commit, and never if it rolls back).
   */
  private async changed(summitId: string): Promise<void> {
    this.db.afterCommit(() => {
      for (const listener of this.changeListeners) listener(summitId);
    });
    await this.db.pubsub?.notify(SUMMITS_CHANNEL, summitId);
  }

  // A summit's row and its latest published version, as last read outside a unit of work: most requests about a
  // summit read them (registrations, joins, live sessions), and only `update` and `insertVersion` change them, after
  // which `forget` is called (on this instance at the commit, on the others when the notification arrives). Inside a
  // unit they are read afresh: the unit's view may be ahead of what is kept, and may yet roll back. Kept rows are
  // frozen: they are shared by every request.
  private readonly keptRows = new Kept<Readonly<SummitRow> | undefined>();
  private readonly keptVersions = new Kept<Readonly<VersionRef> | undefined>();

  /** Forgets what was read of a summit (null: of every summit). */
  forget(summitId: string | null): void {
    if (summitId === null) {
      this.keptRows.clear();
      this.keptVersions.clear();
      return;
    }
    this.keptRows.forget(summitId);
    this.keptVersions.forget(summitId);
  }

  private readonly listStatements = new Map<string, ReturnType<SummitsRepository['prepareList']>>();
  private readonly summitStatements = new Map<string, ReturnType<SummitsRepository['prepareSummit']>>();
  private readonly allTracks;
  private readonly agendaTracks;
  private readonly agendaRooms;
  private readonly agendaSessions;
  private readonly agendaPeople;
  private readonly findById;
  private readonly holdById;
  private readonly latestVersionsStatement;
  private readonly latestVersionStatement;

  constructor(private readonly db: Database) {
    const { summits, tracks, rooms, sessions, sessionPeople, members, scheduleVersions } = db.tables;
    this.findById = db.prepare((q) => q.select().from(summits).where(eq(summits.id, summitId)).prepare());
    // FOR UPDATE ends the WHERE clause (drizzle's SQLite builder has no `.for`); SQLite's unit holds the database.
    const forUpdate = db.dialect === 'postgres' ? sql` for update` : sql``;
    this.holdById = db.prepare((q) =>
      q
        .select()
        .from(summits)
        .where(sql`${eq(summits.id, summitId)}${forUpdate}`)
        .prepare(),
    );
    const latest = (q: Db) =>
      q
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
    this.latestVersionsStatement = db.prepare((q) =>
      q
        .select(versionRef)
        .from(scheduleVersions)
        .innerJoin(
          latest(q),
          and(eq(latest(q).summitId, scheduleVersions.summitId), eq(latest(q).number, scheduleVersions.number)),
        )
        .prepare(),
    );
    this.latestVersionStatement = db.prepare((q) =>
      q
        .select(versionRef)
        .from(scheduleVersions)
        .where(eq(scheduleVersions.summitId, summitId))
        .orderBy(desc(scheduleVersions.number))
        .limit(1)
        .prepare(),
    );
    this.allTracks = db.prepare((q) =>
      q.select(trackColumns(db.tables)).from(tracks).orderBy(asc(tracks.position), asc(tracks.name)).prepare(),
    );
    this.agendaTracks = db.prepare((q) =>
      q
        .select(trackColumns(db.tables))
        .from(tracks)
        .where(eq(tracks.summitId, summitId))
        .orderBy(asc(tracks.position), asc(tracks.name))
        .prepare(),
    );
    this.agendaRooms = db.prepare((q) =>
      q
        .select({ id: rooms.id, name: rooms.name, capacity: rooms.capacity })
        .from(rooms)
        .where(eq(rooms.summitId, summitId))
        .orderBy(asc(rooms.position), asc(rooms.name))
        .prepare(),
    );
    this.agendaSessions = db.prepare((q) =>
      q
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
          creditHundredths: sessions.creditHundredths,
          sequence: sessions.sequence,
        })
        .from(sessions)
        .where(eq(sessions.summitId, summitId))
        .orderBy(asc(sessions.startsAt), asc(sessions.title))
        .prepare(),
    );
    this.agendaPeople = db.prepare((q) =>
      q
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
        .prepare(),
    );
  }

  private prepareList(statuses: readonly SummitStatus[]) {
    const { summits, sessions } = this.db.tables;
    return this.db.prepare((q) => {
      const sessionCounts = q
        .select({ summitId: sessions.summitId, sessionCount: count().as('session_count') })
        .from(sessions)
        .where(eq(sessions.status, 'scheduled'))
        .groupBy(sessions.summitId)
        .as('session_counts');
      return q
        .select({ summit: summits, sessionCount: sessionCounts.sessionCount })
        .from(summits)
        .leftJoin(sessionCounts, eq(sessionCounts.summitId, summits.id))
        .where(inArray(summits.status, [...statuses]))
        .orderBy(asc(summits.startDate), asc(summits.title))
        .prepare();
    });
  }

  private prepareSummit(statuses: readonly SummitStatus[]) {
    const { summits } = this.db.tables;
    return this.db.prepare((q) =>
      q
        .select()
        .from(summits)
        .where(and(eq(summits.id, summitId), inArray(summits.status, [...statuses])))
        .prepare(),
    );
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
    // One snapshot, so that the summits and their tracks agree even while organisers edit.
    const [rows, tracks] = await this.db.snapshot(() =>
      Promise.all([statement().execute(), this.allTracks().execute()]),
    );
    const visible = new Set(rows.map((row) => row.summit.id));
    return {
      summits: rows.map((row) => ({ ...row.summit, sessionCount: row.sessionCount ?? 0 })),
      tracks: tracks.filter((track) => visible.has(track.summitId)),
    };
  }

  async findAgenda(id: string, statuses: readonly SummitStatus[]): Promise<SummitAgendaRows | null> {
    const findSummit = this.cached(this.summitStatements, statuses, () => this.prepareSummit(statuses));
    const params = { summitId: id };
    // One snapshot so that the agenda is consistent even while organisers edit.
    const [summits, tracks, rooms, sessions, people] = await this.db.snapshot(() =>
      Promise.all([
        findSummit().execute(params),
        this.agendaTracks().execute(params),
        this.agendaRooms().execute(params),
        this.agendaSessions().execute(params),
        this.agendaPeople().execute(params),
      ]),
    );
    const summit = summits[0];
    if (!summit) return null;
    return { summit, tracks, rooms, sessions, people };
  }

  async find(id: string): Promise<SummitRow | undefined> {
    const read = async () => frozen(await first(this.findById().execute({ summitId: id })));
    return this.db.inUnit ? read() : this.keptRows.get(id, read);
  }

  /**
   * Inside a unit of work: holds the summit until the unit ends, and reads it as it is once held. Units on any
   * instance that hold the same summit wait for each other (PostgreSQL locks its row; SQLite's unit holds the
   * whole database), so what they count against it (its seats, its quotas' release) is never out of date.
   */
  async hold(id: string): Promise<SummitRow | undefined> {
    if (!this.db.inUnit) throw new Error('A summit is held inside a unit of work.');
    return first(this.holdById().execute({ summitId: id }));
  }

  async create(
    row: Omit<SummitRow, 'createdAt' | 'updatedAt' | 'publishedAt' | 'joinWindowMinutes' | 'streamUrl'> &
      Partial<Pick<SummitRow, 'joinWindowMinutes' | 'streamUrl'>>,
    now: Date,
  ): Promise<void> {
    const { summits } = this.db.tables;
    await this.db.unit(async () => {
      await this.db.q.insert(summits).values({ ...row, createdAt: now, updatedAt: now });
      await this.changed(row.id);
    });
  }

  async update(id: string, patch: Partial<Omit<SummitRow, 'id' | 'createdAt'>>, now: Date): Promise<void> {
    const { summits } = this.db.tables;
    await this.db.unit(async () => {
      await this.db.q
        .update(summits)
        .set({ ...patch, updatedAt: now })
        .where(eq(summits.id, id));
      await this.changed(id);
    });
  }

  /** The latest published version of every summit that has one. */
  async latestVersions(): Promise<VersionRef[]> {
    return this.latestVersionsStatement().execute();
  }

  async latestVersion(summitId: string): Promise<VersionRef | undefined> {
    const read = async () => frozen(await first(this.latestVersionStatement().execute({ summitId })));
    return this.db.inUnit ? read() : this.keptVersions.get(summitId, read);
  }

  async versionAgenda(versionId: string): Promise<string | undefined> {
    const { scheduleVersions } = this.db.tables;
    const row = await first(
      this.db.q
        .select({ agenda: scheduleVersions.agenda })
        .from(scheduleVersions)
        .where(eq(scheduleVersions.id, versionId)),
    );
    return row?.agenda;
  }

  async versions(summitId: string): Promise<VersionRow[]> {
    const { scheduleVersions } = this.db.tables;
    return this.db.q
      .select({
        id: scheduleVersions.id,
        number: scheduleVersions.number,
        comment: scheduleVersions.comment,
        changes: scheduleVersions.changes,
        publishedAt: scheduleVersions.publishedAt,
      })
      .from(scheduleVersions)
      .where(eq(scheduleVersions.summitId, summitId))
      .orderBy(desc(scheduleVersions.number));
  }

  async insertVersion(row: typeof tables.scheduleVersions.$inferInsert): Promise<void> {
    const { scheduleVersions } = this.db.tables;
    await this.db.unit(async () => {
      await this.db.q.insert(scheduleVersions).values(row);
      await this.changed(row.summitId);
    });
  }

  async bumpSequences(sessionIds: string[], now: Date): Promise<void> {
    const { sessions } = this.db.tables;
    if (sessionIds.length === 0) return;
    await this.db.unit(() =>
      this.db.q
        .update(sessions)
        .set({ sequence: sql`${sessions.sequence} + 1`, updatedAt: now })
        .where(inArray(sessions.id, sessionIds)),
    );
  }

  /** Copies tracks, rooms and sessions (without people or join URLs) into another summit. */
  async copySkeleton(
    fromSummitId: string,
    toSummitId: string,
    options: {
      withRooms: boolean;
      /** A session's times in the new edition. */
      shift: (startsAt: Date | null, endsAt: Date | null) => { startsAt: Date | null; endsAt: Date | null };
      newId: () => string;
    },
    now: Date,
  ): Promise<void> {
    const { tracks, rooms, sessions } = this.db.tables;
    await this.db.unit(async () => {
      const q = this.db.q;
      const trackIds = new Map<string, string>();
      for (const track of await q.select().from(tracks).where(eq(tracks.summitId, fromSummitId))) {
        const id = options.newId();
        trackIds.set(track.id, id);
        await q.insert(tracks).values({ ...track, id, summitId: toSummitId });
      }
      const roomIds = new Map<string, string>();
      if (options.withRooms) {
        for (const room of await q.select().from(rooms).where(eq(rooms.summitId, fromSummitId))) {
          const id = options.newId();
          roomIds.set(room.id, id);
          await q.insert(rooms).values({ ...room, id, summitId: toSummitId });
        }
      }
      for (const session of await q.select().from(sessions).where(eq(sessions.summitId, fromSummitId))) {
        if (session.status === 'cancelled') continue;
        await q.insert(sessions).values({
          id: options.newId(),
          summitId: toSummitId,
          title: session.title,
          abstract: session.abstract,
          kind: session.kind,
          status: 'scheduled',
          ...options.shift(session.startsAt, session.endsAt),
          roomId: session.roomId ? (roomIds.get(session.roomId) ?? null) : null,
          trackId: session.trackId ? (trackIds.get(session.trackId) ?? null) : null,
          seatLimit: session.seatLimit,
          creditHundredths: session.creditHundredths,
          joinUrl: null,
          sequence: 0,
          createdAt: now,
          updatedAt: now,
        });
      }
    });
  }

  async summitOfSession(sessionId: string): Promise<string | undefined> {
    const { sessions } = this.db.tables;
    const row = await first(
      this.db.q.select({ summitId: sessions.summitId }).from(sessions).where(eq(sessions.id, sessionId)),
    );
    return row?.summitId;
  }
}
