import { and, asc, count, eq, inArray, isNotNull, isNull, lte, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { first, type Database, type Db, type Tables, type tables } from '@apoc/db';
import {
  SEAT_HOLDING,
  type AttendanceMode,
  type RegistrationAuditAction,
  type RegistrationAuditDetail,
  type RegistrationStatus,
} from '@apoc/shared';
import { newId, orderedId } from '../../ids';

export type RegistrationRow = typeof tables.registrations.$inferSelect;
export type RegistrationWithMember = RegistrationRow & {
  name: string;
  email: string;
  institutionId: string | null;
  timeZone: string;
  /** The member's language for the mail they are sent; null: English. */
  language: string | null;
};

const withMember = ({ registrations, members }: Tables) => ({
  registration: registrations,
  name: members.name,
  email: members.email,
  institutionId: members.institutionId,
  timeZone: sql<string>`coalesce(${members.timeZone}, (select time_zone from institutions where id = ${members.institutionId}), 'UTC')`,
  language: members.language,
});

const placeholder = (name: string) => sql.placeholder(name);

/**
 * The next place in the order of arrival on a summit's waitlists, taken by the statement that writes it (the
 * caller's unit holds the summit, so no other writer takes the same).
 */
const nextWaitlistSeq = (registrations: Tables['registrations'], summitId: SQL | Placeholder) =>
  sql`(select coalesce(max(${registrations.waitlistSeq}), 0) + 1 from ${registrations} where ${registrations.summitId} = ${summitId})`;

const flatten = (row: {
  registration: RegistrationRow;
  name: string;
  email: string;
  institutionId: string | null;
  timeZone: string;
  language: string | null;
}): RegistrationWithMember => ({
  ...row.registration,
  name: row.name,
  email: row.email,
  institutionId: row.institutionId,
  timeZone: row.timeZone,
  language: row.language,
});

/**
 * Registrations, quotas and the audit log. The service calls them inside one unit of work that holds the summit
 * (on PostgreSQL its row is locked), so that counting seats and taking one cannot be split by another writer,
 * on this instance or another. What a registration reads is prepared once: building SQL on every request cost
 * more than running it.
 */
export class RegistrationsRepository {
  private readonly findStatement;
  private readonly findForStatement;
  private readonly findByCodeStatement;
  private readonly heldStatement;
  private readonly heldByPoolStatement;
  private readonly waitlistStatement;
  private readonly placeStatement;
  private readonly quotasStatement;
  private readonly recordStatement;
  private readonly insertStatement;
  private readonly doorScanStatement;
  private readonly doorCountStatement;
  private readonly checkedInCountStatement;

  constructor(private readonly db: Database) {
    const t = db.tables;
    const { registrations, registrationCounts, registrationEvents, institutionQuotas, members, checkIns } = t;
    const withMemberFrom = (q: Db) =>
      q.select(withMember(t)).from(registrations).innerJoin(members, eq(members.id, registrations.memberId));
    this.findStatement = db.prepare((q) =>
      withMemberFrom(q)
        .where(eq(registrations.id, placeholder('id')))
        .prepare(),
    );
    this.findForStatement = db.prepare((q) =>
      withMemberFrom(q)
        .where(
          and(eq(registrations.summitId, placeholder('summitId')), eq(registrations.memberId, placeholder('memberId'))),
        )
        .prepare(),
    );
    this.findByCodeStatement = db.prepare((q) =>
      withMemberFrom(q)
        .where(
          and(eq(registrations.summitId, placeholder('summitId')), eq(registrations.checkInCode, placeholder('code'))),
        )
        .prepare(),
    );
    const ofMode = and(
      eq(registrations.summitId, placeholder('summitId')),
      eq(registrations.mode, placeholder('mode')),
    );
    const holdingSeats = and(ofMode, inArray(registrations.status, [...SEAT_HOLDING]));
    // Read from the counts the database keeps (registration_counts); the pools need the rows themselves.
    const counted = (statuses: readonly RegistrationStatus[]) =>
      and(
        eq(registrationCounts.summitId, placeholder('summitId')),
        eq(registrationCounts.mode, placeholder('mode')),
        inArray(registrationCounts.status, [...statuses]),
      );
    this.heldStatement = db.prepare((q) =>
      q
        .select({ n: sql<number>`coalesce(sum(${registrationCounts.n}), 0)`.mapWith(Number) })
        .from(registrationCounts)
        .where(counted(SEAT_HOLDING))
        .prepare(),
    );
    this.heldByPoolStatement = db.prepare((q) =>
      q
        .select({ pool: registrations.seatPool, n: count() })
        .from(registrations)
        .where(holdingSeats)
        .groupBy(registrations.seatPool)
        .prepare(),
    );
    this.waitlistStatement = db.prepare((q) =>
      withMemberFrom(q)
        .where(and(ofMode, eq(registrations.status, 'waitlisted')))
        .orderBy(asc(registrations.waitlistedAt), asc(registrations.waitlistSeq))
        .prepare(),
    );
    // A place on a waitlist: its length (kept in registration_counts) less those who joined after. Those are found
    // from this registration's place on, compared as one row value so that the index is searched from there: at
    // the back, where a newcomer is, no row is read. Two registrations of the same millisecond still get two
    // places, in the order they were written (waitlist_seq), as in the waitlist's own order.
    this.placeStatement = db.prepare((q) => {
      const behind = q
        .select({ n: count() })
        .from(registrations)
        .where(
          and(
            ofMode,
            eq(registrations.status, 'waitlisted'),
            sql`(${registrations.waitlistedAt}, ${registrations.waitlistSeq}) > (${placeholder('joined')}, ${placeholder('seq')})`,
          ),
        );
      return q
        .select({ place: sql<number>`${registrationCounts.n} - (${behind})`.mapWith(Number) })
        .from(registrationCounts)
        .where(counted(['waitlisted']))
        .prepare();
    });
    this.quotasStatement = db.prepare((q) =>
      q
        .select()
        .from(institutionQuotas)
        .where(eq(institutionQuotas.summitId, placeholder('summitId')))
        .prepare(),
    );
    this.insertStatement = db.prepare((q) =>
      q
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
          listed: placeholder('listed'),
          waitlistedAt: sql`${placeholder('waitlistedAt')}`,
          // One joining a waitlist takes the next place in the order of arrival, in this same statement (the
          // caller's unit holds the summit).
          waitlistSeq: sql`case when ${placeholder('waitlisting')} = 1 then ${nextWaitlistSeq(registrations, placeholder('summitId'))} end`,
          offerExpiresAt: sql`${placeholder('offerExpiresAt')}`,
          checkInCode: placeholder('checkInCode'),
          checkedInAt: sql`${placeholder('checkedInAt')}`,
          createdAt: placeholder('createdAt'),
          updatedAt: placeholder('updatedAt'),
        })
        .returning({ waitlistSeq: registrations.waitlistSeq })
        .prepare(),
    );
    // A door scans each badge once per session: at a busy door, every scan asks both.
    this.doorScanStatement = db.prepare((q) =>
      q
        .select({ at: checkIns.at })
        .from(checkIns)
        .where(
          and(
            eq(checkIns.registrationId, placeholder('registrationId')),
            eq(checkIns.sessionId, placeholder('sessionId')),
          ),
        )
        .orderBy(asc(checkIns.at))
        .limit(1)
        .prepare(),
    );
    this.doorCountStatement = db.prepare((q) =>
      q
        .select({ n: count() })
        .from(checkIns)
        .where(eq(checkIns.sessionId, placeholder('sessionId')))
        .prepare(),
    );
    this.checkedInCountStatement = db.prepare((q) =>
      q
        .select({ n: count() })
        .from(registrations)
        .where(and(eq(registrations.summitId, placeholder('summitId')), isNotNull(registrations.checkedInAt)))
        .prepare(),
    );
    this.recordStatement = db.prepare((q) =>
      q
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
        .prepare(),
    );
  }

  async find(id: string): Promise<RegistrationWithMember | undefined> {
    const row = await first(this.findStatement().execute({ id }));
    return row && flatten(row);
  }

  async findFor(summitId: string, memberId: string): Promise<RegistrationWithMember | undefined> {
    const row = await first(this.findForStatement().execute({ summitId, memberId }));
    return row && flatten(row);
  }

  async findByCode(summitId: string, code: string): Promise<RegistrationWithMember | undefined> {
    const row = await first(this.findByCodeStatement().execute({ summitId, code }));
    return row && flatten(row);
  }

  async ofMember(memberId: string): Promise<RegistrationRow[]> {
    const { registrations } = this.db.tables;
    return this.db.q
      .select()
      .from(registrations)
      .where(eq(registrations.memberId, memberId))
      .orderBy(asc(registrations.createdAt));
  }

  async ofSummit(summitId: string): Promise<RegistrationWithMember[]> {
    const { registrations, members } = this.db.tables;
    const rows = await this.db.q
      .select(withMember(this.db.tables))
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(eq(registrations.summitId, summitId))
      .orderBy(asc(registrations.createdAt));
    return rows.map(flatten);
  }

  /** Inserts a registration under a new id; returns the row as stored. */
  async insert(fields: Omit<RegistrationRow, 'id' | 'waitlistSeq'>): Promise<RegistrationRow> {
    return this.db.unit(async () => {
      const id = orderedId();
      // The nullable instants are bound raw (drizzle's timestamp encoder does not take null), encoded here as
      // positionOf encodes its own: with the column's encoder.
      const { registrations } = this.db.tables;
      const instant = (column: { mapToDriverValue(value: Date): unknown }, value: Date | null) =>
        value && column.mapToDriverValue(value);
      const [stored] = await this.insertStatement().execute({
        ...fields,
        id,
        waitlisting: fields.waitlistedAt ? 1 : 0,
        waitlistedAt: instant(registrations.waitlistedAt, fields.waitlistedAt),
        offerExpiresAt: instant(registrations.offerExpiresAt, fields.offerExpiresAt),
        checkedInAt: instant(registrations.checkedInAt, fields.checkedInAt),
      });
      return { ...fields, id, waitlistSeq: stored?.waitlistSeq ?? null };
    });
  }

  /** Changes a registration; one that (re)joins a waitlist takes the next place in the order of arrival. */
  async update(id: string, patch: Partial<Omit<RegistrationRow, 'waitlistSeq'>>): Promise<void> {
    const { registrations } = this.db.tables;
    const summit = sql`(select ${registrations.summitId} from ${registrations} where ${registrations.id} = ${id})`;
    const waitlistSeq =
      patch.waitlistedAt === undefined ? undefined : patch.waitlistedAt && nextWaitlistSeq(registrations, summit);
    await this.db.q
      .update(registrations)
      .set(waitlistSeq === undefined ? patch : { ...patch, waitlistSeq })
      .where(eq(registrations.id, id));
  }

  /** Seats held (confirmed or offered) in a mode. */
  async held(summitId: string, mode: AttendanceMode): Promise<number> {
    return (await first(this.heldStatement().execute({ summitId, mode })))?.n ?? 0;
  }

  /** Seats held in a mode per seat pool: an institution's id, or 'pool'. */
  async heldByPool(summitId: string, mode: AttendanceMode): Promise<Map<string, number>> {
    const rows = await this.heldByPoolStatement().execute({ summitId, mode });
    return new Map(rows.map((row) => [row.pool ?? 'pool', row.n]));
  }

  /** The waitlist of a mode, first in line first. */
  async waitlist(summitId: string, mode: AttendanceMode): Promise<RegistrationWithMember[]> {
    return (await this.waitlistStatement().execute({ summitId, mode })).map(flatten);
  }

  /** 1-based place in the waitlist of its mode: its length, less those who joined after. */
  async positionOf(registration: RegistrationRow): Promise<number> {
    const row = await first(
      this.placeStatement().execute({
        summitId: registration.summitId,
        mode: registration.mode,
        // A placeholder compared with a column is bound as given: encoded here as the column stores instants.
        joined: this.db.tables.registrations.waitlistedAt.mapToDriverValue(registration.waitlistedAt ?? new Date(0)),
        seq: registration.waitlistSeq ?? 0,
      }),
    );
    return Math.max(1, row?.place ?? 1);
  }

  /** Where a summit's online registrants follow it from: their profile zones, with headcounts. */
  async zonesOf(summitId: string): Promise<{ timeZone: string; headcount: number }[]> {
    const { registrations, members } = this.db.tables;
    const { timeZone } = withMember(this.db.tables);
    return this.db.q
      .select({ timeZone, headcount: count() })
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(
        and(
          eq(registrations.summitId, summitId),
          eq(registrations.mode, 'virtual'),
          inArray(registrations.status, [...SEAT_HOLDING]),
        ),
      )
      .groupBy(timeZone);
  }

  async expiredOffers(now: Date): Promise<RegistrationWithMember[]> {
    const { registrations, members } = this.db.tables;
    const rows = await this.db.q
      .select(withMember(this.db.tables))
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(and(eq(registrations.status, 'offered'), lte(registrations.offerExpiresAt, now)));
    return rows.map(flatten);
  }

  async quotas(summitId: string): Promise<Map<string, number>> {
    const rows = await this.quotasStatement().execute({ summitId });
    return new Map(rows.map((row) => [row.institutionId, row.seats]));
  }

  async replaceQuotas(summitId: string, quotas: Record<string, number>): Promise<void> {
    const { institutionQuotas } = this.db.tables;
    const rows = Object.entries(quotas)
      .filter(([, seats]) => seats > 0)
      .map(([institutionId, seats]) => ({ summitId, institutionId, seats }));
    await this.db.unit(async () => {
      await this.db.q.delete(institutionQuotas).where(eq(institutionQuotas.summitId, summitId));
      if (rows.length > 0) await this.db.q.insert(institutionQuotas).values(rows);
    });
  }

  async record(event: {
    registrationId: string;
    summitId: string;
    action: RegistrationAuditAction;
    actorId: string | null;
    fromStatus: RegistrationStatus | null;
    toStatus: RegistrationStatus | null;
    detail?: RegistrationAuditDetail;
    at: Date;
  }): Promise<void> {
    // Ordered ids keep the entries of one instant (the cancellation and the offer it makes) in the order they happened.
    await this.db.unit(() => this.recordStatement().execute({ ...event, id: orderedId(), detail: event.detail ?? {} }));
  }

  /** Whether the registration was checked in at the summit's desk on `day` (YYYY-MM-DD in the summit's zone). */
  async checkedInOn(registrationId: string, day: string): Promise<boolean> {
    const { checkIns } = this.db.tables;
    const row = await first(
      this.db.q
        .select({ id: checkIns.id })
        .from(checkIns)
        .where(and(eq(checkIns.registrationId, registrationId), eq(checkIns.day, day), isNull(checkIns.sessionId)))
        .limit(1),
    );
    return row !== undefined;
  }

  /**
   * A check-in on `day`: at the summit's desk (`sessionId` null), that day's in-person attendance; at a session's room
   * door, that session's.
   */
  async recordCheckIn(row: {
    registrationId: string;
    summitId: string;
    memberId: string;
    day: string;
    sessionId: string | null;
    at: Date;
  }): Promise<void> {
    const { checkIns } = this.db.tables;
    await this.db.unit(() => this.db.q.insert(checkIns).values({ ...row, id: newId() }));
  }

  /** When the registration was first scanned at the session's room door; undefined if it never was. */
  async scannedAtDoor(registrationId: string, sessionId: string): Promise<Date | undefined> {
    return (await first(this.doorScanStatement().execute({ registrationId, sessionId })))?.at;
  }

  /** How many of the summit's registrations are checked in (at the desk or a door, on any day). */
  async checkedInCount(summitId: string): Promise<number> {
    return (await first(this.checkedInCountStatement().execute({ summitId })))?.n ?? 0;
  }

  /** How many badges each room door of the summit has scanned (doors that scanned none are not listed). */
  async doorCounts(summitId: string): Promise<{ sessionId: string; scanned: number }[]> {
    const { checkIns } = this.db.tables;
    const rows = await this.db.q
      .select({ sessionId: checkIns.sessionId, scanned: count() })
      .from(checkIns)
      .where(and(eq(checkIns.summitId, summitId), isNotNull(checkIns.sessionId)))
      .groupBy(checkIns.sessionId)
      .orderBy(asc(checkIns.sessionId));
    return rows.map((row) => ({ sessionId: row.sessionId as string, scanned: Number(row.scanned) }));
  }

  /** How many badges were scanned at the session's room door (each once). */
  async doorCount(sessionId: string): Promise<number> {
    return (await first(this.doorCountStatement().execute({ sessionId })))?.n ?? 0;
  }

  async events(summitId: string) {
    const { registrationEvents } = this.db.tables;
    return this.db.q
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
      .orderBy(asc(registrationEvents.at), asc(registrationEvents.id));
  }
}
