import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import { tables, type Db } from '@apoc/db';
import type { MemberRole, RegistrationStatus } from '@apoc/shared';
import { newId } from '../../ids';

const { liveSessions, liveQuestions, liveQuestionVotes, livePolls, livePollVotes, liveMutes, liveEvents } = tables;
const { members, livePresence, registrations, signIns } = tables;

export type LiveStateRow = typeof liveSessions.$inferSelect;
export type QuestionRow = typeof liveQuestions.$inferSelect & {
  authorName: string;
  authorInstitutionId: string | null;
  authorRole: MemberRole;
};
export type PollRow = typeof livePolls.$inferSelect;
export type EventRow = typeof liveEvents.$inferSelect;

const questionWithAuthor = {
  question: liveQuestions,
  authorName: members.name,
  authorInstitutionId: members.institutionId,
  authorRole: members.role,
};

const flatten = (row: {
  question: typeof liveQuestions.$inferSelect;
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
 * Questions, votes, polls, mutes and the event history of live sessions. Every method is synchronous: the
 * service runs each change and the event it causes in one transaction, and only then broadcasts it.
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
  private readonly insertPresence;
  private readonly endPresence;

  constructor(private readonly db: Db) {
    const session = sql.placeholder('sessionId');
    const member = sql.placeholder('memberId');
    this.questionsOf = db
      .select(questionWithAuthor)
      .from(liveQuestions)
      .innerJoin(members, eq(members.id, liveQuestions.authorId))
      .where(and(eq(liveQuestions.sessionId, session), ne(liveQuestions.status, 'withdrawn')))
      .orderBy(asc(liveQuestions.createdAt), asc(liveQuestions.id))
      .prepare();
    this.pollsOf = db
      .select()
      .from(livePolls)
      .where(eq(livePolls.sessionId, session))
      .orderBy(asc(livePolls.createdAt), asc(livePolls.id))
      .prepare();
    this.votesOfMember = db
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
      .prepare();
    this.ballotsOfMember = db
      .select({ pollId: livePollVotes.pollId, choices: livePollVotes.choices })
      .from(livePollVotes)
      .where(and(eq(livePollVotes.sessionId, session), eq(livePollVotes.memberId, member)))
      .prepare();
    this.muteOf = db
      .select({ memberId: liveMutes.memberId })
      .from(liveMutes)
      .where(and(eq(liveMutes.sessionId, session), eq(liveMutes.memberId, member)))
      .prepare();
    this.mutesOf = db
      .select({ memberId: liveMutes.memberId, name: members.name })
      .from(liveMutes)
      .innerJoin(members, eq(members.id, liveMutes.memberId))
      .where(eq(liveMutes.sessionId, session))
      .orderBy(asc(liveMutes.at))
      .prepare();
    this.registrationOf = db
      .select({ status: registrations.status })
      .from(registrations)
      .where(and(eq(registrations.summitId, sql.placeholder('summitId')), eq(registrations.memberId, member)))
      .prepare();
    this.insertPresence = db
      .insert(livePresence)
      .values({
        id: sql.placeholder('id'),
        sessionId: session,
        memberId: member,
        joinedAt: sql.placeholder('at'),
        seenAt: sql.placeholder('at'),
      })
      .prepare();
    this.endPresence = db
      .update(livePresence)
      .set({ leftAt: sql`${sql.placeholder('at')}`, seenAt: sql`${sql.placeholder('at')}` })
      .where(and(eq(livePresence.id, sql.placeholder('id')), isNull(livePresence.leftAt)))
      .prepare();
    this.stateOf = db
      .select()
      .from(liveSessions)
      .where(eq(liveSessions.sessionId, sql.placeholder('sessionId')))
      .prepare();
    this.raiseSeq = db
      .update(liveSessions)
      .set({ seq: sql`${liveSessions.seq} + 1` })
      .where(eq(liveSessions.sessionId, sql.placeholder('sessionId')))
      .returning({ seq: liveSessions.seq })
      .prepare();
    this.questionById = db
      .select(questionWithAuthor)
      .from(liveQuestions)
      .innerJoin(members, eq(members.id, liveQuestions.authorId))
      .where(eq(liveQuestions.id, sql.placeholder('id')))
      .prepare();
    this.insertVote = db
      .insert(liveQuestionVotes)
      .values({
        questionId: sql.placeholder('questionId'),
        memberId: sql.placeholder('memberId'),
        sessionId: sql.placeholder('sessionId'),
        createdAt: sql.placeholder('createdAt'),
      })
      .onConflictDoNothing()
      .prepare();
    this.deleteVote = db
      .delete(liveQuestionVotes)
      .where(
        and(
          eq(liveQuestionVotes.questionId, sql.placeholder('questionId')),
          eq(liveQuestionVotes.memberId, sql.placeholder('memberId')),
        ),
      )
      .prepare();
    this.countVote = db
      .update(liveQuestions)
      .set({ votes: sql`${liveQuestions.votes} + ${sql.placeholder('delta')}` })
      .where(eq(liveQuestions.id, sql.placeholder('id')))
      .prepare();
    this.insertEventRow = db
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
      .prepare();
  }

  // The session's state and its history ------------------------------------------------------------------

  /** The live state of a session, created with the defaults on first use. */
  state(sessionId: string, now: Date): LiveStateRow {
    const existing = this.stateOf.get({ sessionId });
    if (existing) return existing;
    this.db.insert(liveSessions).values({ sessionId, updatedAt: now }).onConflictDoNothing().run();
    return this.stateOf.get({ sessionId }) as LiveStateRow;
  }

  updateState(sessionId: string, patch: Partial<Omit<LiveStateRow, 'sessionId' | 'seq'>>): void {
    this.db.update(liveSessions).set(patch).where(eq(liveSessions.sessionId, sessionId)).run();
  }

  /** Takes the session's next event number (inside the caller's transaction). */
  nextSeq(sessionId: string): number {
    const row = this.raiseSeq.get({ sessionId });
    if (!row) throw new Error(`no live state for session ${sessionId}`);
    return row.seq;
  }

  insertEvent(row: EventRow): void {
    this.insertEventRow.run(row);
  }

  /** Forgets the events of a session up to `seq` included. */
  pruneEvents(sessionId: string, seq: number): void {
    this.db
      .delete(liveEvents)
      .where(and(eq(liveEvents.sessionId, sessionId), lte(liveEvents.seq, seq)))
      .run();
  }

  oldestEvent(sessionId: string): number | null {
    const row = this.db
      .select({ seq: sql<number | null>`min(${liveEvents.seq})` })
      .from(liveEvents)
      .where(eq(liveEvents.sessionId, sessionId))
      .get();
    return row?.seq ?? null;
  }

  eventsAfter(sessionId: string, seq: number): EventRow[] {
    return this.db
      .select()
      .from(liveEvents)
      .where(and(eq(liveEvents.sessionId, sessionId), gt(liveEvents.seq, seq)))
      .orderBy(asc(liveEvents.seq))
      .all();
  }

  // Questions and votes -----------------------------------------------------------------------------------

  questions(sessionId: string): QuestionRow[] {
    return this.questionsOf.all({ sessionId }).map(flatten);
  }

  question(id: string): QuestionRow | undefined {
    const row = this.questionById.get({ id });
    return row && flatten(row);
  }

  insertQuestion(row: Omit<typeof liveQuestions.$inferInsert, 'id'>): string {
    const id = newId();
    this.db
      .insert(liveQuestions)
      .values({ id, ...row })
      .run();
    return id;
  }

  updateQuestion(id: string, patch: Partial<Omit<typeof liveQuestions.$inferSelect, 'id' | 'sessionId'>>): void {
    this.db.update(liveQuestions).set(patch).where(eq(liveQuestions.id, id)).run();
  }

  /** Adds a member's vote and counts it; false when they had already voted. */
  addVote(sessionId: string, questionId: string, memberId: string, now: Date): boolean {
    const inserted = this.insertVote.run({ questionId, memberId, sessionId, createdAt: now }).changes > 0;
    if (inserted) this.countVote.run({ id: questionId, delta: 1 });
    return inserted;
  }

  /** Takes a member's vote back; false when there was none. */
  removeVote(questionId: string, memberId: string): boolean {
    const deleted = this.deleteVote.run({ questionId, memberId }).changes > 0;
    if (deleted) this.countVote.run({ id: questionId, delta: -1 });
    return deleted;
  }

  votesOf(sessionId: string, memberId: string): string[] {
    return this.votesOfMember.all({ sessionId, memberId }).map((row) => row.questionId);
  }

  /** Questions whose vote count changed since the last `votes` event, marked as announced. */
  takeUnannouncedVotes(sessionId: string): Pick<QuestionRow, 'id' | 'votes' | 'status'>[] {
    const rows = this.db
      .select({ id: liveQuestions.id, votes: liveQuestions.votes, status: liveQuestions.status })
      .from(liveQuestions)
      .where(and(eq(liveQuestions.sessionId, sessionId), ne(liveQuestions.votes, liveQuestions.announcedVotes)))
      .all();
    if (rows.length > 0) {
      this.db
        .update(liveQuestions)
        .set({ announcedVotes: sql`${liveQuestions.votes}` })
        .where(and(eq(liveQuestions.sessionId, sessionId), ne(liveQuestions.votes, liveQuestions.announcedVotes)))
        .run();
    }
    return rows;
  }

  // Polls -------------------------------------------------------------------------------------------------

  polls(sessionId: string): PollRow[] {
    return this.pollsOf.all({ sessionId });
  }

  poll(id: string): PollRow | undefined {
    return this.db.select().from(livePolls).where(eq(livePolls.id, id)).get();
  }

  insertPoll(row: Omit<typeof livePolls.$inferInsert, 'id'>): string {
    const id = newId();
    this.db
      .insert(livePolls)
      .values({ id, ...row })
      .run();
    return id;
  }

  updatePoll(id: string, patch: Partial<Omit<PollRow, 'id' | 'sessionId'>>): void {
    this.db.update(livePolls).set(patch).where(eq(livePolls.id, id)).run();
  }

  /** Records a ballot and adds it to the results; false when the member had already voted. */
  addBallot(poll: PollRow, memberId: string, choices: number[], now: Date): boolean {
    const inserted =
      this.db
        .insert(livePollVotes)
        .values({ pollId: poll.id, memberId, sessionId: poll.sessionId, choices, createdAt: now })
        .onConflictDoNothing()
        .run().changes > 0;
    if (!inserted) return false;
    const results = poll.results.map((count, option) => (choices.includes(option) ? count + 1 : count));
    this.updatePoll(poll.id, { results, voters: poll.voters + 1 });
    return true;
  }

  ballotsOf(sessionId: string, memberId: string): Record<string, number[]> {
    const rows = this.ballotsOfMember.all({ sessionId, memberId });
    return Object.fromEntries(rows.map((row) => [row.pollId, row.choices]));
  }

  /** Polls whose results changed since the last `poll.results` event, marked as announced. */
  takeUnannouncedResults(sessionId: string): PollRow[] {
    const rows = this.db
      .select()
      .from(livePolls)
      .where(and(eq(livePolls.sessionId, sessionId), ne(livePolls.voters, livePolls.announcedVoters)))
      .all();
    for (const row of rows) this.updatePoll(row.id, { announcedVoters: row.voters });
    return rows;
  }

  /** Sessions with counts committed but not yet announced (the server stopped in between). */
  sessionsWithUnannouncedCounts(): string[] {
    const questions = this.db
      .selectDistinct({ sessionId: liveQuestions.sessionId })
      .from(liveQuestions)
      .where(ne(liveQuestions.votes, liveQuestions.announcedVotes))
      .all();
    const polls = this.db
      .selectDistinct({ sessionId: livePolls.sessionId })
      .from(livePolls)
      .where(ne(livePolls.voters, livePolls.announcedVoters))
      .all();
    return [...new Set([...questions, ...polls].map((row) => row.sessionId))];
  }

  // Mutes -------------------------------------------------------------------------------------------------

  isMuted(sessionId: string, memberId: string): boolean {
    return this.muteOf.get({ sessionId, memberId }) !== undefined;
  }

  mutes(sessionId: string): { memberId: string; name: string }[] {
    return this.mutesOf.all({ sessionId });
  }

  /** Mutes or unmutes; false when nothing changed. */
  setMuted(sessionId: string, memberId: string, muted: boolean, by: string, now: Date): boolean {
    if (muted) {
      return (
        this.db.insert(liveMutes).values({ sessionId, memberId, mutedBy: by, at: now }).onConflictDoNothing().run()
          .changes > 0
      );
    }
    return (
      this.db
        .delete(liveMutes)
        .where(and(eq(liveMutes.sessionId, sessionId), eq(liveMutes.memberId, memberId)))
        .run().changes > 0
    );
  }

  member(id: string): { id: string; name: string; role: MemberRole } | undefined {
    return this.db
      .select({ id: members.id, name: members.name, role: members.role })
      .from(members)
      .where(eq(members.id, id))
      .get();
  }

  // Admission and presence --------------------------------------------------------------------------------

  /** The status of a member's registration for a summit, if they have one. */
  /** The sign-ins behind open connections, each with its member's standing: one query for all of them. */
  signInStandings(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db
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
      .where(inArray(signIns.id, [...ids]))
      .all();
  }

  /** Who holds a seat (confirmed or offered) at these summits, as "summitId\nmemberId" keys: one query. */
  seatHolders(summitIds: readonly string[]): Set<string> {
    if (summitIds.length === 0) return new Set();
    const rows = this.db
      .select({ summitId: registrations.summitId, memberId: registrations.memberId })
      .from(registrations)
      .where(
        and(inArray(registrations.summitId, [...summitIds]), inArray(registrations.status, ['confirmed', 'offered'])),
      )
      .all();
    return new Set(rows.map((row) => `${row.summitId}\n${row.memberId}`));
  }

  registrationStatus(summitId: string, memberId: string): RegistrationStatus | undefined {
    return this.registrationOf.get({ summitId, memberId })?.status;
  }

  /** A member arrived in a session's live room: opens their interval of presence, and returns its id. */
  openPresence(sessionId: string, memberId: string, now: Date): string {
    const id = newId();
    this.insertPresence.run({ id, sessionId, memberId, at: now });
    return id;
  }

  closePresence(id: string, now: Date): void {
    // Written as SQL, so the instant goes to the driver as stored: milliseconds.
    this.endPresence.run({ id, at: now.getTime() });
  }

  /** The intervals still open on this server: their members are still here. */
  presenceSeen(ids: readonly string[], now: Date): void {
    if (ids.length === 0) return;
    this.db
      .update(livePresence)
      .set({ seenAt: now })
      .where(sql`${livePresence.id} in (select value from json_each(${JSON.stringify(ids)}))`)
      .run();
  }

  /**
   * Ends the intervals that a server left open when it stopped without closing them (not seen since
   * `before`), where their members were last seen.
   */
  closeAbandonedPresence(before: Date): number {
    return this.db
      .update(livePresence)
      .set({ leftAt: sql`${livePresence.seenAt}` })
      .where(and(isNull(livePresence.leftAt), lt(livePresence.seenAt, before)))
      .run().changes;
  }
}
