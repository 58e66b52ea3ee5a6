import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import { SEAT_HOLDING, type ReminderPreference } from '@apoc/shared';
import { newId } from '../../ids';

const { scheduledJobs, registrations, members, stars, institutions, scheduleVersions } = tables;

export type JobRow = typeof scheduledJobs.$inferSelect;

/** Whom an e-mail goes to, and the zone its times are written in. */
export interface Recipient {
  memberId: string;
  name: string;
  email: string;
  timeZone: string;
}

export interface Attendee extends Recipient {
  mode: 'in_person' | 'virtual';
  reminders: ReminderPreference;
}

const memberZone = sql<string>`coalesce(${members.timeZone}, ${institutions.timeZone}, 'UTC')`;

/** The persistent scheduler's jobs, and who is to be reminded of what. Synchronous, to share transactions. */
export class RemindersRepository {
  constructor(private readonly db: Db) {}

  /**
   * Schedules a job once per key. A pending job whose time moved (the session was rescheduled) follows
   * it; a job already done is never scheduled again.
   */
  upsert(job: { kind: string; key: string; runAt: Date; staleAt: Date | null; payload: object }, now: Date): void {
    this.db
      .insert(scheduledJobs)
      .values({ id: newId(), ...job, payload: JSON.stringify(job.payload), status: 'pending', createdAt: now })
      .onConflictDoUpdate({
        target: scheduledJobs.key,
        set: { runAt: job.runAt, staleAt: job.staleAt, payload: JSON.stringify(job.payload) },
        setWhere: eq(scheduledJobs.status, 'pending'),
      })
      .run();
  }

  due(now: Date, limit = 200): JobRow[] {
    return this.db
      .select()
      .from(scheduledJobs)
      .where(and(eq(scheduledJobs.status, 'pending'), lte(scheduledJobs.runAt, now)))
      .orderBy(asc(scheduledJobs.runAt))
      .limit(limit)
      .all();
  }

  /** Marks a pending job finished; false when another run already did (so it is never done twice). */
  finish(id: string, status: 'done' | 'skipped' | 'failed', now: Date, error?: string): boolean {
    return (
      this.db
        .update(scheduledJobs)
        .set({ status, doneAt: now, attempts: sql`${scheduledJobs.attempts} + 1`, lastError: error ?? null })
        .where(and(eq(scheduledJobs.id, id), eq(scheduledJobs.status, 'pending')))
        .run().changes > 0
    );
  }

  byKey(key: string): JobRow | undefined {
    return this.db.select().from(scheduledJobs).where(eq(scheduledJobs.key, key)).get();
  }

  /** The pending job of this kind about a summit (its payload's `summitId`), if there is one. */
  pendingFor(kind: string, summitId: string): JobRow | undefined {
    return this.db
      .select()
      .from(scheduledJobs)
      .where(
        and(
          eq(scheduledJobs.kind, kind),
          eq(scheduledJobs.status, 'pending'),
          sql`json_extract(${scheduledJobs.payload}, '$.summitId') = ${summitId}`,
        ),
      )
      .get();
  }

  /** A published version's agenda (JSON), by its number. */
  versionAgenda(summitId: string, number: number): string | undefined {
    return this.db
      .select({ agenda: scheduleVersions.agenda })
      .from(scheduleVersions)
      .where(and(eq(scheduleVersions.summitId, summitId), eq(scheduleVersions.number, number)))
      .get()?.agenda;
  }

  /** Members holding a confirmed place at a summit, with their zone and reminder preference. */
  attendees(summitId: string): Attendee[] {
    return this.db
      .select({
        memberId: members.id,
        name: members.name,
        email: members.email,
        timeZone: memberZone,
        mode: registrations.mode,
        reminders: members.reminders,
      })
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .leftJoin(institutions, eq(institutions.id, members.institutionId))
      .where(and(eq(registrations.summitId, summitId), eq(registrations.status, 'confirmed'), eq(members.active, true)))
      .all();
  }

  /** Members holding a seat at a summit (confirmed, or offered and not yet taken). */
  seatHolders(summitId: string): string[] {
    return this.db
      .select({ memberId: registrations.memberId })
      .from(registrations)
      .where(and(eq(registrations.summitId, summitId), inArray(registrations.status, SEAT_HOLDING)))
      .all()
      .map((row) => row.memberId);
  }

  /** Who starred any of these sessions. */
  starsOn(sessionIds: string[]): { memberId: string; sessionId: string }[] {
    if (sessionIds.length === 0) return [];
    return this.db
      .select({ memberId: stars.memberId, sessionId: stars.sessionId })
      .from(stars)
      .where(inArray(stars.sessionId, sessionIds))
      .all();
  }

  /** These members, as recipients in their own zone; deactivated ones are left out. */
  recipients(memberIds: string[]): Recipient[] {
    if (memberIds.length === 0) return [];
    return this.db
      .select({ memberId: members.id, name: members.name, email: members.email, timeZone: memberZone })
      .from(members)
      .leftJoin(institutions, eq(institutions.id, members.institutionId))
      .where(and(inArray(members.id, memberIds), eq(members.active, true)))
      .all();
  }

  /** Which of these sessions each member starred. */
  starsOf(memberIds: string[]): Map<string, Set<string>> {
    const result = new Map<string, Set<string>>();
    if (memberIds.length === 0) return result;
    for (const row of this.db.select().from(stars).where(inArray(stars.memberId, memberIds)).all()) {
      const set = result.get(row.memberId) ?? new Set<string>();
      set.add(row.sessionId);
      result.set(row.memberId, set);
    }
    return result;
  }
}
