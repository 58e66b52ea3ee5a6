import {
  LIVE_PROTOCOL_VERSION,
  ROLE_RANK,
  liveRole,
  questionMoveRefusal,
  type QuestionMove,
  type LiveRequest,
  type LiveClientMessageOf,
  type LiveEvent,
  type LiveQuestionStatus,
  type LiveServerMessageOf,
  type LiveYou,
  type MemberRole,
} from '@apoc/shared';
import { Forbidden, NotFound, SessionCancelled } from '../../errors';
import type { AgendaRepository } from '../agenda/agenda.repository';
import { signInLifetime } from '../auth/auth.service';
import type { MemberWithZone } from '../members/members.repository';
import type { SummitsService } from '../summits/summits.service';
import type { QuestionsExport } from './live.export';
import type { LiveHub } from './live.hub';
import type { LiveLedger } from './live.ledger';
import type { LivePolls } from './live.polls';
import type { LiveRepository, LiveStateRow, QuestionRow } from './live.repository';
import {
  mustModerate,
  pollView,
  qaEvent,
  qaView,
  questionEvent,
  questionView,
  refuse,
  seenByAttendees,
  type Emit,
  type QuestionViews,
} from './live.views';

/** Who is connected to which session, decided once when the connection is opened. */
export interface LiveAccess {
  sessionId: string;
  summitId: string;
  memberId: string;
  name: string;
  /** Organisers, admins and the session's chairs. */
  moderator: boolean;
  /** The member's role when admitted: a change closes the connection so that admission decides again. */
  role: MemberRole;
  /** Admitted for holding a seat at the summit (not as organiser, speaker or chair): it must stay held. */
  viaRegistration: boolean;
  /** The sign-in (browser) behind the connection: when it ends, so does the connection. */
  signInId: string | null;
}

export type { LiveRequest } from '@apoc/shared';

/** Refuses a move the rules of @apoc/shared do not allow from a question's status. */
function refuseMove(move: QuestionMove, status: LiveQuestionStatus): void {
  const refusal = questionMoveRefusal(move, status);
  if (refusal) throw refuse('conflict', refusal);
}

/** Sessions whose questions are kept ready for snapshots; beyond it the cache starts again. */
const CACHED_SESSIONS = 200;

/**
 * Live Q&A, polls and mutes of sessions: who may connect, what each member sees, and the requests they make,
 * each committed with its events through the ledger (see LiveLedger) before anyone hears of it.
 */
export class LiveService {
  /**
   * The questions of each session as of a seq. Every change to what a question shows comes with an event
   * (vote counts too, as announced), so the session's seq tells whether they are still current, on this
   * server or any other sharing the database; thousands of members joining at once share one read.
   */
  private readonly questionsBySession = new Map<string, { seq: number; questions: QuestionViews[] }>();
  constructor(
    private readonly live: LiveRepository,
    private readonly ledger: LiveLedger,
    private readonly polls: LivePolls,
    private readonly agenda: AgendaRepository,
    private readonly summits: SummitsService,
    private readonly hub: LiveHub,
    private readonly clock: () => Date,
  ) {}

  // Who may connect ----------------------------------------------------------------------------------------

  /**
   * Lets in the members registered for the session's summit (confirmed, or holding an offered seat), its
   * speakers and chairs, and organisers; chairs and organisers moderate.
   */
  async admit(member: MemberWithZone, sessionId: string): Promise<LiveAccess> {
    const session = await this.agenda.session(sessionId);
    if (!session) throw new NotFound('session', sessionId);
    const organiser = ROLE_RANK[member.role] >= ROLE_RANK.organiser;
    if (!organiser) {
      const published = await this.summits.publishedSession(session.summitId, sessionId);
      if (!published) throw new NotFound('session', sessionId);
      if (published.session.status === 'cancelled') throw new SessionCancelled('This session was cancelled.');
    }
    const sessionRoles = (await this.agenda.people(sessionId))
      .filter((person) => person.memberId === member.id)
      .map((person) => person.role);
    const role = liveRole({
      role: member.role,
      sessionRoles,
      registration: organiser ? undefined : await this.live.registrationStatus(session.summitId, member.id),
      cancelled: false,
    });
    if (!role) throw new Forbidden('The live Q&A of a session is open to the members registered for its summit.');
    return {
      sessionId,
      summitId: session.summitId,
      memberId: member.id,
      name: member.name,
      moderator: role === 'moderator',
      role: member.role,
      viaRegistration: !organiser && sessionRoles.length === 0,
      signInId: null,
    };
  }

