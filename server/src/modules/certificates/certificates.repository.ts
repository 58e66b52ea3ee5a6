import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { first, type Database, type tables } from '@apoc/db';
import type { AttendanceMode, CertificateDocument, RecordedInterval } from '@apoc/shared';
import { newId } from '../../ids';

export type CertificateRow = typeof tables.certificates.$inferSelect;
export type EvaluationRow = typeof tables.evaluations.$inferSelect;

/** What the platform verified of each member's attendance of a summit. */
export interface AttendanceRows {
  /** Intervals of presence in live rooms, by member, then by session. */
  presence: Map<string, Map<string, RecordedInterval[]>>;
  /** Days checked in at the desk (a scan at a room's door also checks its day in), by member. */
  checkIns: Map<string, Set<string>>;
  /** Sessions scanned at their room's door, by member. */
  scans: Map<string, Set<string>>;
}

/** A member as a certificate, a report or a mail names them. */
export interface CreditHolder {
  memberId: string;
  name: string;
  email: string;
  institution: string | null;
  language: string | null;
  active: boolean;
}

/** Attendance evidence, evaluations and certificates. Writes join the caller's unit of work. */
export class CertificatesRepository {
  constructor(private readonly db: Database) {}

  /** Presence and check-ins at a summit: everyone's, or one member's. */
  async attendance(summitId: string, memberId?: string): Promise<AttendanceRows> {
    const { livePresence, sessions, checkIns } = this.db.tables;
    const presenceRows = await this.db.q
      .select({
        memberId: livePresence.memberId,
        sessionId: livePresence.sessionId,
        joinedAt: livePresence.joinedAt,
        leftAt: livePresence.leftAt,
        seenAt: livePresence.seenAt,
      })
      .from(livePresence)
      .innerJoin(sessions, eq(sessions.id, livePresence.sessionId))
      .where(and(eq(sessions.summitId, summitId), memberId ? eq(livePresence.memberId, memberId) : undefined));
    // A check-in row exists only for a confirmed in-person seat (the desk refuses others); it stays the evidence of
    // that day even if the registration later moves online.
    const checkInRows = await this.db.q
      .selectDistinct({ memberId: checkIns.memberId, day: checkIns.day, sessionId: checkIns.sessionId })
      .from(checkIns)
      .where(and(eq(checkIns.summitId, summitId), memberId ? eq(checkIns.memberId, memberId) : undefined));

    const presence = new Map<string, Map<string, RecordedInterval[]>>();
    for (const row of presenceRows) {
      const bySession = presence.get(row.memberId) ?? new Map<string, RecordedInterval[]>();
      presence.set(row.memberId, bySession);
      const intervals = bySession.get(row.sessionId) ?? [];
      bySession.set(row.sessionId, intervals);
      intervals.push({ from: row.joinedAt.getTime(), to: row.leftAt?.getTime() ?? null, seenAt: row.seenAt.getTime() });
    }
    const checkInDays = new Map<string, Set<string>>();
    const scans = new Map<string, Set<string>>();
    for (const row of checkInRows) {
      if (row.sessionId === null) {
        checkInDays.set(row.memberId, (checkInDays.get(row.memberId) ?? new Set<string>()).add(row.day));
      } else {
        scans.set(row.memberId, (scans.get(row.memberId) ?? new Set<string>()).add(row.sessionId));
      }
    }
    return { presence, checkIns: checkInDays, scans };
  }

  /** These members, with their institution's name. */
  async holders(memberIds: readonly string[]): Promise<CreditHolder[]> {
    const { members, institutions } = this.db.tables;
    if (memberIds.length === 0) return [];
    return this.db.q
      .select({
        memberId: members.id,
        name: members.name,
        email: members.email,
        institution: institutions.name,
        language: members.language,
        active: members.active,
      })
      .from(members)
      .leftJoin(institutions, eq(institutions.id, members.institutionId))
      .where(inArray(members.id, [...memberIds]));
  }

  /** The registrations of a summit that held a place (confirmed): who the credits report lists. */
  async registrants(summitId: string): Promise<{ memberId: string; mode: AttendanceMode }[]> {
    const { registrations } = this.db.tables;
    return this.db.q
      .select({ memberId: registrations.memberId, mode: registrations.mode })
      .from(registrations)
      .where(and(eq(registrations.summitId, summitId), eq(registrations.status, 'confirmed')));
  }

