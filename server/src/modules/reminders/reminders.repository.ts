import { and, asc, eq, inArray, lte, min, sql } from 'drizzle-orm';
import { first, type Database, type Tables, type tables } from '@apoc/db';
import { SEAT_HOLDING, type ReminderPreference } from '@apoc/shared';
import { newId } from '../../ids';

export type JobRow = typeof tables.scheduledJobs.$inferSelect;

/** Whom an e-mail goes to, and the language and zone it is written in. */
export interface Recipient {
  memberId: string;
  name: string;
  email: string;
  timeZone: string;
  /** The member's language; null: English. */
  language?: string | null;
}

export interface Attendee extends Recipient {
  mode: 'in_person' | 'virtual';
  reminders: ReminderPreference;
}

const memberZone = ({ members, institutions }: Tables) =>
  sql<string>`coalesce(${members.timeZone}, ${institutions.timeZone}, 'UTC')`;

/**
 * The persistent scheduler's jobs, and who is to be reminded of what. Writes join the caller's unit of work.
 * Several instances may look at the same due job: `finish` is the claim (only one unit marks a pending job), and
 * the work it guards commits in the same unit.
 */
export class RemindersRepository {
  constructor(private readonly db: Database) {}

  /**
   * Schedules a job once per key. A pending job whose time moved (the session was rescheduled) follows
   * it; a job already done is never scheduled again.
   */
  async upsert(
    job: { kind: string; key: string; runAt: Date; staleAt: Date | null; payload: object },
    now: Date,
  ): Promise<void> {
    const { scheduledJobs } = this.db.tables;
    await this.db.unit(() =>
      this.db.q
        .insert(scheduledJobs)
        .values({ id: newId(), ...job, payload: JSON.stringify(job.payload), status: 'pending', createdAt: now })
        .onConflictDoUpdate({
          target: scheduledJobs.key,
          set: { runAt: job.runAt, staleAt: job.staleAt, payload: JSON.stringify(job.payload) },
          setWhere: eq(scheduledJobs.status, 'pending'),
        }),
    );
  }

  /** When the longest-waiting due job was due: the scheduler's lag is now minus this. */
  async oldestDue(now: Date): Promise<Date | null> {
    const { scheduledJobs } = this.db.tables;
    const row = await first(
      this.db.q
        .select({ at: min(scheduledJobs.runAt) })
        .from(scheduledJobs)
        .where(and(eq(scheduledJobs.status, 'pending'), lte(scheduledJobs.runAt, now))),
    );
    return row?.at ?? null;
  }

  async due(now: Date, limit = 200): Promise<JobRow[]> {
    const { scheduledJobs } = this.db.tables;
    return this.db.q
      .select()
      .from(scheduledJobs)
      .where(and(eq(scheduledJobs.status, 'pending'), lte(scheduledJobs.runAt, now)))
      .orderBy(asc(scheduledJobs.runAt))
      .limit(limit);
  }

  /** Marks a pending job finished; false when another run already did (so it is never done twice). */
  async finish(id: string, status: 'done' | 'skipped' | 'failed', now: Date, error?: string): Promise<boolean> {
    const { scheduledJobs } = this.db.tables;
    const finished = await this.db.unit(() =>
      this.db.q
        .update(scheduledJobs)
        .set({ status, doneAt: now, attempts: sql`${scheduledJobs.attempts} + 1`, lastError: error ?? null })
        .where(and(eq(scheduledJobs.id, id), eq(scheduledJobs.status, 'pending')))
        .returning({ id: scheduledJobs.id }),
    );
    return finished.length > 0;
  }

  async byKey(key: string): Promise<JobRow | undefined> {
    const { scheduledJobs } = this.db.tables;
    return first(this.db.q.select().from(scheduledJobs).where(eq(scheduledJobs.key, key)));
  }

  /** The pending job of this kind about a summit (its payload's `summitId`), if there is one. */
  async pendingFor(kind: string, summitId: string): Promise<JobRow | undefined> {
    const { scheduledJobs } = this.db.tables;
    return first(
      this.db.q
        .select()
        .from(scheduledJobs)
        .where(
          and(
            eq(scheduledJobs.kind, kind),
            eq(scheduledJobs.status, 'pending'),
            this.db.dialect === 'postgres'
              ? sql`(${scheduledJobs.payload})::jsonb ->> 'summitId' = ${summitId}`
              : sql`json_extract(${scheduledJobs.payload}, '$.summitId') = ${summitId}`,
          ),
        ),
    );
  }

  /** A published version's agenda (JSON), by its number. */
  async versionAgenda(summitId: string, number: number): Promise<string | undefined> {
    const { scheduleVersions } = this.db.tables;
    const row = await first(
      this.db.q
        .select({ agenda: scheduleVersions.agenda })
        .from(scheduleVersions)
        .where(and(eq(scheduleVersions.summitId, summitId), eq(scheduleVersions.number, number))),
    );
    return row?.agenda;
  }

  /** Members holding a confirmed place at a summit, with their zone and reminder preference. */
  async attendees(summitId: string): Promise<Attendee[]> {
    const { registrations, members, institutions } = this.db.tables;
    return this.db.q
      .select({
        memberId: members.id,
        name: members.name,
        email: members.email,
        timeZone: memberZone(this.db.tables),
        language: members.language,
        mode: registrations.mode,
        reminders: members.reminders,
      })
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .leftJoin(institutions, eq(institutions.id, members.institutionId))
      .where(
        and(eq(registrations.summitId, summitId), eq(registrations.status, 'confirmed'), eq(members.active, true)),
      );
  }

  /** Members holding a seat at a summit (confirmed, or offered and not yet taken). */
  async seatHolders(summitId: string): Promise<string[]> {
    const { registrations } = this.db.tables;
    const rows = await this.db.q
      .select({ memberId: registrations.memberId })
      .from(registrations)
      .where(and(eq(registrations.summitId, summitId), inArray(registrations.status, SEAT_HOLDING)));
    return rows.map((row) => row.memberId);
  }

  /** Who starred any of these sessions. */
  async starsOn(sessionIds: string[]): Promise<{ memberId: string; sessionId: string }[]> {
    const { stars } = this.db.tables;
    if (sessionIds.length === 0) return [];
    return this.db.q
      .select({ memberId: stars.memberId, sessionId: stars.sessionId })
      .from(stars)
      .where(inArray(stars.sessionId, sessionIds));
  }

  /** These members, as recipients in their own zone; deactivated ones are left out. */
  async recipients(memberIds: string[]): Promise<Recipient[]> {
    const { members, institutions } = this.db.tables;
    if (memberIds.length === 0) return [];
    return this.db.q
      .select({
        memberId: members.id,
        name: members.name,
        email: members.email,
        timeZone: memberZone(this.db.tables),
        language: members.language,
      })
      .from(members)
      .leftJoin(institutions, eq(institutions.id, members.institutionId))
      .where(and(inArray(members.id, memberIds), eq(members.active, true)));
  }

  /** Which of these sessions each member starred. */
  async starsOf(memberIds: string[]): Promise<Map<string, Set<string>>> {
    const { stars } = this.db.tables;
    const result = new Map<string, Set<string>>();
    if (memberIds.length === 0) return result;
    for (const row of await this.db.q.select().from(stars).where(inArray(stars.memberId, memberIds))) {
      const set = result.get(row.memberId) ?? new Set<string>();
      set.add(row.sessionId);
      result.set(row.memberId, set);
    }
    return result;
  }
}
