import { and, asc, eq, isNull, like, max, or, sql, type SQL } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import type { MemberRole } from '@apoc/shared';
import { newId } from '../../ids';

const { members, institutions, signIns, signInTokens } = tables;

export type MemberRow = typeof members.$inferSelect;

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

const withZone = {
  member: members,
  effectiveTimeZone: sql<string>`coalesce(${members.timeZone}, ${institutions.timeZone}, 'UTC')`,
};

/** Members of the network. Writes are synchronous so that services can group them in one transaction. */
export class MembersRepository {
  private readonly byEmail;
  private readonly byId;

  constructor(private readonly db: Db) {
    this.byEmail = db
      .select(withZone)
      .from(members)
      .leftJoin(institutions, eq(institutions.id, members.institutionId))
      .where(sql`lower(${members.email}) = lower(${sql.placeholder('email')})`)
      .prepare();
    this.byId = db
      .select(withZone)
      .from(members)
      .leftJoin(institutions, eq(institutions.id, members.institutionId))
      .where(eq(members.id, sql.placeholder('id')))
      .prepare();
  }

  findByEmail(email: string): MemberWithZone | undefined {
    const row = this.byEmail.get({ email });
    return row && { ...row.member, effectiveTimeZone: row.effectiveTimeZone };
  }

  findById(id: string): MemberWithZone | undefined {
    const row = this.byId.get({ id });
    return row && { ...row.member, effectiveTimeZone: row.effectiveTimeZone };
  }

  create(member: NewMemberRow, now: Date): string {
    const id = newId();
    this.db
      .insert(members)
      .values({ id, ...member, active: true, createdAt: now, updatedAt: now })
      .run();
    return id;
  }

  update(id: string, patch: Partial<Omit<MemberRow, 'id' | 'createdAt'>>, now: Date): void {
    this.db
      .update(members)
      .set({ ...patch, updatedAt: now })
      .where(eq(members.id, id))
      .run();
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
    const conditions: (SQL | undefined)[] = [];
    if (!filter.includeInactive) conditions.push(eq(members.active, true));
    if (filter.institutionId) conditions.push(eq(members.institutionId, filter.institutionId));
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          sql`${members.name} like ${pattern} escape '\\'`,
          filter.matchEmail ? sql`${members.email} like ${pattern} escape '\\'` : undefined,
          sql`${institutions.name} like ${pattern} escape '\\'`,
          sql`${institutions.city} like ${pattern} escape '\\'`,
          like(institutions.shortName, pattern),
        ),
      );
    }
    return this.db
      .select({ member: members })
      .from(members)
      .leftJoin(institutions, eq(institutions.id, members.institutionId))
      .where(and(...conditions))
      .orderBy(asc(members.name))
      .all()
      .map((row) => row.member);
  }

  /** When each member last signed in: the newest of their sign-ins, ended or not (members never signed in are absent). */
  lastSignIns(): Map<string, Date> {
    const rows = this.db
      .select({ memberId: signIns.memberId, at: max(signIns.createdAt) })
      .from(signIns)
      .groupBy(signIns.memberId)
      .all();
    return new Map(rows.flatMap((row) => (row.at ? [[row.memberId, row.at] as const] : [])));
  }

  /** Sign-in links not used yet stop working (they went to an address the member no longer has). */
  expireSignInLinks(memberId: string, now: Date): void {
    this.db
      .update(signInTokens)
      .set({ expiresAt: now })
      .where(and(eq(signInTokens.memberId, memberId), isNull(signInTokens.usedAt)))
      .run();
  }

  /** The organisations, for matching the institution column of a CSV import by id, name or short name. */
  /** How many admins can still act: the last one may not be demoted, deactivated or erased. */
  activeAdminCount(): number {
    return this.db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.role, 'admin'), eq(members.active, true)))
      .all().length;
  }

  institutions(): { id: string; name: string; shortName: string }[] {
    return this.db
      .select({ id: institutions.id, name: institutions.name, shortName: institutions.shortName })
      .from(institutions)
      .all();
  }
}