  async evaluation(summitId: string, memberId: string): Promise<EvaluationRow | undefined> {
    const { evaluations } = this.db.tables;
    return first(
      this.db.q
        .select()
        .from(evaluations)
        .where(and(eq(evaluations.summitId, summitId), eq(evaluations.memberId, memberId))),
    );
  }

  async evaluations(summitId: string): Promise<EvaluationRow[]> {
    const { evaluations } = this.db.tables;
    return this.db.q.select().from(evaluations).where(eq(evaluations.summitId, summitId));
  }

  /** Inserts the member's evaluation; false when one was there already (the unique index decides, not a read). */
  async submitEvaluation(row: Omit<EvaluationRow, 'id'>): Promise<boolean> {
    const { evaluations } = this.db.tables;
    const inserted = await this.db.unit(() =>
      this.db.q
        .insert(evaluations)
        .values({ id: newId(), ...row })
        .onConflictDoNothing()
        .returning({ id: evaluations.id }),
    );
    return inserted.length > 0;
  }

  /** The member's certificates at a summit, newest first. */
  async certificatesOf(summitId: string, memberId: string): Promise<CertificateRow[]> {
    const { certificates } = this.db.tables;
    return this.db.q
      .select()
      .from(certificates)
      .where(and(eq(certificates.summitId, summitId), eq(certificates.memberId, memberId)))
      .orderBy(desc(certificates.issuedAt));
  }

  /** Every certificate of a summit, oldest first. */
  async certificatesOfSummit(summitId: string): Promise<CertificateRow[]> {
    const { certificates } = this.db.tables;
    return this.db.q
      .select()
      .from(certificates)
      .where(eq(certificates.summitId, summitId))
      .orderBy(asc(certificates.issuedAt));
  }

  /** A member's certificates for the whole summit (`day` null) or one day. */
  private ofScope(summitId: string, memberId: string, day: string | null): SQL | undefined {
    const { certificates } = this.db.tables;
    return and(
      eq(certificates.summitId, summitId),
      eq(certificates.memberId, memberId),
      day === null ? isNull(certificates.day) : eq(certificates.day, day),
    );
  }

  /** The valid certificate of a member for the whole summit (`day` null) or one day. */
  async validCertificate(summitId: string, memberId: string, day: string | null): Promise<CertificateRow | undefined> {
    const { certificates } = this.db.tables;
    return first(
      this.db.q
        .select()
        .from(certificates)
        .where(and(this.ofScope(summitId, memberId, day), eq(certificates.status, 'valid'))),
    );
  }

  async byCode(code: string): Promise<CertificateRow | undefined> {
    const { certificates } = this.db.tables;
    return first(this.db.q.select().from(certificates).where(eq(certificates.code, code)));
  }

  async insertCertificate(row: {
    code: string;
    summitId: string;
    memberId: string;
    day: string | null;
    creditHundredths: number;
    document: CertificateDocument;
    issuedAt: Date;
  }): Promise<void> {
    const { certificates } = this.db.tables;
    await this.db.unit(async () => {
      await this.db.q.insert(certificates).values({ id: newId(), status: 'valid', ...row });
    });
  }

  /** Revokes a valid certificate; false when it was not valid (any more). */
  async revoke(code: string, reason: string, at: Date): Promise<boolean> {
    const { certificates } = this.db.tables;
    const revoked = await this.db.unit(() =>
      this.db.q
        .update(certificates)
        .set({ status: 'revoked', revokedAt: at, revokedReason: reason })
        .where(and(eq(certificates.code, code), eq(certificates.status, 'valid')))
        .returning({ id: certificates.id }),
    );
    return revoked.length > 0;
  }

  /**
   * Points the member's certificate of the whole summit (`day` null) or one day that nothing replaced yet at the one
   * that replaces it: a valid one becomes `replaced`, a revoked one stays so. Should more than one be left (two
   * valid ones that an earlier version could leave), all of them are.
   */
  async replaceCurrent(summitId: string, memberId: string, day: string | null, replacedBy: string): Promise<void> {
    const { certificates } = this.db.tables;
    await this.db.unit(async () => {
      await this.db.q
        .update(certificates)
        .set({
          replacedBy,
          status: sql`CASE WHEN ${certificates.status} = 'valid' THEN 'replaced' ELSE ${certificates.status} END`,
        })
        .where(and(this.ofScope(summitId, memberId, day), isNull(certificates.replacedBy)));
    });
  }
}
