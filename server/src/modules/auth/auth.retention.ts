import { and, isNotNull, lt, or } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';

const { signInTokens, signIns } = tables;

/**
 * Forgets ended sign-ins: links that expired and browsers whose sign-in ended (expired or revoked) before
 * `before`. Until then they stay, for the member's list of sign-ins and for the audit of a compromise.
 */
export function deleteEndedSignIns(db: Db, before: Date): { links: number; signIns: number } {
  return db.transaction(() => ({
    links: db.delete(signInTokens).where(lt(signInTokens.expiresAt, before)).run().changes,
    signIns: db
      .delete(signIns)
      .where(or(lt(signIns.expiresAt, before), and(isNotNull(signIns.revokedAt), lt(signIns.revokedAt, before))))
      .run().changes,
  }));
}
