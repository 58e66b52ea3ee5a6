import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Database, tables } from '@apoc/db';
import { newId } from '../../ids';
import { withZone, type MemberWithZone } from '../members/members.repository';

export type SignInTokenRow = typeof tables.signInTokens.$inferSelect;
export type SignInRow = typeof tables.signIns.$inferSelect;

/**
 * Sign-in links and signed-in browsers. Only hashes of their secrets are stored. Each write runs in a unit of
 * work: the caller's, or its own.
 */
export class AuthRepository {
  private readonly tokenByHash;
  private readonly signInByHash;

  constructor(private readonly db: Database) {
    const { signInTokens, signIns, members, institutions } = db.tables;
    this.tokenByHash = db.prepare((q) =>
      q
        .select()
        .from(signInTokens)
        .where(eq(signInTokens.tokenHash, sql.placeholder('hash')))
        .prepare(),
    );
    // Every signed-in request reads this: the sign-in and its member in one statement.
    this.signInByHash = db.prepare((q) =>
      q
        .select({ signIn: signIns, ...withZone(db.tables) })
        .from(signIns)
        .innerJoin(members, eq(members.id, signIns.memberId))
        .leftJoin(institutions, eq(institutions.id, members.institutionId))
        .where(eq(signIns.secretHash, sql.placeholder('hash')))
        .prepare(),
    );
  }

  private get t() {
    return this.db.tables;
  }

  async createToken(
    token: { memberId: string; tokenHash: string; next: string | null; expiresAt: Date },
    now: Date,
  ): Promise<void> {
    await this.db.unit(() => this.db.q.insert(this.t.signInTokens).values({ id: newId(), ...token, createdAt: now }));
  }

  /** Voids the member's links not used yet: asking for a new one, or signing out everywhere, ends them. */
  async voidTokens(memberId: string, now: Date): Promise<void> {
    const { signInTokens } = this.t;
    await this.db.unit(() =>
      this.db.q
        .update(signInTokens)
        .set({ voidedAt: now })
        .where(and(eq(signInTokens.memberId, memberId), isNull(signInTokens.usedAt), isNull(signInTokens.voidedAt))),
    );
  }

  async findToken(tokenHash: string): Promise<SignInTokenRow | undefined> {
    return (await this.tokenByHash().execute({ hash: tokenHash }))[0];
  }

  /** Marks the token used unless it already was; false means another request used it first. */
  async useToken(id: string, now: Date): Promise<boolean> {
    const { signInTokens } = this.t;
    const used = await this.db.unit(() =>
      this.db.q
        .update(signInTokens)
        .set({ usedAt: now })
        .where(and(eq(signInTokens.id, id), isNull(signInTokens.usedAt)))
        .returning({ id: signInTokens.id }),
    );
    return used.length > 0;
  }

  async createSignIn(
    signIn: { memberId: string; secretHash: string; device: string; expiresAt: Date; providerId?: string | null },
    now: Date,
  ): Promise<string> {
    const id = newId();
    await this.db.unit(() =>
      this.db.q.insert(this.t.signIns).values({ id, ...signIn, createdAt: now, lastSeenAt: now }),
    );
    return id;
  }

  /** The sign-in whose secret has this hash, with its member. */
  async findSignIn(secretHash: string): Promise<{ signIn: SignInRow; member: MemberWithZone } | undefined> {
    const row = (await this.signInByHash().execute({ hash: secretHash }))[0];
    return row && { signIn: row.signIn, member: { ...row.member, effectiveTimeZone: row.effectiveTimeZone } };
  }

  async findSignInById(id: string): Promise<SignInRow | undefined> {
    const { signIns } = this.t;
    return (await this.db.q.select().from(signIns).where(eq(signIns.id, id)))[0];
  }

  async touchSignIn(id: string, now: Date, expiresAt: Date): Promise<void> {
    const { signIns } = this.t;
    await this.db.unit(() => this.db.q.update(signIns).set({ lastSeenAt: now, expiresAt }).where(eq(signIns.id, id)));
  }

  /** The member's sign-ins still running, newest use first, each with the provider it was made through (if any). */
  async listActive(memberId: string, now: Date): Promise<(SignInRow & { providerName: string | null })[]> {
    const { signIns, identityProviders } = this.t;
    const rows = await this.db.q
      .select({ signIn: signIns, providerName: identityProviders.name })
      .from(signIns)
      .leftJoin(identityProviders, eq(identityProviders.id, signIns.providerId))
      .where(and(eq(signIns.memberId, memberId), isNull(signIns.revokedAt), gt(signIns.expiresAt, now)))
      .orderBy(desc(signIns.lastSeenAt));
    return rows.map((row) => ({ ...row.signIn, providerName: row.providerName }));
  }

  /** Ends every sign-in made through a provider (it is being disconnected); answers how many ended. */
  async revokeByProvider(providerId: string, now: Date): Promise<number> {
    const { signIns } = this.t;
    const revoked = await this.db.unit(() =>
      this.db.q
        .update(signIns)
        .set({ revokedAt: now })
        .where(and(eq(signIns.providerId, providerId), isNull(signIns.revokedAt)))
        .returning({ id: signIns.id }),
    );
    return revoked.length;
  }

  async revoke(memberId: string, id: string, now: Date): Promise<boolean> {
    const { signIns } = this.t;
    const revoked = await this.db.unit(() =>
      this.db.q
        .update(signIns)
        .set({ revokedAt: now })
        .where(and(eq(signIns.id, id), eq(signIns.memberId, memberId), isNull(signIns.revokedAt)))
        .returning({ id: signIns.id }),
    );
    return revoked.length > 0;
  }

  /** Ends every sign-in of the member, or every other one when `exceptId` is given. */
  async revokeAll(memberId: string, now: Date, exceptId?: string): Promise<number> {
    const { signIns } = this.t;
    const revoked = await this.db.unit(() =>
      this.db.q
        .update(signIns)
        .set({ revokedAt: now })
        .where(
          and(
            eq(signIns.memberId, memberId),
            isNull(signIns.revokedAt),
            exceptId ? ne(signIns.id, exceptId) : undefined,
          ),
        )
        .returning({ id: signIns.id }),
    );
    return revoked.length;
  }
}
