import { and, asc, eq } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';

const { stars } = tables;

export class StarsRepository {
  constructor(private readonly db: Db) {}

  star(memberId: string, sessionId: string, now: Date): void {
    this.db.insert(stars).values({ memberId, sessionId, createdAt: now }).onConflictDoNothing().run();
  }

  unstar(memberId: string, sessionId: string): void {
    this.db
      .delete(stars)
      .where(and(eq(stars.memberId, memberId), eq(stars.sessionId, sessionId)))
      .run();
  }

  /** The sessions a member starred, in the order they starred them. */
  async starred(memberId: string): Promise<string[]> {
    return this.db
      .select({ sessionId: stars.sessionId })
      .from(stars)
      .where(eq(stars.memberId, memberId))
      .orderBy(asc(stars.createdAt))
      .all()
      .map((row) => row.sessionId);
  }
}
