import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import { newId } from '../../ids';

const { signInTokens, signIns } = tables;

export type SignInTokenRow = typeof signInTokens.$inferSelect;
export type SignInRow = typeof signIns.$inferSelect;

/** Sign-in links and signed-in browsers. Only hashes of their secrets are stored. */
export class AuthRepository {
  private readonly tokenByHash;
  private readonly signInByHash;

  constructor(private readonly db: Db) {
    this.tokenByHash = db
      .select()
      .from(signInTokens)
      .where(eq(signInTokens.tokenHash, sql.placeholder('hash')))
      .prepare();
    this.signInByHash = db
      .select()
      .from(signIns)
      .where(eq(signIns.secretHash, sql.placeholder('hash')))
      .prepare();
  }

  createToken(token: { memberId: string; tokenHash: string; next: string | null; expiresAt: Date }, now: Date): void {
    this.db
      .insert(signInTokens)
      .values({ id: newId(), ...token, createdAt: now })
      .run();
  }

  /** Voids the member's links not used yet: asking for a new one, or signing out everywhere, ends them. */
  voidTokens(memberId: string, now: Date): void {
    this.db
      .update(signInTokens)
      .set({ voidedAt: now })
      .where(and(eq(signInTokens.memberId, memberId), isNull(signInTokens.usedAt), isNull(signInTokens.voidedAt)))
      .run();
  }

  findToken(tokenHash: string): SignInTokenRow | undefined {
    return this.tokenByHash.get({ hash: tokenHash });
  }

  /** Marks the token used unless it already was; false means another request used it first. */
  useToken(id: string, now: Date): boolean {
    return (
      this.db
        .update(signInTokens)
        .set({ usedAt: now })
        .where(and(eq(signInTokens.id, id), isNull(signInTokens.usedAt)))
        .run().changes > 0
    );
  }

  createSignIn(signIn: { memberId: string; secretHash: string; device: string; expiresAt: Date }, now: Date): string {
    const id = newId();
    this.db
      .insert(signIns)
      .values({ id, ...signIn, createdAt: now, lastSeenAt: now })
      .run();
    return id;
  }

  findSignIn(secretHash: string): SignInRow | undefined {
    return this.signInByHash.get({ hash: secretHash });
  }

  findSignInById(id: string): SignInRow | undefined {
    return this.db.select().from(signIns).where(eq(signIns.id, id)).get();
  }

  touchSignIn(id: string, now: Date, expiresAt: Date): void {
    this.db.update(signIns).set({ lastSeenAt: now, expiresAt }).where(eq(signIns.id, id)).run();
  }

  async listActive(memberId: string, now: Date): Promise<SignInRow[]> {
    return this.db
      .select()
      .from(signIns)
      .where(and(eq(signIns.memberId, memberId), isNull(signIns.revokedAt), gt(signIns.expiresAt, now)))
      .orderBy(desc(signIns.lastSeenAt))
      .all();
  }

  revoke(memberId: string, id: string, now: Date): boolean {
    return (
      this.db
        .update(signIns)
        .set({ revokedAt: now })
        .where(and(eq(signIns.id, id), eq(signIns.memberId, memberId), isNull(signIns.revokedAt)))
        .run().changes > 0
    );
  }

  /** Ends every sign-in of the member, or every other one when `exceptId` is given. */
  revokeAll(memberId: string, now: Date, exceptId?: string): number {
    return this.db
      .update(signIns)
      .set({ revokedAt: now })
      .where(
        and(eq(signIns.memberId, memberId), isNull(signIns.revokedAt), exceptId ? ne(signIns.id, exceptId) : undefined),
      )
      .run().changes;
  }
}