  /**
   * Whether each open connection may stay, decided again from the database (so it holds across instances):
   * `signed-out` when its sign-in ended (signed out here or everywhere, revoked, expired, member deactivated or
   * erased), `changed` when the member's role changed since admission, `ended` when the seat it was admitted
   * for is no longer held. Three queries for any number of connections.
   */
  async standings(accesses: readonly LiveAccess[]): Promise<('ok' | 'signed-out' | 'changed' | 'ended')[]> {
    const now = this.clock().getTime();
    const signInIds = [...new Set(accesses.flatMap((access) => (access.signInId ? [access.signInId] : [])))];
    const standing = new Map((await this.live.signInStandings(signInIds)).map((row) => [row.id, row]));
    const summitIds = [...new Set(accesses.filter((a) => a.viaRegistration).map((a) => a.summitId))];
    const seats = await this.live.seatHolders(summitIds);
    return accesses.map((access) => {
      if (!access.signInId) return 'ok';
      const signIn = standing.get(access.signInId);
      if (!signIn || signIn.revokedAt || !signIn.active) return 'signed-out';
      const ended = signIn.createdAt.getTime() + signInLifetime(signIn.role).absoluteMs;
      if (Math.min(ended, signIn.expiresAt.getTime()) <= now) return 'signed-out';
      if (signIn.role !== access.role) return 'changed';
      if (access.viaRegistration && !seats.has(`${access.summitId}\n${access.memberId}`)) return 'ended';
      return 'ok';
    });
  }

  // What a member sees ---------------------------------------------------------------------------------------

  async snapshot(access: LiveAccess): Promise<string> {
    const { sessionId, memberId, moderator } = access;
    const state = await this.live.state(sessionId, this.clock());
    const questions = (await this.questionsAt(sessionId, state.seq))
      .filter(({ row }) => moderator || row.authorId === memberId || seenByAttendees(row.status))
      .map(({ row, full, shown }) => (moderator || row.authorId === memberId ? full : shown));
    const polls = (await this.live.polls(sessionId))
      .filter((row) => moderator || row.status !== 'draft')
      .map((row) => pollView(row, moderator || row.resultsVisible));
    const snapshot: LiveServerMessageOf<'snapshot'> = {
      type: 'snapshot',
      protocol: LIVE_PROTOCOL_VERSION,
      seq: state.seq,
      sessionId,
      you: await this.you(access),
      qa: qaView(state),
      questions,
      myVotes: await this.live.votesOf(sessionId, memberId),
      polls,
      myPollVotes: await this.live.ballotsOf(sessionId, memberId),
      presence: this.hub.presence(sessionId),
      muted: moderator ? (await this.live.mutes(sessionId)).map((mute) => ({ ...mute, muted: true })) : [],
    };
    return JSON.stringify(snapshot);
  }

  /**
   * What a member missed since `lastSeq`: each event as they were sent it live, then `resumed`. Null when
   * the events are no longer kept (or `lastSeq` is unknown here): the member needs a snapshot.
   */
  async resume(access: LiveAccess, lastSeq: number): Promise<string[] | null> {
    const { sessionId, memberId, moderator } = access;
    const state = await this.live.state(sessionId, this.clock());
    if (lastSeq > state.seq) return null;
    if (lastSeq < state.seq) {
      const oldest = await this.live.oldestEvent(sessionId);
      if (oldest === null || oldest > lastSeq + 1) return null;
    }
    const messages: string[] = [];
    for (const event of await this.live.eventsAfter(sessionId, lastSeq)) {
      // The same choice as the hub's when the event was live.
      const message = moderator
        ? event.moderatorMessage
        : event.memberId === memberId && event.memberMessage !== null
          ? event.memberMessage
          : event.attendeeMessage;
      if (message !== null) messages.push(message);
    }
    const resumed: LiveServerMessageOf<'resumed'> = {
      type: 'resumed',
      protocol: LIVE_PROTOCOL_VERSION,
      seq: state.seq,
      replayed: messages.length,
      you: await this.you(access),
      myVotes: await this.live.votesOf(sessionId, memberId),
      myPollVotes: await this.live.ballotsOf(sessionId, memberId),
      presence: this.hub.presence(sessionId),
    };
    messages.push(JSON.stringify(resumed));
    return messages;
  }

