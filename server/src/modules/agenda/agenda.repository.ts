import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { first, type Database, type tables } from '@apoc/db';
import type { SessionPersonRole } from '@apoc/shared';

export type TrackRow = typeof tables.tracks.$inferSelect;
export type RoomRow = typeof tables.rooms.$inferSelect;
export type SessionRow = typeof tables.sessions.$inferSelect;
export interface PersonRow {
  memberId: string;
  name: string;
  role: SessionPersonRole;
  institutionId: string | null;
}

/** Tracks, rooms and sessions of the work in progress. Writes join the caller's unit of work, or make their own. */
export class AgendaRepository {
  private readonly sessionById;
  private readonly peopleOf;

  constructor(private readonly db: Database) {
    const { sessions, sessionPeople, members } = db.tables;
    this.sessionById = db.prepare((q) =>
      q
        .select()
        .from(sessions)
        .where(eq(sessions.id, sql.placeholder('id')))
        .prepare(),
    );
    this.peopleOf = db.prepare((q) =>
      q
        .select({
          memberId: sessionPeople.memberId,
          name: members.name,
          role: sessionPeople.role,
          institutionId: members.institutionId,
        })
        .from(sessionPeople)
        .innerJoin(members, eq(members.id, sessionPeople.memberId))
        .where(eq(sessionPeople.sessionId, sql.placeholder('id')))
        .orderBy(asc(sessionPeople.role), asc(sessionPeople.position))
        .prepare(),
    );
  }

  async track(id: string): Promise<TrackRow | undefined> {
    const { tracks } = this.db.tables;
    return first(this.db.q.select().from(tracks).where(eq(tracks.id, id)));
  }

  async room(id: string): Promise<RoomRow | undefined> {
    const { rooms } = this.db.tables;
    return first(this.db.q.select().from(rooms).where(eq(rooms.id, id)));
  }

  async session(id: string): Promise<SessionRow | undefined> {
    return first(this.sessionById().execute({ id }));
  }

  async people(sessionId: string): Promise<PersonRow[]> {
    return this.peopleOf().execute({ id: sessionId });
  }

  async insertTrack(row: typeof tables.tracks.$inferInsert): Promise<void> {
    const { tracks } = this.db.tables;
    await this.db.unit(() => this.db.q.insert(tracks).values(row));
  }

  async updateTrack(id: string, patch: Partial<TrackRow>): Promise<void> {
    const { tracks } = this.db.tables;
    await this.db.unit(() => this.db.q.update(tracks).set(patch).where(eq(tracks.id, id)));
  }

  async deleteTrack(id: string): Promise<void> {
    const { tracks } = this.db.tables;
    await this.db.unit(() => this.db.q.delete(tracks).where(eq(tracks.id, id)));
  }

  async insertRoom(row: typeof tables.rooms.$inferInsert): Promise<void> {
    const { rooms } = this.db.tables;
    await this.db.unit(() => this.db.q.insert(rooms).values(row));
  }

  async updateRoom(id: string, patch: Partial<RoomRow>): Promise<void> {
    const { rooms } = this.db.tables;
    await this.db.unit(() => this.db.q.update(rooms).set(patch).where(eq(rooms.id, id)));
  }

  async deleteRoom(id: string): Promise<void> {
    const { rooms } = this.db.tables;
    await this.db.unit(() => this.db.q.delete(rooms).where(eq(rooms.id, id)));
  }

  async insertSession(row: typeof tables.sessions.$inferInsert): Promise<void> {
    const { sessions } = this.db.tables;
    await this.db.unit(() => this.db.q.insert(sessions).values(row));
  }

  async updateSession(id: string, patch: Partial<SessionRow>): Promise<void> {
    const { sessions } = this.db.tables;
    await this.db.unit(() => this.db.q.update(sessions).set(patch).where(eq(sessions.id, id)));
  }

  async deleteSession(id: string): Promise<void> {
    const { sessions } = this.db.tables;
    await this.db.unit(() => this.db.q.delete(sessions).where(eq(sessions.id, id)));
  }

  async replacePeople(sessionId: string, people: { memberId: string; role: SessionPersonRole }[]): Promise<void> {
    const { sessionPeople } = this.db.tables;
    await this.db.unit(() => this.db.q.delete(sessionPeople).where(eq(sessionPeople.sessionId, sessionId)));
    if (people.length === 0) return;
    await this.db.unit(() =>
      this.db.q.insert(sessionPeople).values(people.map((person, position) => ({ sessionId, ...person, position }))),
    );
  }

  /** The ids among `ids` that are active members. */
  async activeMembers(ids: string[]): Promise<Set<string>> {
    const { members } = this.db.tables;
    if (ids.length === 0) return new Set();
    const rows = await this.db.q
      .select({ id: members.id })
      .from(members)
      .where(and(inArray(members.id, ids), eq(members.active, true)));
    return new Set(rows.map((row) => row.id));
  }
}
