import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import type { SessionPersonRole } from '@apoc/shared';

const { tracks, rooms, sessions, sessionPeople, members } = tables;

export type TrackRow = typeof tracks.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export interface PersonRow {
  memberId: string;
  name: string;
  role: SessionPersonRole;
  institutionId: string | null;
}

/** Tracks, rooms and sessions of the work in progress. Writes are synchronous to share a transaction. */
export class AgendaRepository {
  private readonly sessionById;
  private readonly peopleOf;

  constructor(private readonly db: Db) {
    this.sessionById = db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sql.placeholder('id')))
      .prepare();
    this.peopleOf = db
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
      .prepare();
  }

  track(id: string): TrackRow | undefined {
    return this.db.select().from(tracks).where(eq(tracks.id, id)).get();
  }

  room(id: string): RoomRow | undefined {
    return this.db.select().from(rooms).where(eq(rooms.id, id)).get();
  }

  session(id: string): SessionRow | undefined {
    return this.sessionById.get({ id });
  }

  people(sessionId: string): PersonRow[] {
    return this.peopleOf.all({ id: sessionId });
  }

  insertTrack(row: typeof tracks.$inferInsert): void {
    this.db.insert(tracks).values(row).run();
  }

  updateTrack(id: string, patch: Partial<TrackRow>): void {
    this.db.update(tracks).set(patch).where(eq(tracks.id, id)).run();
  }

  deleteTrack(id: string): void {
    this.db.delete(tracks).where(eq(tracks.id, id)).run();
  }

  insertRoom(row: typeof rooms.$inferInsert): void {
    this.db.insert(rooms).values(row).run();
  }

  updateRoom(id: string, patch: Partial<RoomRow>): void {
    this.db.update(rooms).set(patch).where(eq(rooms.id, id)).run();
  }

  deleteRoom(id: string): void {
    this.db.delete(rooms).where(eq(rooms.id, id)).run();
  }

  insertSession(row: typeof sessions.$inferInsert): void {
    this.db.insert(sessions).values(row).run();
  }

  updateSession(id: string, patch: Partial<SessionRow>): void {
    this.db.update(sessions).set(patch).where(eq(sessions.id, id)).run();
  }

  deleteSession(id: string): void {
    this.db.delete(sessions).where(eq(sessions.id, id)).run();
  }

  replacePeople(sessionId: string, people: { memberId: string; role: SessionPersonRole }[]): void {
    this.db.delete(sessionPeople).where(eq(sessionPeople.sessionId, sessionId)).run();
    if (people.length === 0) return;
    this.db
      .insert(sessionPeople)
      .values(people.map((person, position) => ({ sessionId, ...person, position })))
      .run();
  }

  /** The ids among `ids` that are active members. */
  activeMembers(ids: string[]): Set<string> {
    if (ids.length === 0) return new Set();
    const rows = this.db
      .select({ id: members.id })
      .from(members)
      .where(and(inArray(members.id, ids), eq(members.active, true)))
      .all();
    return new Set(rows.map((row) => row.id));
  }
}
