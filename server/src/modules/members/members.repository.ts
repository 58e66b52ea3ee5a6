import { and, asc, eq, isNull, lt, ne, or, sql, type Column, type SQL } from 'drizzle-orm';
import { first, type Database, type Tables, type tables } from '@apoc/db';
import type { MemberRole } from '@apoc/shared';
import { newId } from '../../ids';

export type MemberRow = typeof tables.members.$inferSelect;

export interface MemberWithZone extends MemberRow {
  /** The member's own zone, else their institution's, else UTC. */
  effectiveTimeZone: string;
}

export interface NewMemberRow {
  email: string;
  name: string;
  role: MemberRole;
  institutionId: string | null;
  timeZone: string | null;
}

/** A member's columns with their effective zone, from `members` left-joined to `institutions`. */
export const withZone = ({ members, institutions }: Tables) => ({
  member: members,
  effectiveTimeZone: sql<string>`coalesce(${members.timeZone}, ${institutions.timeZone}, 'UTC')`,
});

/** Members of the network. Writes join the caller's unit of work, so that services can group them. */
export class MembersRepository {
  private readonly byEmail;
  private readonly byId;

  constructor(private readonly db: Database) {
    const { members, institutions } = db.tables;
    this.byEmail = db.prepare((q) =>
      q
        .select(withZone(db.tables))
        .from(members)
        .leftJoin(institutions, eq(institutions.id, members.institutionId))
        .where(sql`lower(${members.email}) = lower(${sql.placeholder('email')})`)
        .prepare(),
    );
    this.byId = db.prepare((q) =>
      q
        .select(withZone(db.tables))
        .from(members)
        .leftJoin(institutions, eq(institutions.id, members.institutionId))
        .where(eq(members.id, sql.placeholder('id')))
        .prepare(),
    );
  }

  async findByEmail(email: string): Promise<MemberWithZone | undefined> {
    const row = await first(this.byEmail().execute({ email }));
    return row && { ...row.member, effectiveTimeZone: row.effectiveTimeZone };
  }

  async findById(id: string): Promise<MemberWithZone | undefined> {
    const row = await first(this.byId().execute({ id }));
    return row && { ...row.member, effectiveTimeZone: row.effectiveTimeZone };
  }

  async create(member: NewMemberRow, now: Date): Promise<string> {
    const { members } = this.db.tables;
    const id = newId();
    await this.db.unit(() =>
      this.db.q.insert(members).values({ id, ...member, active: true, createdAt: now, updatedAt: now }),
    );
    return id;
  }

  async update(id: string, patch: Partial<Omit<MemberRow, 'id' | 'createdAt'>>, now: Date): Promise<void> {
    const { members } = this.db.tables;
    await this.db.unit(() =>
      this.db.q
        .update(members)
        .set({ ...patch, updatedAt: now })
        .where(eq(members.id, id)),
    );
  }

  /**
   * The directory, filtered. `matchEmail` lets `q` match e-mail addresses: only for organisers and admins, who
   * see the addresses anyway; for anyone else a match on a hidden address would reveal it letter by letter.
   */
  async directory(filter: {
    q?: string;
    institutionId?: string;
    includeInactive: boolean;
    matchEmail: boolean;
  }): Promise<MemberRow[]> {
    const { members, institutions } = this.db.tables;
    // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's ILIKE does the same, for every letter.
    const like = (column: Column, pattern: string) =>
      this.db.dialect === 'postgres'
        ? sql`${column} ilike ${pattern} escape '\\'`
        : sql`${column} like ${pattern} escape '\\'`;
    const conditions: (SQL | undefined)[] = [];
    if (!filter.includeInactive) conditions.push(eq(members.active, true));
    if (filter.institutionId) conditions.push(eq(members.institutionId, filter.institutionId));
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          like(members.name, pattern),
          filter.matchEmail ? like(members.email, pattern) : undefined,
          like(institutions.name, pattern),
          like(institutions.city, pattern),
          like(institutions.shortName, pattern),
        ),
      );
    }
    const rows = await this.db.q
      .select({ member: members })
      .from(members)
      .leftJoin(institutions, eq(institutions.id, members.institutionId))
      .where(and(...conditions))
      .orderBy(asc(members.name));
    return rows.map((row) => row.member);
  }

  /** Records a successful sign-in (a link followed, or through a provider); joins the caller's unit of work. */
  async markSignedIn(id: string, now: Date): Promise<void> {
    const { members } = this.db.tables;
    await this.db.unit(() => this.db.q.update(members).set({ lastSignedInAt: now }).where(eq(members.id, id)));
  }

  /**
   * Active members last seen before `before`: their last sign-in, or their creation if they never signed in, is older.
   * Longest unseen first.
   */
  async unseenSince(before: Date, filter: { exceptId: string; institutionId?: string }): Promise<MemberRow[]> {
    const { members } = this.db.tables;
    const lastSeen = sql`coalesce(${members.lastSignedInAt}, ${members.createdAt})`;
    return this.db.q
      .select()
      .from(members)
      .where(
        and(
          eq(members.active, true),
          isNull(members.erasedAt),
          ne(members.id, filter.exceptId),
          filter.institutionId ? eq(members.institutionId, filter.institutionId) : undefined,
          or(lt(members.lastSignedInAt, before), and(isNull(members.lastSignedInAt), lt(members.createdAt, before))),
        ),
      )
      .orderBy(asc(lastSeen), asc(members.name));
  }

  /** Sign-in links not used yet stop working (they went to an address the member no longer has). */
  async expireSignInLinks(memberId: string, now: Date): Promise<void> {
    const { signInTokens } = this.db.tables;
    await this.db.unit(() =>
      this.db.q
        .update(signInTokens)
        .set({ expiresAt: now })
        .where(and(eq(signInTokens.memberId, memberId), isNull(signInTokens.usedAt))),
    );
  }

  /** The organisations, for matching the institution column of a CSV import by id, name or short name. */
  /** How many admins can still act: the last one may not be demoted, deactivated or erased. */
  async activeAdminCount(): Promise<number> {
    const { members } = this.db.tables;
    const rows = await this.db.q
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.role, 'admin'), eq(members.active, true)));
    return rows.length;
  }

  async institutions(): Promise<{ id: string; name: string; shortName: string }[]> {
    const { institutions } = this.db.tables;
    return this.db.q
      .select({ id: institutions.id, name: institutions.name, shortName: institutions.shortName })
      .from(institutions);
  }
}
