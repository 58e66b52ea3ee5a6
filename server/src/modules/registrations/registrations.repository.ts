import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import { SEAT_HOLDING, type AttendanceMode, type RegistrationStatus } from '@apoc/shared';
import { newId } from '../../ids';

const { registrations, registrationEvents, institutionQuotas, members } = tables;

export type RegistrationRow = typeof registrations.$inferSelect;
export type RegistrationWithMember = RegistrationRow & {
  name: string;
  email: string;
  institutionId: string | null;
  timeZone: string;
};

const withMember = {
  registration: registrations,
  name: members.name,
  email: members.email,
  institutionId: members.institutionId,
  timeZone: sql<string>`coalesce(${members.timeZone}, (select time_zone from institutions where id = ${members.institutionId}), 'UTC')`,
};

const flatten = (row: {
  registration: RegistrationRow;
  name: string;
  email: string;
  institutionId: string | null;
  timeZone: string;
}): RegistrationWithMember => ({
  ...row.registration,
  name: row.name,
  email: row.email,
  institutionId: row.institutionId,
  timeZone: row.timeZone,
});

/**
 * Registrations, quotas and the audit log. Every method is synchronous: the service calls them inside
 * one immediate transaction, so that counting seats and taking one cannot be split by another writer.
 */
export class RegistrationsRepository {
  constructor(private readonly db: Db) {}

  find(id: string): RegistrationWithMember | undefined {
    const row = this.db
      .select(withMember)
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(eq(registrations.id, id))
      .get();
    return row && flatten(row);
  }

  findFor(summitId: string, memberId: string): RegistrationWithMember | undefined {
    const row = this.db
      .select(withMember)
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(and(eq(registrations.summitId, summitId), eq(registrations.memberId, memberId)))
      .get();
    return row && flatten(row);
  }

  findByCode(summitId: string, code: string): RegistrationWithMember | undefined {
    const row = this.db
      .select(withMember)
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(and(eq(registrations.summitId, summitId), eq(registrations.checkInCode, code)))
      .get();
    return row && flatten(row);
  }

  ofMember(memberId: string): RegistrationRow[] {
    return this.db
      .select()
      .from(registrations)
      .where(eq(registrations.memberId, memberId))
      .orderBy(asc(registrations.createdAt))
      .all();
  }

  ofSummit(summitId: string): RegistrationWithMember[] {
    return this.db
      .select(withMember)
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(eq(registrations.summitId, summitId))
      .orderBy(asc(registrations.createdAt))
      .all()
      .map(flatten);
  }

  insert(row: Omit<RegistrationRow, 'id'>): string {
    const id = newId();
    this.db
      .insert(registrations)
      .values({ id, ...row })
      .run();
    return id;
  }

  update(id: string, patch: Partial<RegistrationRow>): void {
    this.db.update(registrations).set(patch).where(eq(registrations.id, id)).run();
  }

  /** Seats held (confirmed or offered) in a mode, in total and per seat pool. */
  held(summitId: string, mode: AttendanceMode): { total: number; byPool: Map<string, number> } {
    const rows = this.db
      .select({ pool: registrations.seatPool, n: count() })
      .from(registrations)
      .where(
        and(
          eq(registrations.summitId, summitId),
          eq(registrations.mode, mode),
          inArray(registrations.status, [...SEAT_HOLDING]),
        ),
      )
      .groupBy(registrations.seatPool)
      .all();
    const byPool = new Map(rows.map((row) => [row.pool ?? 'pool', row.n]));
    return { total: rows.reduce((sum, row) => sum + row.n, 0), byPool };
  }

  /** The waitlist of a mode, first in line first. */
  waitlist(summitId: string, mode: AttendanceMode): RegistrationWithMember[] {
    return this.db
      .select(withMember)
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(
        and(eq(registrations.summitId, summitId), eq(registrations.mode, mode), eq(registrations.status, 'waitlisted')),
      )
      .orderBy(asc(registrations.waitlistedAt), asc(registrations.createdAt))
      .all()
      .map(flatten);
  }

  /** 1-based place in the waitlist of its mode: how many joined before it, plus one. */
  positionOf(registration: RegistrationRow): number {
    const joined = registration.waitlistedAt?.getTime() ?? 0;
    const row = this.db
      .select({ n: count() })
      .from(registrations)
      .where(
        and(
          eq(registrations.summitId, registration.summitId),
          eq(registrations.mode, registration.mode),
          eq(registrations.status, 'waitlisted'),
          sql`(${registrations.waitlistedAt} < ${joined} or (${registrations.waitlistedAt} = ${joined} and ${registrations.createdAt} <= ${registration.createdAt.getTime()}))`,
        ),
      )
      .get();
    return row?.n ?? 1;
  }

  /** Where a summit's online registrants follow it from: their profile zones, with headcounts. */
  async zonesOf(summitId: string): Promise<{ timeZone: string; headcount: number }[]> {
    return this.db
      .select({ timeZone: withMember.timeZone, headcount: count() })
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(
        and(
          eq(registrations.summitId, summitId),
          eq(registrations.mode, 'virtual'),
          inArray(registrations.status, [...SEAT_HOLDING]),
        ),
      )
      .groupBy(withMember.timeZone)
      .all();
  }

  expiredOffers(now: Date): RegistrationWithMember[] {
    return this.db
      .select(withMember)
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(and(eq(registrations.status, 'offered'), lte(registrations.offerExpiresAt, now)))
      .all()
      .map(flatten);
  }

  quotas(summitId: string): Map<string, number> {
    const rows = this.db.select().from(institutionQuotas).where(eq(institutionQuotas.summitId, summitId)).all();
    return new Map(rows.map((row) => [row.institutionId, row.seats]));
  }

  replaceQuotas(summitId: string, quotas: Record<string, number>): void {
    this.db.delete(institutionQuotas).where(eq(institutionQuotas.summitId, summitId)).run();
    const rows = Object.entries(quotas)
      .filter(([, seats]) => seats > 0)
      .map(([institutionId, seats]) => ({ summitId, institutionId, seats }));
    if (rows.length > 0) this.db.insert(institutionQuotas).values(rows).run();
  }

  record(event: {
    registrationId: string;
    summitId: string;
    action: string;
    actorId: string | null;
    fromStatus: RegistrationStatus | null;
    toStatus: RegistrationStatus | null;
    detail?: string;
    at: Date;
  }): void {
    this.db
      .insert(registrationEvents)
      .values({ id: newId(), detail: '', ...event })
      .run();
  }

  events(summitId: string) {
    return this.db
      .select({
        registrationId: registrationEvents.registrationId,
        memberName: sql<string>`(select name from members m join registrations r on r.member_id = m.id where r.id = ${registrationEvents.registrationId})`,
        action: registrationEvents.action,
        fromStatus: registrationEvents.fromStatus,
        toStatus: registrationEvents.toStatus,
        actorName: sql<string | null>`(select name from members where id = ${registrationEvents.actorId})`,
        detail: registrationEvents.detail,
        at: registrationEvents.at,
      })
      .from(registrationEvents)
      .where(eq(registrationEvents.summitId, summitId))
      .orderBy(asc(registrationEvents.at))
      .all();
  }
}
