import { and, desc, eq, gte, inArray, isNull, max } from 'drizzle-orm';
import { first, type Database, type Tables, type tables } from '@apoc/db';
import { SEAT_HOLDING, type AnnouncementAudience, type AttendanceMode } from '@apoc/shared';
import { newId } from '../../ids';

export type AnnouncementRow = typeof tables.announcements.$inferSelect;
export type AnnouncementWithAuthor = AnnouncementRow & { authorName: string };

/** A member holding a seat at a summit, as announcements address them. */
export interface Registrant {
  memberId: string;
  name: string;
  email: string;
  /** The member's language, for the e-mail; null: English. */
  language: string | null;
  mode: AttendanceMode;
  institutionId: string | null;
}

export interface Addressee {
  audience: AnnouncementAudience;
  institutionId: string | null;
}

const registrant = ({ members, registrations }: Tables) => ({
  memberId: members.id,
  name: members.name,
  email: members.email,
  language: members.language,
  mode: registrations.mode,
  institutionId: members.institutionId,
});

/**
 * Announcements and the registrants they reach. The service sends an announcement in one unit of work
 * (duplicate check, recipients, row and outbox messages).
 */
export class AnnouncementsRepository {
  constructor(private readonly db: Database) {}

  async institution(id: string): Promise<{ id: string; name: string } | undefined> {
    const { institutions } = this.db.tables;
    return first(
      this.db.q
        .select({ id: institutions.id, name: institutions.name })
        .from(institutions)
        .where(eq(institutions.id, id)),
    );
  }

  /** Active members holding a seat (confirmed or offered) at the summit, in any mode. */
  async seatHolders(summitId: string): Promise<Registrant[]> {
    return this.holding(summitId);
  }

  /** The member as a seat holder of the summit, or undefined when they hold no seat (or are deactivated). */
  async seatHolder(summitId: string, memberId: string): Promise<Registrant | undefined> {
    return first(this.holding(summitId, memberId));
  }

  private holding(summitId: string, memberId?: string) {
    const { members, registrations } = this.db.tables;
    return this.db.q
      .select(registrant(this.db.tables))
      .from(registrations)
      .innerJoin(members, eq(members.id, registrations.memberId))
      .where(
        and(
          eq(registrations.summitId, summitId),
          memberId === undefined ? undefined : eq(registrations.memberId, memberId),
          inArray(registrations.status, [...SEAT_HOLDING]),
          eq(members.active, true),
        ),
      );
  }

  /** Whether the same words went to the same audience of the summit at or after `since`. */
  async sentSince(
    summitId: string,
    words: { title: string; body: string },
    to: Addressee,
    since: Date,
  ): Promise<boolean> {
    const { announcements } = this.db.tables;
    const row = await first(
      this.db.q
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
        .limit(1),
    );
    return row !== undefined;
  }

  async insert(row: Omit<AnnouncementRow, 'id' | 'sequence'>): Promise<string> {
    const { announcements } = this.db.tables;
    const id = newId();
    await this.db.unit(async () => {
      const last = await first(
        this.db.q
          .select({ sequence: max(announcements.sequence) })
          .from(announcements)
          .where(eq(announcements.summitId, row.summitId)),
      );
      await this.db.q.insert(announcements).values({ id, ...row, sequence: (last?.sequence ?? 0) + 1 });
    });
    return id;
  }

  /** The summit's announcements with their authors' names, newest first. */
  async list(summitId: string): Promise<AnnouncementWithAuthor[]> {
    const { announcements, members } = this.db.tables;
    const rows = await this.db.q
      .select({ announcement: announcements, authorName: members.name })
      .from(announcements)
      .innerJoin(members, eq(members.id, announcements.authorId))
      .where(eq(announcements.summitId, summitId))
      .orderBy(desc(announcements.createdAt), desc(announcements.sequence));
    return rows.map((row) => ({ ...row.announcement, authorName: row.authorName }));
  }
}
