import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import {
  SEAT_HOLDING,
  type AttendanceMode,
  type RegistrationAuditAction,
  type RegistrationAuditDetail,
  type RegistrationStatus,
} from '@apoc/shared';
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

const placeholder = (name: string) => sql.placeholder(name);
/**
 * A nullable instant in a prepared insert, bound as milliseconds: drizzle encodes a placeholder's value
 * with the column's encoder, which does not expect null.
 */
const nullableInstant = (name: string) => sql`${sql.placeholder(name)}`;
const millis = (instant: Date | null) => instant?.getTime() ?? null;

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
 * What a registration runs is prepared once: building and preparing SQL on every request cost more
 * than running it.
 */
export class RegistrationsRepository {
  private readonly findStatement;
  private readonly findForStatement;
  private readonly findByCodeStatement;
  private readonly heldStatement;
  private readonly heldByPoolStatement;
  private readonly waitlistStatement;
  private readonly positionStatement;
  private readonly quotasStatement;
  private readonly insertStatement;
  private readonly recordStatement;

  constructor(private readonly db: Db) {
    const withMemberFrom = () =>
      db.select(withMember).from(registrations).innerJoin(members, eq(members.id, registrations.memberId));
    this.findStatement = withMemberFrom()
      .where(eq(registrations.id, placeholder('id')))
      .prepare();
    this.findForStatement = withMemberFrom()
      .where(
        and(eq(registrations.summitId, placeholder('summitId')), eq(registrations.memberId, placeholder('memberId'))),
      )
      .prepare();
    this.findByCodeStatement = withMemberFrom()
      .where(
        and(eq(registrations.summitId, placeholder('summitId')), eq(registrations.checkInCode, placeholder('code'))),
      )
      .prepare();
    const ofMode = and(
      eq(registrations.summitId, placeholder('summitId')),
      eq(registrations.mode, placeholder('mode')),
    );
    const holdingSeats = and(ofMode, inArray(registrations.status, [...SEAT_HOLDING]));
    // Counted from the (summit, mode, status) index alone; the pools need the rows themselves.
    this.heldStatement = db.select({ n: count() }).from(registrations).where(holdingSeats).prepare();
    this.heldByPoolStatement = db
      .select({ pool: registrations.seatPool, n: count() })
      .from(registrations)
      .where(holdingSeats)
      .groupBy(registrations.seatPool)
      .prepare();
    this.waitlistStatement = withMemberFrom()
      .where(and(ofMode, eq(registrations.status, 'waitlisted')))
      .orderBy(asc(registrations.waitlistedAt), asc(registrations.createdAt), sql`${registrations}.rowid`)
      .prepare();
    this.positionStatement = db
      .select({ n: count() })
      .from(registrations)
      .where(
        and(
          ofMode,
          eq(registrations.status, 'waitlisted'),
          // Two registrations of the same millisecond still get two places, in the order they were written
          // (SQLite's rowid), as in the waitlist's own order.
          sql`(${registrations.waitlistedAt} < ${placeholder('joined')} or (${registrations.waitlistedAt} = ${placeholder('joined')} and (${registrations.createdAt} < ${placeholder('createdAt')} or (${registrations.createdAt} = ${placeholder('createdAt')} and ${registrations}.rowid <= (select rowid from ${registrations} where ${registrations.id} = ${placeholder('id')})))))`,
        ),
      )
      .prepare();
    this.quotasStatement = db
      .select()
      .from(institutionQuotas)
      .where(eq(institutionQuotas.summitId, placeholder('summitId')))
      .prepare();
    this.insertStatement = db
      .insert(registrations)
      .values({
        id: placeholder('id'),
        summitId: placeholder('summitId'),
        memberId: placeholder('memberId'),
        mode: placeholder('mode'),
        status: placeholder('status'),
        seatPool: placeholder('seatPool'),
        dietaryNeeds: placeholder('dietaryNeeds'),
        accessibilityNeeds: placeholder('accessibilityNeeds'),
        note: placeholder('note'),
        listed: sql`${sql.placeholder('listed')}`,
        waitlistedAt: nullableInstant('waitlistedAt'),
        offerExpiresAt: nullableInstant('offerExpiresAt'),
        checkInCode: placeholder('checkInCode'),
        checkedInAt: nullableInstant('checkedInAt'),
        createdAt: placeholder('createdAt'),
        updatedAt: placeholder('updatedAt'),
      })
      .prepare();
    this.recordStatement = db
      .insert(registrationEvents)
      .values({
        id: placeholder('id'),
        registrationId: placeholder('registrationId'),
        summitId: placeholder('summitId'),
        action: placeholder('action'),
        actorId: placeholder('actorId'),
        fromStatus: placeholder('fromStatus'),
        toStatus: placeholder('toStatus'),
        detail: placeholder('detail'),
        at: placeholder('at'),
      })
      .prepare();
  }

  find(id: string): RegistrationWithMember | undefined {
    const row = this.findStatement.get({ id });
    return row && flatten(row);
  }

  findFor(summitId: string, memberId: string): RegistrationWithMember | undefined {
    const row = this.findForStatement.get({ summitId, memberId });
    return row && flatten(row);
  }

  findByCode(summitId: string, code: string): RegistrationWithMember | undefined {
    const row = this.findByCodeStatement.get({ summitId, code });
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

  /** Inserts a registration under a new id; returns the row as stored. */
  insert(fields: Omit<RegistrationRow, 'id'>): RegistrationRow {
    const row = { ...fields, id: newId() };
    this.insertStatement.run({
      ...row,
      waitlistedAt: millis(row.waitlistedAt),
      offerExpiresAt: millis(row.offerExpiresAt),
      checkedInAt: millis(row.checkedInAt),
      listed: row.listed ? 1 : 0,
    });
    return row;
  }

  update(id: string, patch: Partial<RegistrationRow>): void {
    this.db.update(registrations).set(patch).where(eq(registrations.id, id)).run();
  }

  /** Seats held (confirmed or offered) in a mode. */
  held(summitId: string, mode: AttendanceMode): number {
    return this.heldStatement.get({ summitId, mode })?.n ?? 0;
  }

  /** Seats held in a mode per seat pool: an institution's id, or 'pool'. */
  heldByPool(summitId: string, mode: AttendanceMode): Map<string, number> {
    const rows = this.heldByPoolStatement.all({ summitId, mode });
    return new Map(rows.map((row) => [row.pool ?? 'pool', row.n]));
  }

  /** The waitlist of a mode, first in line first. */
  waitlist(summitId: string, mode: AttendanceMode): RegistrationWithMember[] {
    return this.waitlistStatement.all({ summitId, mode }).map(flatten);
  }

  /** 1-based place in the waitlist of its mode: how many joined before it, plus one. */
  positionOf(registration: RegistrationRow): number {
    const row = this.positionStatement.get({
      summitId: registration.summitId,
      mode: registration.mode,
      joined: registration.waitlistedAt?.getTime() ?? 0,
      createdAt: registration.createdAt.getTime(),
      id: registration.id,
    });
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
    const rows = this.quotasStatement.all({ summitId });
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
    action: RegistrationAuditAction;
    actorId: string | null;
    fromStatus: RegistrationStatus | null;
    toStatus: RegistrationStatus | null;
    detail?: RegistrationAuditDetail;
    at: Date;
  }): void {
    this.recordStatement.run({ ...event, id: newId(), detail: JSON.stringify(event.detail ?? {}) });
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
