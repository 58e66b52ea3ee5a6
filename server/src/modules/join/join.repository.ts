import { eq } from 'drizzle-orm';
import type { Database } from '@apoc/db';
import { newId } from '../../ids';

/** A member who clicked Join on, or was in the live room of, a session of the summit. */
export interface AttendeeTrace {
  sessionId: string;
  memberId: string;
  name: string;
  institutionId: string | null;
  /** Join clicks (and the first connections recorded before presence was kept as intervals). */
  joins: number[];
  intervals: { from: number; to: number | null; seenAt: number }[];
}

/** Attendance: Join clicks, and the intervals of presence in live rooms kept by the live module. */
export class JoinRepository {
  constructor(private readonly db: Database) {}

  /** A Join click, made inside the join window (the service refuses the others). */
  async recordJoin(sessionId: string, memberId: string, at: Date): Promise<void> {
    const { attendance } = this.db.tables;
    await this.db.unit(() =>
      this.db.q.insert(attendance).values({ id: newId(), sessionId, memberId, source: 'join', at }),
    );
  }

  /** Everything known of each member's attendance of each session of a summit. */
  async traces(summitId: string): Promise<AttendeeTrace[]> {
    const { attendance, livePresence, members, sessions } = this.db.tables;
    const who = { name: members.name, institutionId: members.institutionId };
    const clicks = await this.db.q
      .select({ sessionId: attendance.sessionId, memberId: attendance.memberId, at: attendance.at, ...who })
      .from(attendance)
      .innerJoin(sessions, eq(sessions.id, attendance.sessionId))
      .innerJoin(members, eq(members.id, attendance.memberId))
      .where(eq(sessions.summitId, summitId));
    const presence = await this.db.q
      .select({
        sessionId: livePresence.sessionId,
        memberId: livePresence.memberId,
        joinedAt: livePresence.joinedAt,
        leftAt: livePresence.leftAt,
        seenAt: livePresence.seenAt,
        ...who,
      })
      .from(livePresence)
      .innerJoin(sessions, eq(sessions.id, livePresence.sessionId))
      .innerJoin(members, eq(members.id, livePresence.memberId))
      .where(eq(sessions.summitId, summitId));

    const traces = new Map<string, AttendeeTrace>();
    const traceOf = (row: { sessionId: string; memberId: string; name: string; institutionId: string | null }) => {
      const key = `${row.sessionId}\n${row.memberId}`;
      let trace = traces.get(key);
      if (!trace) {
        trace = { ...row, joins: [], intervals: [] };
        traces.set(key, trace);
      }
      return trace;
    };
    for (const { at, ...row } of clicks) traceOf(row).joins.push(at.getTime());
    for (const { joinedAt, leftAt, seenAt, ...row } of presence) {
      traceOf(row).intervals.push({
        from: joinedAt.getTime(),
        to: leftAt?.getTime() ?? null,
        seenAt: seenAt.getTime(),
      });
    }
    return [...traces.values()];
  }
}
