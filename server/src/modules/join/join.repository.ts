import { and, eq, inArray } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import { newId } from '../../ids';

const { attendance, members, sessions } = tables;

/** Attendance: each Join click (and, from the live panel, presence). */
export class JoinRepository {
  constructor(private readonly db: Db) {}

  record(sessionId: string, memberId: string, source: 'join' | 'live', at: Date): void {
    this.db.insert(attendance).values({ id: newId(), sessionId, memberId, source, at }).run();
  }

  /** Distinct attendees per session of a summit, with their institutions. */
  attendees(summitId: string): { sessionId: string; memberId: string; institutionId: string | null }[] {
    const sessionIds = this.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.summitId, summitId))
      .all()
      .map((row) => row.id);
    if (sessionIds.length === 0) return [];
    return this.db
      .selectDistinct({
        sessionId: attendance.sessionId,
        memberId: attendance.memberId,
        institutionId: members.institutionId,
      })
      .from(attendance)
      .innerJoin(members, eq(members.id, attendance.memberId))
      .where(and(inArray(attendance.sessionId, sessionIds)))
      .all();
  }
}