  private async chairsOf(sessionId: string): Promise<Set<string>> {
    const people = await this.agenda.people(sessionId);
    return new Set(people.filter((person) => person.role === 'chair').map((person) => person.memberId));
  }

  private async questionsAt(sessionId: string, seq: number): Promise<QuestionViews[]> {
    const cached = this.questionsBySession.get(sessionId);
    if (cached?.seq === seq) return cached.questions;
    const chairs = await this.chairsOf(sessionId);
    const questions = (await this.live.questions(sessionId)).map((row) => {
      const full = questionView(row, true, chairs);
      return { row, full, shown: row.anonymous ? questionView(row, false, chairs) : full };
    });
    if (this.questionsBySession.size >= CACHED_SESSIONS) this.questionsBySession.clear();
    this.questionsBySession.set(sessionId, { seq, questions });
    return questions;
  }

  private async you(access: LiveAccess): Promise<LiveYou> {
    return {
      memberId: access.memberId,
      name: access.name,
      moderator: access.moderator,
      muted: await this.live.isMuted(access.sessionId, access.memberId),
    };
  }

  // Requests ----------------------------------------------------------------------------------------------

  /** Does what a member asked, or throws a LiveRefusal saying why not. */
  async handle(access: LiveAccess, request: LiveRequest): Promise<void> {
    switch (request.type) {
      case 'question.ask':
        return this.ask(access, request);
      case 'question.edit':
        return this.edit(access, request);
      case 'question.withdraw':
        return this.withdraw(access, request.questionId);
      case 'question.vote':
        return this.vote(access, request.questionId, true);
      case 'question.unvote':
        return this.vote(access, request.questionId, false);
      case 'question.approve':
      case 'question.dismiss':
      case 'question.answer':
        return this.moderate(access, request.type, request.questionId);
      case 'question.pin':
        return this.pin(access, request.questionId);
      case 'qa.settings':
        return this.settings(access, request);
      case 'member.mute':
        return this.mute(access, request.memberId, request.muted);
      case 'poll.create':
        return this.polls.create(access, request);
      case 'poll.open':
      case 'poll.close':
      case 'poll.reveal':
        return this.polls.change(access, request);
      case 'poll.vote':
        return this.polls.vote(access, request.pollId, request.choices);
    }
  }

  private async ask(access: LiveAccess, request: LiveClientMessageOf<'question.ask'>): Promise<void> {
    const text = request.text.trim();
    if (!text) throw refuse('invalid-message', 'A question needs some text.');
    await this.ledger.commit(access.sessionId, async (emit, now) => {
      const state = await this.live.state(access.sessionId, now);
      await this.mayTakePart(access, state);
      const id = await this.live.insertQuestion({
        sessionId: access.sessionId,
        authorId: access.memberId,
        text,
        anonymous: request.anonymous ?? false,
        status: state.premoderation && !access.moderator ? 'pending' : 'approved',
        createdAt: now,
      });
      await emit(await this.questionEvent(null, await this.question(id)));
    });
  }

