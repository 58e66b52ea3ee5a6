import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '@apoc/db';

export class StarsRepository {
  constructor(private readonly db: Database) {}

  async star(memberId: string, sessionId: string, now: Date): Promise<void> {
    const { stars } = this.db.tables;
    await this.db.unit(() =>
      this.db.q.insert(stars).values({ memberId, sessionId, createdAt: now }).onConflictDoNothing(),
    );
  }

  async unstar(memberId: string, sessionId: string): Promise<void> {
    const { stars } = this.db.tables;
    await this.db.unit(() =>
      this.db.q.delete(stars).where(and(eq(stars.memberId, memberId), eq(stars.sessionId, sessionId))),
    );
  }

  /** The sessions a member starred, in the order they starred them. */
  async starred(memberId: string): Promise<string[]> {
    const { stars } = this.db.tables;
    const rows = await this.db.q
      .select({ sessionId: stars.sessionId })
      .from(stars)
      .where(eq(stars.memberId, memberId))
      .orderBy(asc(stars.createdAt));
    return rows.map((row) => row.sessionId);
  }
}
