import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import type { ReminderPreference } from '@apoc/shared';
import { newId } from '../../ids';

const { scheduledJobs, registrations, members, stars, institutions } = tables;

export type JobRow = typeof scheduledJobs.$inferSelect;

export interface Attendee {
  memberId: string;
  name: string;
  email: string;
  timeZone: string;
  mode: 'in_person' | 'virtual';
  reminders: ReminderPreference;
}

/** The persistent scheduler's jobs, and who is to be reminded of what. Synchronous, to share transactions. */
export class RemindersRepository {
  constructor(private readonly db: Db) {}

  /**
   * Schedules a job once per key. A pending job whose time moved (the session was rescheduled) follows
   * it; a job already done is never scheduled again.
   */
  upsert(job: { kind: string; key: string; runAt: Date; staleAt: Date; payload: object }, now: Date): void {
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

  /** Members holding a confirmed place at a summit, with their zone and reminder preference. */
  attendees(summitId: string): Attendee[] {
    return this.db
      .select({
        memberId: members.id,
        name: members.name,
        email: members.email,
        timeZone: sql<string>`coalesce(${members.timeZone}, ${institutions.timeZone}, 'UTC')`,
        mode: registrations.mode,
        reminders: members.reminders,
      })
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .leftJoin(institutions, eq(institutions.id, members.institutionId))
      .where(and(eq(registrations.summitId, summitId), eq(registrations.status, 'confirmed'), eq(members.active, true)))
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
