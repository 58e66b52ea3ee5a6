import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { Database } from '@apoc/db';

/**
 * Forgets ended sign-ins: links that expired and browsers whose sign-in ended (expired or revoked) before
 * `before`. Until then they stay, for the member's list of sign-ins and for the audit of a compromise.
 */
export async function deleteEndedSignIns(db: Database, before: Date): Promise<{ links: number; signIns: number }> {
  const { signInTokens, signIns } = db.tables;
  return db.unit(async () => ({
    links: (
      await db.q.delete(signInTokens).where(lt(signInTokens.expiresAt, before)).returning({ id: signInTokens.id })
    ).length,
    signIns: (
      await db.q
        .delete(signIns)
        .where(or(lt(signIns.expiresAt, before), and(isNotNull(signIns.revokedAt), lt(signIns.revokedAt, before))))
        .returning({ id: signIns.id })
    ).length,
  }));
}
