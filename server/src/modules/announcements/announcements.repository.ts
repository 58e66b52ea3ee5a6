import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import { SEAT_HOLDING, type AnnouncementAudience, type AttendanceMode } from '@apoc/shared';
import { newId } from '../../ids';

const { announcements, institutions, members, registrations } = tables;

export type AnnouncementRow = typeof announcements.$inferSelect;
export type AnnouncementWithAuthor = AnnouncementRow & { authorName: string };

/** A member holding a seat at a summit, as announcements address them. */
export interface Registrant {
  memberId: string;
  name: string;
  email: string;
  mode: AttendanceMode;
  institutionId: string | null;
}

export interface Addressee {
  audience: AnnouncementAudience;
  institutionId: string | null;
}

const registrant = {
  memberId: members.id,
  name: members.name,
  email: members.email,
  mode: registrations.mode,
  institutionId: members.institutionId,
};

/**
 * Announcements and the registrants they reach. Every method is synchronous: the service sends an
 * announcement in one immediate transaction (duplicate check, recipients, row and outbox messages).
 */
export class AnnouncementsRepository {
  constructor(private readonly db: Db) {}

  institution(id: string): { id: string; name: string } | undefined {
    return this.db
      .select({ id: institutions.id, name: institutions.name })
      .from(institutions)
      .where(eq(institutions.id, id))
      .get();
  }

  /** Active members holding a seat (confirmed or offered) at the summit, in any mode. */
  seatHolders(summitId: string): Registrant[] {
    return this.db
      .select(registrant)
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(
        and(
          eq(registrations.summitId, summitId),
          inArray(registrations.status, [...SEAT_HOLDING]),
          eq(members.active, true),
        ),
      )
      .all();
  }

  /** The member as a seat holder of the summit, or undefined when they hold no seat (or are deactivated). */
  seatHolder(summitId: string, memberId: string): Registrant | undefined {
    return this.db
      .select(registrant)
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(
        and(
          eq(registrations.summitId, summitId),
          eq(registrations.memberId, memberId),
          inArray(registrations.status, [...SEAT_HOLDING]),
          eq(members.active, true),
        ),
      )
      .get();
  }

  /** Whether the same words went to the same audience of the summit at or after `since`. */
  sentSince(summitId: string, words: { title: string; body: string }, to: Addressee, since: Date): boolean {
    const row = this.db
      .select({ id: announcements.id })
      .from(announcements)
      .where(
        and(
          eq(announcements.summitId, summitId),
          gte(announcements.createdAt, since),
          eq(announcements.audience, to.audience),
          to.institutionId === null
            ? isNull(announcements.institutionId)
            : eq(announcements.institutionId, to.institutionId),
          eq(announcements.title, words.title),
          eq(announcements.body, words.body),
        ),
      )
      .limit(1)
      .get();
    return row !== undefined;
  }

  insert(row: Omit<AnnouncementRow, 'id'>): string {
    const id = newId();
    this.db
      .insert(announcements)
      .values({ id, ...row })
      .run();
    return id;
  }

  /** The summit's announcements with their authors' names, newest first. */
  list(summitId: string): AnnouncementWithAuthor[] {
    return this.db
      .select({ announcement: announcements, authorName: members.name })
      .from(announcements)
      .innerJoin(members, eq(members.id, announcements.authorId))
      .where(eq(announcements.summitId, summitId))
      .orderBy(desc(announcements.createdAt), desc(sql`${announcements}.rowid`))
      .all()
      .map((row) => ({ ...row.announcement, authorName: row.authorName }));
  }
}
