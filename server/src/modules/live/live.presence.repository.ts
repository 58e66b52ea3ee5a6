import { and, countDistinct, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { first, type Database } from '@apoc/db';
import { newId } from '../../ids';

/**
 * Intervals of presence in live rooms: opened when a member arrives on an instance, kept alive by its heartbeat,
 * closed when they leave. Attendance is computed from them, and presence counts people on every instance.
 */
export class LivePresenceRepository {
  private readonly insertPresence;

  constructor(private readonly db: Database) {
    const { livePresence } = db.tables;
    const session = sql.placeholder('sessionId');
    const member = sql.placeholder('memberId');
    this.insertPresence = db.prepare((q) =>
      q
        .insert(livePresence)
        .values({
          id: sql.placeholder('id'),
          sessionId: session,
          memberId: member,
          joinedAt: sql.placeholder('at'),
          seenAt: sql.placeholder('at'),
        })
        .prepare(),
    );
  }

  /** The people with an open interval of presence in the session, on every instance. */
  async peoplePresent(sessionId: string): Promise<number> {
    const { livePresence } = this.db.tables;
    const row = await first(
      this.db.q
        .select({ people: countDistinct(livePresence.memberId) })
        .from(livePresence)
        .where(and(eq(livePresence.sessionId, sessionId), isNull(livePresence.leftAt))),
    );
    return row?.people ?? 0;
  }

  /** A member arrived in a session's live room: opens their interval of presence, and returns its id. */
  async openPresence(sessionId: string, memberId: string, now: Date): Promise<string> {
    const id = newId();
    await this.db.unit(() => this.insertPresence().execute({ id, sessionId, memberId, at: now }));
    return id;
  }

  async closePresence(id: string, now: Date): Promise<void> {
    const { livePresence } = this.db.tables;
    await this.db.unit(() =>
      this.db.q
        .update(livePresence)
        .set({ leftAt: now, seenAt: now })
        .where(and(eq(livePresence.id, id), isNull(livePresence.leftAt))),
    );
  }

  /** The intervals still open on this server: their members are still here. */
  async presenceSeen(ids: readonly string[], now: Date): Promise<void> {
    const { livePresence } = this.db.tables;
    if (ids.length === 0) return;
    // In slices: a statement takes a bounded number of parameters, and an instance may hold thousands of rooms' people.
    await this.db.unit(async () => {
      for (let start = 0; start < ids.length; start += 1000) {
        const slice = ids.slice(start, start + 1000);
        await this.db.q.update(livePresence).set({ seenAt: now }).where(inArray(livePresence.id, slice));
      }
    });
  }

  /**
   * Ends the intervals that a server left open when it stopped without closing them (not seen since
   * `before`), where their members were last seen.
   */
  async closeAbandonedPresence(before: Date): Promise<number> {
    const { livePresence } = this.db.tables;
    const closed = await this.db.unit(() =>
      this.db.q
        .update(livePresence)
        .set({ leftAt: sql`${livePresence.seenAt}` })
        .where(and(isNull(livePresence.leftAt), lt(livePresence.seenAt, before)))
        .returning({ id: livePresence.id }),
    );
    return closed.length;
  }
}
