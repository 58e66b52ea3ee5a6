import { createHash } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import type { Database } from '@apoc/db';

/**
 * The shared windows of rate limits: each hit counts, or opens a new window, in one statement that every instance
 * runs against the same row, so that a limit holds whichever instance a client reaches.
 */
export class LimitsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Counts a hit on `key`; returns the hits in its current window and when that window started. Keys name people
   * (an address, an e-mail): only their hash is stored, so an erased person leaves nothing readable here.
   */
  async hit(key: string, windowMs: number, now: Date): Promise<{ hits: number; startedAt: Date }> {
    const { rateLimitWindows: windows } = this.db.tables;
    const hashed = createHash('sha256').update(key).digest('base64url');
    const over = sql`${windows.startedAt} <= ${this.db.value(windows.startedAt, new Date(now.getTime() - windowMs))}`;
    const [row] = await this.db.unit(() =>
      this.db.q
        .insert(windows)
        .values({ key: hashed, startedAt: now, hits: 1 })
        .onConflictDoUpdate({
          target: windows.key,
          set: {
            hits: sql`case when ${over} then 1 else ${windows.hits} + 1 end`,
            startedAt: sql`case when ${over} then ${this.db.value(windows.startedAt, now)} else ${windows.startedAt} end`,
          },
        })
        .returning({ hits: windows.hits, startedAt: windows.startedAt }),
    );
    return row ?? { hits: 1, startedAt: now };
  }

  /** Forgets windows that ended before `before`. */
  async forget(before: Date): Promise<void> {
    const { rateLimitWindows: windows } = this.db.tables;
    await this.db.unit(() => this.db.q.delete(windows).where(lt(windows.startedAt, before)));
  }
}