  private async edit(access: LiveAccess, request: LiveClientMessageOf<'question.edit'>): Promise<void> {
    const text = request.text.trim();
    if (!text) throw refuse('invalid-message', 'A question needs some text.');
    await this.ledger.commit(access.sessionId, async (emit, now) => {
      const question = await this.visibleQuestion(access, request.questionId);
      let status = question.status;
      if (!access.moderator) {
        if (question.authorId !== access.memberId) throw refuse('forbidden', 'Only its author can edit a question.');
        refuseMove('edit', question.status);
        const state = await this.live.state(access.sessionId, now);
        await this.mayTakePart(access, state);
        // Otherwise approval would be a pass to post anything afterwards.
        if (state.premoderation) status = 'pending';
      }
      if (text === question.text && status === question.status) return;
      await this.live.updateQuestion(question.id, { text, status, editedAt: now });
      if (status !== question.status) await this.unpin(question.id, emit);
      await emit(await this.questionEvent(question.status, await this.question(question.id)));
    });
  }

  private async withdraw(access: LiveAccess, questionId: string): Promise<void> {
    await this.ledger.commit(access.sessionId, async (emit) => {
      const question = await this.visibleQuestion(access, questionId);
      if (question.authorId !== access.memberId) {
        throw refuse('forbidden', 'Only its author can withdraw a question; moderators dismiss it.');
      }
      refuseMove('withdraw', question.status);
      await this.live.updateQuestion(question.id, { status: 'withdrawn' });
      await this.unpin(question.id, emit);
      await emit(await this.questionEvent(question.status, await this.question(question.id)));
    });
  }

  private async vote(access: LiveAccess, questionId: string, voted: boolean): Promise<void> {
    await this.ledger.commit(access.sessionId, async (_emit, now) => {
      const question = await this.visibleQuestion(access, questionId);
      await this.mayTakePart(access, await this.live.state(access.sessionId, now));
      if (voted) {
        if (question.status !== 'approved') throw refuse('conflict', 'Only questions in the queue take votes.');
        if (!(await this.live.addVote(access.sessionId, questionId, access.memberId, now))) {
          throw refuse('conflict', 'You already voted for this question.');
        }
      } else if (!(await this.live.removeVote(questionId, access.memberId))) {
        throw refuse('conflict', 'You have not voted for this question.');
      }
    });
    const mine: LiveServerMessageOf<'question.myVote'> = { type: 'question.myVote', questionId, voted };
    this.hub.toMember(access.sessionId, access.memberId, JSON.stringify(mine));
    this.ledger.announceCounts(access.sessionId);
  }

  private async moderate(
    access: LiveAccess,
    action: 'question.approve' | 'question.dismiss' | 'question.answer',
    questionId: string,
  ): Promise<void> {
    mustModerate(access);
    await this.ledger.commit(access.sessionId, async (emit, now) => {
      const question = await this.visibleQuestion(access, questionId);
      switch (action) {
        case 'question.approve':
          refuseMove('approve', question.status);
          await this.live.updateQuestion(questionId, { status: 'approved', answeredAt: null });
          break;
        case 'question.dismiss':
          refuseMove('dismiss', question.status);
          await this.live.updateQuestion(questionId, { status: 'dismissed' });
          await this.unpin(questionId, emit);
          break;
        case 'question.answer':
          refuseMove('answer', question.status);
          await this.live.updateQuestion(questionId, { status: 'answered', answeredAt: now });
          await this.unpin(questionId, emit);
          break;
      }
      await emit(await this.questionEvent(question.status, await this.question(questionId)));
    });
  }

  private async pin(access: LiveAccess, questionId: string | null): Promise<void> {
    mustModerate(access);
    await this.ledger.commit(access.sessionId, async (emit, now) => {
      const state = await this.live.state(access.sessionId, now);
      if (state.pinnedQuestionId === questionId) return;
      if (questionId !== null) {
        const question = await this.visibleQuestion(access, questionId);
        refuseMove('pin', question.status);
        // Pinning a question that waits for approval approves it: it is about to be answered in public.
        if (question.status === 'pending') {
          await this.live.updateQuestion(questionId, { status: 'approved' });
          await emit(await this.questionEvent(question.status, await this.question(questionId)));
        }
      }
      await this.live.updateState(access.sessionId, { pinnedQuestionId: questionId, updatedAt: now });
      await emit(qaEvent(await this.live.state(access.sessionId, now)));
    });
  }

