import { and, asc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import { first, type Database, type Tables, type tables } from '@apoc/db';
import type { MemberRole, RegistrationStatus } from '@apoc/shared';
import { newId } from '../../ids';

export type LiveStateRow = typeof tables.liveSessions.$inferSelect;
export type QuestionRow = typeof tables.liveQuestions.$inferSelect & {
  authorName: string;
  authorInstitutionId: string | null;
  authorRole: MemberRole;
};
export type PollRow = typeof tables.livePolls.$inferSelect;
export type EventRow = typeof tables.liveEvents.$inferSelect;

const questionWithAuthor = ({ liveQuestions, members }: Tables) => ({
  question: liveQuestions,
  authorName: members.name,
  authorInstitutionId: members.institutionId,
  authorRole: members.role,
});

const flatten = (row: {
  question: typeof tables.liveQuestions.$inferSelect;
  authorName: string;
  authorInstitutionId: string | null;
  authorRole: MemberRole;
}): QuestionRow => ({
  ...row.question,
  authorName: row.authorName,
  authorInstitutionId: row.authorInstitutionId,
  authorRole: row.authorRole,
});

/**
 * Questions, votes, polls, mutes and the event history of live sessions. The service runs each change and the
 * event it causes in one unit of work, and only then broadcasts it.
 */
export class LiveRepository {
  private readonly stateOf;
  private readonly raiseSeq;
  private readonly questionById;
  private readonly insertVote;
  private readonly deleteVote;
  private readonly countVote;
  private readonly insertEventRow;
  // Everything a connection needs to open, prepared once: thousands may open within a minute.
  private readonly questionsOf;
  private readonly pollsOf;
  private readonly votesOfMember;
  private readonly ballotsOfMember;
  private readonly muteOf;
  private readonly mutesOf;
  private readonly registrationOf;

  constructor(private readonly db: Database) {
    const t = db.tables;
    const { liveSessions, liveQuestions, liveQuestionVotes, livePolls, livePollVotes, liveMutes, liveEvents } = t;
    const { members, registrations } = t;
    const session = sql.placeholder('sessionId');
    const member = sql.placeholder('memberId');
    this.questionsOf = db.prepare((q) =>
      q
        .select(questionWithAuthor(t))
        .from(liveQuestions)
        .innerJoin(members, eq(members.id, liveQuestions.authorId))
        .where(and(eq(liveQuestions.sessionId, session), ne(liveQuestions.status, 'withdrawn')))
        .orderBy(asc(liveQuestions.createdAt), asc(liveQuestions.id))
        .prepare(),
    );
    this.pollsOf = db.prepare((q) =>
      q
        .select()
        .from(livePolls)
        .where(eq(livePolls.sessionId, session))
        .orderBy(asc(livePolls.createdAt), asc(livePolls.id))
        .prepare(),
    );
    this.votesOfMember = db.prepare((q) =>
      q
        .select({ questionId: liveQuestionVotes.questionId })
        .from(liveQuestionVotes)
        .innerJoin(liveQuestions, eq(liveQuestions.id, liveQuestionVotes.questionId))
        .where(
          and(
            eq(liveQuestionVotes.sessionId, session),
            eq(liveQuestionVotes.memberId, member),
            ne(liveQuestions.status, 'withdrawn'),
          ),
        )
        .prepare(),
    );
    this.ballotsOfMember = db.prepare((q) =>
      q
        .select({ pollId: livePollVotes.pollId, choices: livePollVotes.choices })
        .from(livePollVotes)
        .where(and(eq(livePollVotes.sessionId, session), eq(livePollVotes.memberId, member)))
        .prepare(),
    );
    this.muteOf = db.prepare((q) =>
      q
        .select({ memberId: liveMutes.memberId })
        .from(liveMutes)
        .where(and(eq(liveMutes.sessionId, session), eq(liveMutes.memberId, member)))
        .prepare(),
    );
    this.mutesOf = db.prepare((q) =>
      q
        .select({ memberId: liveMutes.memberId, name: members.name })
        .from(liveMutes)
        .innerJoin(members, eq(members.id, liveMutes.memberId))
        .where(eq(liveMutes.sessionId, session))
        .orderBy(asc(liveMutes.at))
        .prepare(),
    );
    this.registrationOf = db.prepare((q) =>
      q
        .select({ status: registrations.status })
        .from(registrations)
        .where(and(eq(registrations.summitId, sql.placeholder('summitId')), eq(registrations.memberId, member)))
        .prepare(),
    );
    this.stateOf = db.prepare((q) =>
      q
        .select()
        .from(liveSessions)
        .where(eq(liveSessions.sessionId, sql.placeholder('sessionId')))
        .prepare(),
    );
    this.raiseSeq = db.prepare((q) =>
      q
        .update(liveSessions)
        .set({ seq: sql`${liveSessions.seq} + 1` })
        .where(eq(liveSessions.sessionId, sql.placeholder('sessionId')))
        .returning({ seq: liveSessions.seq })
        .prepare(),
    );
    this.questionById = db.prepare((q) =>
      q
        .select(questionWithAuthor(t))
        .from(liveQuestions)
        .innerJoin(members, eq(members.id, liveQuestions.authorId))
        .where(eq(liveQuestions.id, sql.placeholder('id')))
        .prepare(),
    );
    this.insertVote = db.prepare((q) =>
      q
        .insert(liveQuestionVotes)
        .values({
          questionId: sql.placeholder('questionId'),
          memberId: sql.placeholder('memberId'),
          sessionId: sql.placeholder('sessionId'),
          createdAt: sql.placeholder('createdAt'),
        })
        .onConflictDoNothing()
        .returning({ questionId: liveQuestionVotes.questionId })
        .prepare(),
    );
    this.deleteVote = db.prepare((q) =>
      q
        .delete(liveQuestionVotes)
        .where(
          and(
            eq(liveQuestionVotes.questionId, sql.placeholder('questionId')),
            eq(liveQuestionVotes.memberId, sql.placeholder('memberId')),
          ),
        )
        .returning({ questionId: liveQuestionVotes.questionId })
        .prepare(),
    );
    this.countVote = db.prepare((q) =>
      q
        .update(liveQuestions)
        .set({ votes: sql`${liveQuestions.votes} + ${sql.placeholder('delta')}` })
        .where(eq(liveQuestions.id, sql.placeholder('id')))
        .prepare(),
    );
    this.insertEventRow = db.prepare((q) =>
      q
        .insert(liveEvents)
        .values({
          sessionId: sql.placeholder('sessionId'),
          seq: sql.placeholder('seq'),
          type: sql.placeholder('type'),
          moderatorMessage: sql.placeholder('moderatorMessage'),
          attendeeMessage: sql.placeholder('attendeeMessage'),
          memberId: sql.placeholder('memberId'),
          memberMessage: sql.placeholder('memberMessage'),
          at: sql.placeholder('at'),
        })
        .prepare(),
    );
  }

  // The session's state and its history ------------------------------------------------------------------

  /** The live state of a session, created with the defaults on first use. */
  async state(sessionId: string, now: Date): Promise<LiveStateRow> {
    const { liveSessions } = this.db.tables;
    const existing = await first(this.stateOf().execute({ sessionId }));
    if (existing) return existing;
    await this.db.unit(() =>
      this.db.q.insert(liveSessions).values({ sessionId, updatedAt: now }).onConflictDoNothing(),
    );
    return (await first(this.stateOf().execute({ sessionId })))!;
  }

  /**
   * Holds the session's live row (created first if need be) until the unit of work ends: on PostgreSQL the units
   * of one session then run one after the other, each reading what the one before committed.
   */
  async hold(sessionId: string, now: Date): Promise<void> {
    await this.state(sessionId, now);
    await this.db.lock(this.db.tables.liveSessions.sessionId, sessionId);
  }

  async updateState(sessionId: string, patch: Partial<Omit<LiveStateRow, 'sessionId' | 'seq'>>): Promise<void> {
    const { liveSessions } = this.db.tables;
    await this.db.unit(() => this.db.q.update(liveSessions).set(patch).where(eq(liveSessions.sessionId, sessionId)));
  }

  /** Takes the session's next event number (inside the caller's transaction). */
  async nextSeq(sessionId: string): Promise<number> {
    const row = await this.db.unit(() => first(this.raiseSeq().execute({ sessionId })));
    if (!row) throw new Error(`no live state for session ${sessionId}`);
    return row.seq;
  }

  async insertEvent(row: EventRow): Promise<void> {
    await this.db.unit(() => this.insertEventRow().execute(row));
  }

  /** Forgets the events of a session up to `seq` included. */
  async pruneEvents(sessionId: string, seq: number): Promise<void> {
    const { liveEvents } = this.db.tables;
    await this.db.unit(() =>
      this.db.q.delete(liveEvents).where(and(eq(liveEvents.sessionId, sessionId), lte(liveEvents.seq, seq))),
    );
  }

  async oldestEvent(sessionId: string): Promise<number | null> {
    const { liveEvents } = this.db.tables;
    const row = await first(
      this.db.q
        .select({ seq: sql<number | null>`min(${liveEvents.seq})` })
        .from(liveEvents)
        .where(eq(liveEvents.sessionId, sessionId)),
    );
    return row?.seq ?? null;
  }

  /** The events kept after `seq` (up to `upTo`, when given), in order. */
  async eventsAfter(sessionId: string, seq: number, upTo?: number): Promise<EventRow[]> {
    const { liveEvents } = this.db.tables;
    return this.db.q
      .select()
      .from(liveEvents)
      .where(
        and(
          eq(liveEvents.sessionId, sessionId),
          gt(liveEvents.seq, seq),
          upTo === undefined ? undefined : lte(liveEvents.seq, upTo),
        ),
      )
      .orderBy(asc(liveEvents.seq));
  }

  // Questions and votes -----------------------------------------------------------------------------------

  async questions(sessionId: string): Promise<QuestionRow[]> {
    return (await this.questionsOf().execute({ sessionId })).map(flatten);
  }

  async question(id: string): Promise<QuestionRow | undefined> {
    const row = await first(this.questionById().execute({ id }));
    return row && flatten(row);
  }

  async insertQuestion(row: Omit<typeof tables.liveQuestions.$inferInsert, 'id'>): Promise<string> {
    const { liveQuestions } = this.db.tables;
    const id = newId();
    await this.db.unit(() => this.db.q.insert(liveQuestions).values({ id, ...row }));
    return id;
  }

  async updateQuestion(
    id: string,
    patch: Partial<Omit<typeof tables.liveQuestions.$inferSelect, 'id' | 'sessionId'>>,
  ): Promise<void> {
    const { liveQuestions } = this.db.tables;
    await this.db.unit(() => this.db.q.update(liveQuestions).set(patch).where(eq(liveQuestions.id, id)));
  }

  /** Adds a member's vote and counts it; false when they had already voted. */
  async addVote(sessionId: string, questionId: string, memberId: string, now: Date): Promise<boolean> {
    return this.db.unit(async () => {
      const inserted =
        (await this.insertVote().execute({ questionId, memberId, sessionId, createdAt: now })).length > 0;
      if (inserted) await this.countVote().execute({ id: questionId, delta: 1 });
      return inserted;
    });
  }

  /** Takes a member's vote back; false when there was none. */
  async removeVote(questionId: string, memberId: string): Promise<boolean> {
    return this.db.unit(async () => {
      const deleted = (await this.deleteVote().execute({ questionId, memberId })).length > 0;
      if (deleted) await this.countVote().execute({ id: questionId, delta: -1 });
      return deleted;
    });
  }

  async votesOf(sessionId: string, memberId: string): Promise<string[]> {
    return (await this.votesOfMember().execute({ sessionId, memberId })).map((row) => row.questionId);
  }

  /** Questions whose vote count changed since the last `votes` event, marked as announced. */
  async takeUnannouncedVotes(sessionId: string): Promise<Pick<QuestionRow, 'id' | 'votes' | 'status'>[]> {
    const { liveQuestions } = this.db.tables;
    // One statement reads and marks them, so that a vote committed in between is announced next time.
    return this.db.unit(() =>
      this.db.q
        .update(liveQuestions)
        .set({ announcedVotes: sql`${liveQuestions.votes}` })
        .where(and(eq(liveQuestions.sessionId, sessionId), ne(liveQuestions.votes, liveQuestions.announcedVotes)))
        .returning({ id: liveQuestions.id, votes: liveQuestions.votes, status: liveQuestions.status }),
    );
  }

  // Polls -------------------------------------------------------------------------------------------------

  async polls(sessionId: string): Promise<PollRow[]> {
    return this.pollsOf().execute({ sessionId });
  }

  async poll(id: string): Promise<PollRow | undefined> {
    const { livePolls } = this.db.tables;
    return first(this.db.q.select().from(livePolls).where(eq(livePolls.id, id)));
  }

  async insertPoll(row: Omit<typeof tables.livePolls.$inferInsert, 'id'>): Promise<string> {
    const { livePolls } = this.db.tables;
    const id = newId();
    await this.db.unit(() => this.db.q.insert(livePolls).values({ id, ...row }));
    return id;
  }

  async updatePoll(id: string, patch: Partial<Omit<PollRow, 'id' | 'sessionId'>>): Promise<void> {
    const { livePolls } = this.db.tables;
    await this.db.unit(() => this.db.q.update(livePolls).set(patch).where(eq(livePolls.id, id)));
  }

  /**
   * Records a ballot and adds it to the results; false when the member had already voted. `poll` must have been
   * read while the session is held (LiveLedger.commit), or the results written would overwrite others' ballots.
   */
  async addBallot(poll: PollRow, memberId: string, choices: number[], now: Date): Promise<boolean> {
    const { livePollVotes } = this.db.tables;
    return this.db.unit(async () => {
      const inserted = await this.db.q
        .insert(livePollVotes)
        .values({ pollId: poll.id, memberId, sessionId: poll.sessionId, choices, createdAt: now })
        .onConflictDoNothing()
        .returning({ pollId: livePollVotes.pollId });
      if (inserted.length === 0) return false;
      const results = poll.results.map((count, option) => (choices.includes(option) ? count + 1 : count));
      await this.updatePoll(poll.id, { results, voters: poll.voters + 1 });
      return true;
    });
  }

  async ballotsOf(sessionId: string, memberId: string): Promise<Record<string, number[]>> {
    const rows = await this.ballotsOfMember().execute({ sessionId, memberId });
    return Object.fromEntries(rows.map((row) => [row.pollId, row.choices]));
  }

  /** Polls whose results changed since the last `poll.results` event, marked as announced. */
  async takeUnannouncedResults(sessionId: string): Promise<PollRow[]> {
    const { livePolls } = this.db.tables;
    return this.db.unit(async () => {
      const rows = await this.db.q
        .select()
        .from(livePolls)
        .where(and(eq(livePolls.sessionId, sessionId), ne(livePolls.voters, livePolls.announcedVoters)));
      for (const row of rows) await this.updatePoll(row.id, { announcedVoters: row.voters });
      return rows;
    });
  }

  /** Sessions with counts committed but not yet announced (the server stopped in between). */
  async sessionsWithUnannouncedCounts(): Promise<string[]> {
    const { liveQuestions, livePolls } = this.db.tables;
    const questions = await this.db.q
      .selectDistinct({ sessionId: liveQuestions.sessionId })
      .from(liveQuestions)
      .where(ne(liveQuestions.votes, liveQuestions.announcedVotes));
    const polls = await this.db.q
      .selectDistinct({ sessionId: livePolls.sessionId })
      .from(livePolls)
      .where(ne(livePolls.voters, livePolls.announcedVoters));
    return [...new Set([...questions, ...polls].map((row) => row.sessionId))];
  }

  // Mutes -------------------------------------------------------------------------------------------------

  async isMuted(sessionId: string, memberId: string): Promise<boolean> {
    return (await first(this.muteOf().execute({ sessionId, memberId }))) !== undefined;
  }

  async mutes(sessionId: string): Promise<{ memberId: string; name: string }[]> {
    return this.mutesOf().execute({ sessionId });
  }

  /** Mutes or unmutes; false when nothing changed. */
  async setMuted(sessionId: string, memberId: string, muted: boolean, by: string, now: Date): Promise<boolean> {
    const { liveMutes } = this.db.tables;
    const changed = await this.db.unit(() =>
      muted
        ? this.db.q
            .insert(liveMutes)
            .values({ sessionId, memberId, mutedBy: by, at: now })
            .onConflictDoNothing()
            .returning({ memberId: liveMutes.memberId })
        : this.db.q
            .delete(liveMutes)
            .where(and(eq(liveMutes.sessionId, sessionId), eq(liveMutes.memberId, memberId)))
            .returning({ memberId: liveMutes.memberId }),
    );
    return changed.length > 0;
  }

  async member(id: string): Promise<{ id: string; name: string; role: MemberRole } | undefined> {
    const { members } = this.db.tables;
    return first(
      this.db.q
        .select({ id: members.id, name: members.name, role: members.role })
        .from(members)
        .where(eq(members.id, id)),
    );
  }

  // Admission and presence --------------------------------------------------------------------------------

  /** The status of a member's registration for a summit, if they have one. */
  /** The sign-ins behind open connections, each with its member's standing: one query for all of them. */
  async signInStandings(ids: readonly string[]) {
    const { signIns, members } = this.db.tables;
    if (ids.length === 0) return [];
    return this.db.q
      .select({
        id: signIns.id,
        createdAt: signIns.createdAt,
        expiresAt: signIns.expiresAt,
        revokedAt: signIns.revokedAt,
        role: members.role,
        active: members.active,
      })
      .from(signIns)
      .innerJoin(members, eq(members.id, signIns.memberId))
      .where(inArray(signIns.id, [...ids]));
  }

  /** Who holds a seat (confirmed or offered) at these summits, as "summitId\nmemberId" keys: one query. */
  async seatHolders(summitIds: readonly string[]): Promise<Set<string>> {
    const { registrations } = this.db.tables;
    if (summitIds.length === 0) return new Set();
    const rows = await this.db.q
      .select({ summitId: registrations.summitId, memberId: registrations.memberId })
      .from(registrations)
      .where(
        and(inArray(registrations.summitId, [...summitIds]), inArray(registrations.status, ['confirmed', 'offered'])),
      );
    return new Set(rows.map((row) => `${row.summitId}\n${row.memberId}`));
  }

  async registrationStatus(summitId: string, memberId: string): Promise<RegistrationStatus | undefined> {
    return (await first(this.registrationOf().execute({ summitId, memberId })))?.status;
  }
}