  private async settings(access: LiveAccess, request: LiveClientMessageOf<'qa.settings'>): Promise<void> {
    mustModerate(access);
    if (request.open === undefined && request.premoderation === undefined) {
      throw refuse('invalid-message', 'Say what to change: open, premoderation or both.');
    }
    await this.ledger.commit(access.sessionId, async (emit, now) => {
      const state = await this.live.state(access.sessionId, now);
      const qaOpen = request.open ?? state.qaOpen;
      const premoderation = request.premoderation ?? state.premoderation;
      if (qaOpen === state.qaOpen && premoderation === state.premoderation) return;
      await this.live.updateState(access.sessionId, { qaOpen, premoderation, updatedAt: now });
      await emit(qaEvent(await this.live.state(access.sessionId, now)));
    });
  }

  private async mute(access: LiveAccess, memberId: string, muted: boolean): Promise<void> {
    mustModerate(access);
    await this.ledger.commit(access.sessionId, async (emit, now) => {
      const member = await this.live.member(memberId);
      if (!member) throw refuse('not-found', `No member has the id "${memberId}".`);
      const chair = (await this.agenda.people(access.sessionId)).some(
        (person) => person.memberId === memberId && person.role === 'chair',
      );
      if (chair || ROLE_RANK[member.role] >= ROLE_RANK.organiser) {
        throw refuse('conflict', 'Moderators cannot be muted.');
      }
      if (!(await this.live.setMuted(access.sessionId, memberId, muted, access.memberId, now))) return;
      await emit((seq) => {
        const message: LiveEvent = { type: 'muted', seq, member: { memberId, name: member.name, muted } };
        return { moderators: message, attendees: null, member: { id: memberId, message } };
      });
    });
  }

  private async questionEvent(before: LiveQuestionStatus | null, row: QuestionRow) {
    return questionEvent(before, row, await this.chairsOf(row.sessionId));
  }

  /** Unpins a question that leaves the queue. */
  private async unpin(questionId: string, emit: Emit): Promise<void> {
    const now = this.clock();
    const state = await this.live.state((await this.question(questionId)).sessionId, now);
    if (state.pinnedQuestionId !== questionId) return;
    await this.live.updateState(state.sessionId, { pinnedQuestionId: null, updatedAt: now });
    await emit(qaEvent(await this.live.state(state.sessionId, now)));
  }

  private async question(id: string): Promise<QuestionRow> {
    const row = await this.live.question(id);
    if (!row) throw new Error(`question ${id} vanished inside its transaction`);
    return row;
  }

  /** A question of this session that this member may see (withdrawn ones are gone for everyone). */
  private async visibleQuestion(access: LiveAccess, id: string): Promise<QuestionRow> {
    const row = await this.live.question(id);
    const visible =
      row &&
      row.sessionId === access.sessionId &&
      row.status !== 'withdrawn' &&
      (access.moderator || row.authorId === access.memberId || seenByAttendees(row.status));
    if (!visible) throw refuse('not-found', `This session has no question with the id "${id}".`);
    return row;
  }

  /** Asking, editing and voting need Q&A open (moderators go on anyway) and a member not muted. */
  private async mayTakePart(access: LiveAccess, state: LiveStateRow): Promise<void> {
    if (access.moderator) return;
    if (!state.qaOpen) throw refuse('qa-closed', 'Q&A is closed for this session.');
    if (await this.live.isMuted(access.sessionId, access.memberId)) {
      throw refuse('muted', 'A moderator muted you in this session.');
    }
  }

  // Export -------------------------------------------------------------------------------------------------

  /** The session's questions for its moderators, with authors, votes and status (withdrawn ones left out). */
  async questionsForExport(member: MemberWithZone, sessionId: string): Promise<QuestionsExport> {
    const access = await this.admit(member, sessionId);
    if (!access.moderator) throw new Forbidden('Only the session’s chairs and the organisers export its questions.');
    return {
      title: (await this.agenda.session(sessionId))?.title ?? sessionId,
      timeZone: (await this.summits.repository.find(access.summitId))?.timeZone ?? 'UTC',
      questions: await this.live.questions(sessionId),
    };
  }
}
