import type { Db } from '@apoc/db';
import { signInLifetime } from '../auth/auth.service';
import {
  LIVE_LIMITS,
  LIVE_PROTOCOL_VERSION,
  PRESENCE_STALE_MS,
  ROLE_RANK,
  liveRole,
  type LiveClientMessage,
  type LiveClientMessageOf,
  type LiveEvent,
  type LivePoll,
  type LiveQa,
  type LiveQuestion,
  type LiveQuestionStatus,
  type LiveServerMessageOf,
  type LiveYou,
  type MemberRole,
} from '@apoc/shared';
import type { FastifyBaseLogger } from 'fastify';
import { Conflict, Forbidden, NotFound } from '../../errors';
import type { AgendaRepository } from '../agenda/agenda.repository';
import type { MemberWithZone } from '../members/members.repository';
import type { SummitsRepository } from '../summits/summits.repository';
import type { SummitsService } from '../summits/summits.service';
import type { QuestionsExport } from './live.export';
import { LiveRefusal } from './live.errors';
import type { LiveDelivery, LiveHub } from './live.hub';
import type { LiveRepository, LiveStateRow, PollRow, QuestionRow } from './live.repository';

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

/** The requests the service decides; `ping` and `sync` are the connection's own business. */
export type LiveRequest = Exclude<LiveClientMessage, { type: 'ping' | 'sync' }>;

/** One event as each audience sees it; see LiveDelivery. */
interface EventMessages {
  moderators: LiveEvent;
  attendees: LiveEvent | null;
  member: { id: string; message: LiveEvent } | null;
}
type Emit = (build: (seq: number) => EventMessages) => void;

/** Events older than the kept window are pruned every so many events, not at each one. */
const PRUNE_EVERY = 100;

const seenByAttendees = (status: LiveQuestionStatus) => status === 'approved' || status === 'answered';
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** `chairs`: the session's chairs, who moderate it (as organisers and admins do everywhere). */
function questionView(row: QuestionRow, revealAuthor: boolean, chairs: ReadonlySet<string>): LiveQuestion {
  const moderator = ROLE_RANK[row.authorRole] >= ROLE_RANK.organiser || chairs.has(row.authorId);
  return {
    id: row.id,
    text: row.text,
    anonymous: row.anonymous,
    author:
      revealAuthor || !row.anonymous
        ? { id: row.authorId, name: row.authorName, institutionId: row.authorInstitutionId, moderator }
        : null,
    status: row.status,
    // As announced in the session's events: what a client knows at a given seq, whatever is being counted.
    votes: row.announcedVotes,
    createdAt: row.createdAt.toISOString(),
    editedAt: iso(row.editedAt),
    answeredAt: iso(row.answeredAt),
  };
}

function pollView(row: PollRow, showResults: boolean): LivePoll {
  return {
    id: row.id,
    question: row.question,
    kind: row.kind,
    options: row.options,
    status: row.status,
    resultsVisible: row.resultsVisible,
    results: showResults ? row.results : null,
    voters: showResults ? row.voters : null,
    createdAt: row.createdAt.toISOString(),
    openedAt: iso(row.openedAt),
    closedAt: iso(row.closedAt),
  };
}

const qaView = (state: LiveStateRow): LiveQa => ({
  open: state.qaOpen,
  premoderation: state.premoderation,
  pinnedQuestionId: state.pinnedQuestionId,
});

const refuse = (code: LiveRefusal['code'], message: string) => new LiveRefusal(code, message);

/** A question with the two ways it is shown: to moderators and its author, and to other attendees. */
interface QuestionViews {
  row: QuestionRow;
  full: LiveQuestion;
  shown: LiveQuestion;
}

const presenceKey = (access: LiveAccess) => `${access.sessionId}\n${access.memberId}`;

/** Sessions whose questions are kept ready for snapshots; beyond it the cache starts again. */
const CACHED_SESSIONS = 200;

/**
 * Live Q&A, polls and mutes of sessions. Each accepted request is committed in one transaction together
 * with the events it causes (numbered by the session's sequence, and kept for clients that reconnect); only
 * then are the events handed to the hub. Vote counts and poll results are announced coalesced, at most every
 * LIVE_LIMITS.coalesceMs per session, so that a storm of votes costs a few broadcasts a second.
 */
export class LiveService {
  private readonly counts = new Map<string, { timer: NodeJS.Timeout | null; sentAt: number }>();
  /**
   * The questions of each session as of a seq. Every change to what a question shows comes with an event
   * (vote counts too, as announced), so the session's seq tells whether they are still current, on this
   * server or any other sharing the database; thousands of members joining at once share one read.
   */
  private readonly questionsBySession = new Map<string, { seq: number; questions: QuestionViews[] }>();
  /** The open interval of presence of each member in each session, on this server. */
  private readonly presence = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly live: LiveRepository,
    private readonly agenda: AgendaRepository,
    private readonly summits: SummitsService,
    private readonly summitRows: SummitsRepository,
    private readonly hub: LiveHub,
    private readonly clock: () => Date,
    private readonly log: FastifyBaseLogger,
  ) {}

  // Who may connect ----------------------------------------------------------------------------------------

  /**
   * Lets in the members registered for the session's summit (confirmed, or holding an offered seat), its
   * speakers and chairs, and organisers; chairs and organisers moderate.
   */
  async admit(member: MemberWithZone, sessionId: string): Promise<LiveAccess> {
    const session = this.agenda.session(sessionId);
    if (!session) throw new NotFound('session', sessionId);
    const organiser = ROLE_RANK[member.role] >= ROLE_RANK.organiser;
    if (!organiser) {
      const published = await this.summits.publishedSession(session.summitId, sessionId);
      if (!published) throw new NotFound('session', sessionId);
      if (published.session.status === 'cancelled') throw new Conflict('This session was cancelled.');
    }
    const sessionRoles = this.agenda
      .people(sessionId)
      .filter((person) => person.memberId === member.id)
      .map((person) => person.role);
    const role = liveRole({
      role: member.role,
      sessionRoles,
      registration: organiser ? undefined : this.live.registrationStatus(session.summitId, member.id),
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
  standings(accesses: readonly LiveAccess[]): ('ok' | 'signed-out' | 'changed' | 'ended')[] {
    // Sign-ins follow the wall clock, as in the auth module.
    const now = Date.now();
    const signInIds = [...new Set(accesses.flatMap((access) => (access.signInId ? [access.signInId] : [])))];
    const standing = new Map(this.live.signInStandings(signInIds).map((row) => [row.id, row]));
    const summitIds = [...new Set(accesses.filter((a) => a.viaRegistration).map((a) => a.summitId))];
    const seats = this.live.seatHolders(summitIds);
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

  // Presence -------------------------------------------------------------------------------------------------

  /**
   * A member opened their first connection to the session here: their interval of presence starts. Whether
   * that is attending is decided when attendance is reported, against the session's times (being here
   * weeks before, to ask ahead, is not).
   */
  arrived(access: LiveAccess): void {
    const key = presenceKey(access);
    if (this.presence.has(key)) return;
    this.presence.set(key, this.live.openPresence(access.sessionId, access.memberId, this.clock()));
  }

  /** A member's last connection to the session here closed: their interval ends. */
  departed(access: LiveAccess): void {
    const key = presenceKey(access);
    const id = this.presence.get(key);
    if (id === undefined) return;
    this.presence.delete(key);
    this.live.closePresence(id, this.clock());
  }

  /** Marks the members still here as seen now (each heartbeat), so that a crash loses at most a beat. */
  presenceSeen(): void {
    this.live.presenceSeen([...this.presence.values()], this.clock());
  }

  /**
   * At start-up: ends the intervals left open by a server that stopped without closing them, where their
   * members were last seen. Those refreshed lately belong to a server still running (several may share
   * the database) and are left alone.
   */
  closeAbandonedPresence(): void {
    this.live.closeAbandonedPresence(new Date(this.clock().getTime() - PRESENCE_STALE_MS));
  }

  /** On stopping: everyone still here leaves now. */
  departAll(): void {
    const now = this.clock();
    for (const id of this.presence.values()) this.live.closePresence(id, now);
    this.presence.clear();
  }

  // What a member sees ---------------------------------------------------------------------------------------

  snapshot(access: LiveAccess): string {
    const { sessionId, memberId, moderator } = access;
    const state = this.live.state(sessionId, this.clock());
    const questions = this.questionsAt(sessionId, state.seq)
      .filter(({ row }) => moderator || row.authorId === memberId || seenByAttendees(row.status))
      .map(({ row, full, shown }) => (moderator || row.authorId === memberId ? full : shown));
    const polls = this.live
      .polls(sessionId)
      .filter((row) => moderator || row.status !== 'draft')
      .map((row) => pollView(row, moderator || row.resultsVisible));
    const snapshot: LiveServerMessageOf<'snapshot'> = {
      type: 'snapshot',
      protocol: LIVE_PROTOCOL_VERSION,
      seq: state.seq,
      sessionId,
      you: this.you(access),
      qa: qaView(state),
      questions,
      myVotes: this.live.votesOf(sessionId, memberId),
      polls,
      myPollVotes: this.live.ballotsOf(sessionId, memberId),
      presence: this.hub.presence(sessionId),
      muted: moderator ? this.live.mutes(sessionId).map((mute) => ({ ...mute, muted: true })) : [],
    };
    return JSON.stringify(snapshot);
  }

  /**
   * What a member missed since `lastSeq`: each event as they were sent it live, then `resumed`. Null when
   * the events are no longer kept (or `lastSeq` is unknown here): the member needs a snapshot.
   */
  resume(access: LiveAccess, lastSeq: number): string[] | null {
    const { sessionId, memberId, moderator } = access;
    const state = this.live.state(sessionId, this.clock());
    if (lastSeq > state.seq) return null;
    if (lastSeq < state.seq) {
      const oldest = this.live.oldestEvent(sessionId);
      if (oldest === null || oldest > lastSeq + 1) return null;
    }
    const messages: string[] = [];
    for (const event of this.live.eventsAfter(sessionId, lastSeq)) {
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
      you: this.you(access),
      myVotes: this.live.votesOf(sessionId, memberId),
      myPollVotes: this.live.ballotsOf(sessionId, memberId),
      presence: this.hub.presence(sessionId),
    };
    messages.push(JSON.stringify(resumed));
    return messages;
  }

  private chairsOf(sessionId: string): Set<string> {
    const people = this.agenda.people(sessionId);
    return new Set(people.filter((person) => person.role === 'chair').map((person) => person.memberId));
  }

  private questionsAt(sessionId: string, seq: number): QuestionViews[] {
    const cached = this.questionsBySession.get(sessionId);
    if (cached?.seq === seq) return cached.questions;
    const chairs = this.chairsOf(sessionId);
    const questions = this.live.questions(sessionId).map((row) => {
      const full = questionView(row, true, chairs);
      return { row, full, shown: row.anonymous ? questionView(row, false, chairs) : full };
    });
    if (this.questionsBySession.size >= CACHED_SESSIONS) this.questionsBySession.clear();
    this.questionsBySession.set(sessionId, { seq, questions });
    return questions;
  }

  private you(access: LiveAccess): LiveYou {
    return {
      memberId: access.memberId,
      name: access.name,
      moderator: access.moderator,
      muted: this.live.isMuted(access.sessionId, access.memberId),
    };
  }

  // Requests ----------------------------------------------------------------------------------------------

  /** Does what a member asked, or throws a LiveRefusal saying why not. */
  handle(access: LiveAccess, request: LiveRequest): void {
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
        return this.createPoll(access, request);
      case 'poll.open':
      case 'poll.close':
      case 'poll.reveal':
        return this.changePoll(access, request);
      case 'poll.vote':
        return this.votePoll(access, request.pollId, request.choices);
    }
  }

  private ask(access: LiveAccess, request: LiveClientMessageOf<'question.ask'>): void {
    const text = request.text.trim();
    if (!text) throw refuse('invalid-message', 'A question needs some text.');
    this.commit(access.sessionId, (emit, now) => {
      const state = this.live.state(access.sessionId, now);
      this.mayTakePart(access, state);
      const id = this.live.insertQuestion({
        sessionId: access.sessionId,
        authorId: access.memberId,
        text,
        anonymous: request.anonymous ?? false,
        status: state.premoderation && !access.moderator ? 'pending' : 'approved',
        createdAt: now,
      });
      emit(this.questionEvent(null, this.question(id)));
    });
  }

  private edit(access: LiveAccess, request: LiveClientMessageOf<'question.edit'>): void {
    const text = request.text.trim();
    if (!text) throw refuse('invalid-message', 'A question needs some text.');
    this.commit(access.sessionId, (emit, now) => {
      const question = this.visibleQuestion(access, request.questionId);
      let status = question.status;
      if (!access.moderator) {
        if (question.authorId !== access.memberId) throw refuse('forbidden', 'Only its author can edit a question.');
        if (question.status === 'answered') throw refuse('conflict', 'This question was already answered.');
        if (question.status === 'dismissed') throw refuse('conflict', 'This question was dismissed.');
        const state = this.live.state(access.sessionId, now);
        this.mayTakePart(access, state);
        // Otherwise approval would be a pass to post anything afterwards.
        if (state.premoderation) status = 'pending';
      }
      if (text === question.text && status === question.status) return;
      this.live.updateQuestion(question.id, { text, status, editedAt: now });
      if (status !== question.status) this.unpin(question.id, emit);
      emit(this.questionEvent(question.status, this.question(question.id)));
    });
  }

  private withdraw(access: LiveAccess, questionId: string): void {
    this.commit(access.sessionId, (emit) => {
      const question = this.visibleQuestion(access, questionId);
      if (question.authorId !== access.memberId) {
        throw refuse('forbidden', 'Only its author can withdraw a question; moderators dismiss it.');
      }
      if (question.status === 'answered') throw refuse('conflict', 'This question was already answered.');
      this.live.updateQuestion(question.id, { status: 'withdrawn' });
      this.unpin(question.id, emit);
      emit(this.questionEvent(question.status, this.question(question.id)));
    });
  }

  private vote(access: LiveAccess, questionId: string, voted: boolean): void {
    this.commit(access.sessionId, (_emit, now) => {
      const question = this.visibleQuestion(access, questionId);
      this.mayTakePart(access, this.live.state(access.sessionId, now));
      if (voted) {
        if (question.status !== 'approved') throw refuse('conflict', 'Only questions in the queue take votes.');
        if (!this.live.addVote(access.sessionId, questionId, access.memberId, now)) {
          throw refuse('conflict', 'You already voted for this question.');
        }
      } else if (!this.live.removeVote(questionId, access.memberId)) {
        throw refuse('conflict', 'You have not voted for this question.');
      }
    });
    const mine: LiveServerMessageOf<'question.myVote'> = { type: 'question.myVote', questionId, voted };
    this.hub.toMember(access.sessionId, access.memberId, JSON.stringify(mine));
    this.announceCounts(access.sessionId);
  }

  private moderate(
    access: LiveAccess,
    action: 'question.approve' | 'question.dismiss' | 'question.answer',
    questionId: string,
  ): void {
    this.mustModerate(access);
    this.commit(access.sessionId, (emit, now) => {
      const question = this.visibleQuestion(access, questionId);
      switch (action) {
        case 'question.approve':
          if (question.status === 'approved') throw refuse('conflict', 'This question is already in the queue.');
          this.live.updateQuestion(questionId, { status: 'approved', answeredAt: null });
          break;
        case 'question.dismiss':
          if (question.status === 'dismissed') throw refuse('conflict', 'This question is already dismissed.');
          this.live.updateQuestion(questionId, { status: 'dismissed' });
          this.unpin(questionId, emit);
          break;
        case 'question.answer':
          if (question.status === 'answered') throw refuse('conflict', 'This question is already answered.');
          if (question.status === 'dismissed') throw refuse('conflict', 'Approve this question first.');
          this.live.updateQuestion(questionId, { status: 'answered', answeredAt: now });
          this.unpin(questionId, emit);
          break;
      }
      emit(this.questionEvent(question.status, this.question(questionId)));
    });
  }

  private pin(access: LiveAccess, questionId: string | null): void {
    this.mustModerate(access);
    this.commit(access.sessionId, (emit, now) => {
      const state = this.live.state(access.sessionId, now);
      if (state.pinnedQuestionId === questionId) return;
      if (questionId !== null) {
        const question = this.visibleQuestion(access, questionId);
        if (question.status === 'answered' || question.status === 'dismissed') {
          throw refuse('conflict', `This question is ${question.status}: approve it again first.`);
        }
        // Pinning a question that waits for approval approves it: it is about to be answered in public.
        if (question.status === 'pending') {
          this.live.updateQuestion(questionId, { status: 'approved' });
          emit(this.questionEvent(question.status, this.question(questionId)));
        }
      }
      this.live.updateState(access.sessionId, { pinnedQuestionId: questionId, updatedAt: now });
      emit(this.qaEvent(access.sessionId, now));
    });
  }

  private settings(access: LiveAccess, request: LiveClientMessageOf<'qa.settings'>): void {
    this.mustModerate(access);
    if (request.open === undefined && request.premoderation === undefined) {
      throw refuse('invalid-message', 'Say what to change: open, premoderation or both.');
    }
    this.commit(access.sessionId, (emit, now) => {
      const state = this.live.state(access.sessionId, now);
      const qaOpen = request.open ?? state.qaOpen;
      const premoderation = request.premoderation ?? state.premoderation;
      if (qaOpen === state.qaOpen && premoderation === state.premoderation) return;
      this.live.updateState(access.sessionId, { qaOpen, premoderation, updatedAt: now });
      emit(this.qaEvent(access.sessionId, now));
    });
  }

  private mute(access: LiveAccess, memberId: string, muted: boolean): void {
    this.mustModerate(access);
    this.commit(access.sessionId, (emit, now) => {
      const member = this.live.member(memberId);
      if (!member) throw refuse('not-found', `No member has the id "${memberId}".`);
      const chair = this.agenda
        .people(access.sessionId)
        .some((person) => person.memberId === memberId && person.role === 'chair');
      if (chair || ROLE_RANK[member.role] >= ROLE_RANK.organiser) {
        throw refuse('conflict', 'Moderators cannot be muted.');
      }
      if (!this.live.setMuted(access.sessionId, memberId, muted, access.memberId, now)) return;
      emit((seq) => {
        const message: LiveEvent = { type: 'muted', seq, member: { memberId, name: member.name, muted } };
        return { moderators: message, attendees: null, member: { id: memberId, message } };
      });
    });
  }

  private createPoll(access: LiveAccess, request: LiveClientMessageOf<'poll.create'>): void {
    this.mustModerate(access);
    const question = request.question.trim();
    const options = request.options.map((option) => option.trim());
    if (!question || options.some((option) => !option)) {
      throw refuse('invalid-message', 'A poll needs a question and options with some text.');
    }
    if (new Set(options.map((option) => option.toLowerCase())).size !== options.length) {
      throw refuse('invalid-message', 'The options of a poll must differ.');
    }
    this.commit(access.sessionId, (emit, now) => {
      const id = this.live.insertPoll({
        sessionId: access.sessionId,
        question,
        kind: request.kind,
        options,
        status: 'draft',
        results: options.map(() => 0),
        createdBy: access.memberId,
        createdAt: now,
      });
      emit(this.pollEvent(this.poll(access, id)));
    });
  }

  private changePoll(
    access: LiveAccess,
    request: LiveClientMessageOf<'poll.open'> | LiveClientMessageOf<'poll.close'> | LiveClientMessageOf<'poll.reveal'>,
  ): void {
    this.mustModerate(access);
    this.commit(access.sessionId, (emit, now) => {
      const poll = this.poll(access, request.pollId);
      switch (request.type) {
        case 'poll.open':
          if (poll.status === 'open') throw refuse('conflict', 'This poll is already open.');
          this.live.updatePoll(poll.id, { status: 'open', openedAt: poll.openedAt ?? now, closedAt: null });
          break;
        case 'poll.close':
          if (poll.status !== 'open') throw refuse('conflict', 'This poll is not open.');
          this.live.updatePoll(poll.id, { status: 'closed', closedAt: now });
          break;
        case 'poll.reveal':
          if (poll.resultsVisible === request.visible) return;
          this.live.updatePoll(poll.id, { resultsVisible: request.visible });
          break;
      }
      emit(this.pollEvent(this.poll(access, poll.id)));
    });
  }

  private votePoll(access: LiveAccess, pollId: string, choices: number[]): void {
    this.commit(access.sessionId, (_emit, now) => {
      const poll = this.poll(access, pollId);
      if (poll.status !== 'open') throw refuse('conflict', 'This poll is not open.');
      if (poll.kind === 'single' && choices.length !== 1) {
        throw refuse('invalid-message', 'Choose exactly one option in this poll.');
      }
      if (choices.some((choice) => choice >= poll.options.length)) {
        throw refuse('invalid-message', `This poll has ${poll.options.length} options, numbered from 0.`);
      }
      if (!this.live.addBallot(poll, access.memberId, choices, now)) {
        throw refuse('conflict', 'You already voted in this poll.');
      }
    });
    const mine: LiveServerMessageOf<'poll.myVote'> = { type: 'poll.myVote', pollId, choices };
    this.hub.toMember(access.sessionId, access.memberId, JSON.stringify(mine));
    this.announceCounts(access.sessionId);
  }

  // Coalesced counts -------------------------------------------------------------------------------------

  /** Announces the session's new vote counts and poll results soon, at most once per interval. */
  private announceCounts(sessionId: string): void {
    let pending = this.counts.get(sessionId);
    if (!pending) {
      pending = { timer: null, sentAt: 0 };
      this.counts.set(sessionId, pending);
    }
    if (pending.timer) return;
    const slot = pending;
    const wait = Math.max(0, slot.sentAt + LIVE_LIMITS.coalesceMs - Date.now());
    slot.timer = setTimeout(() => {
      slot.timer = null;
      slot.sentAt = Date.now();
      try {
        this.sendCounts(sessionId);
      } catch (error) {
        this.log.error({ err: error, sessionId }, 'live counts could not be announced');
      }
    }, wait);
  }

  /**
   * Sends the counts committed but not yet announced, as events. What is pending is read from the database,
   * so counts committed just before a crash are announced at the next start.
   */
  sendCounts(sessionId: string): void {
    this.commit(sessionId, (emit) => {
      const questions = this.live.takeUnannouncedVotes(sessionId);
      if (questions.length > 0) {
        const shown = questions.filter((question) => seenByAttendees(question.status));
        emit((seq) => {
          const counts = (rows: typeof questions) => Object.fromEntries(rows.map((row) => [row.id, row.votes]));
          const moderators: LiveEvent = { type: 'votes', seq, votes: counts(questions) };
          const attendees: LiveEvent | null =
            shown.length === questions.length
              ? moderators
              : shown.length > 0
                ? { type: 'votes', seq, votes: counts(shown) }
                : null;
          return { moderators, attendees, member: null };
        });
      }
      for (const poll of this.live.takeUnannouncedResults(sessionId)) {
        emit((seq) => {
          const results: LiveEvent = {
            type: 'poll.results',
            seq,
            pollId: poll.id,
            results: poll.results,
            voters: poll.voters,
          };
          const shown = poll.status !== 'draft' && poll.resultsVisible;
          return { moderators: results, attendees: shown ? results : null, member: null };
        });
      }
    });
  }

  /** Counts of every session committed before the last stop, and never announced. */
  sendLeftoverCounts(): void {
    for (const sessionId of this.live.sessionsWithUnannouncedCounts()) this.sendCounts(sessionId);
  }

  /** Sends what is waiting now instead of later: before the server stops. */
  flush(): void {
    for (const [sessionId, pending] of this.counts) {
      if (!pending.timer) continue;
      clearTimeout(pending.timer);
      pending.timer = null;
      this.sendCounts(sessionId);
    }
  }

  // Building blocks ----------------------------------------------------------------------------------------

  /**
   * Runs a change and the events it emits in one immediate transaction, then publishes the events: nothing
   * is broadcast that is not committed, and a refusal thrown inside rolls everything back.
   */
  private commit(sessionId: string, work: (emit: Emit, now: Date) => void): void {
    const now = this.clock();
    const deliveries: LiveDelivery[] = [];
    this.db.transaction(
      () => {
        this.live.state(sessionId, now);
        work((build) => deliveries.push(this.record(sessionId, build, now)), now);
      },
      { behavior: 'immediate' },
    );
    for (const delivery of deliveries) this.hub.publish(sessionId, delivery);
  }

  /** Numbers an event, serialises it once per audience and keeps it in the session's history. */
  private record(sessionId: string, build: (seq: number) => EventMessages, now: Date): LiveDelivery {
    const seq = this.live.nextSeq(sessionId);
    const event = build(seq);
    const moderators = JSON.stringify(event.moderators);
    const serialise = (message: LiveEvent) => (message === event.moderators ? moderators : JSON.stringify(message));
    const attendees = event.attendees && serialise(event.attendees);
    const member = event.member && { id: event.member.id, message: serialise(event.member.message) };
    this.live.insertEvent({
      sessionId,
      seq,
      type: event.moderators.type,
      moderatorMessage: moderators,
      attendeeMessage: attendees,
      memberId: member?.id ?? null,
      memberMessage: member?.message ?? null,
      at: now,
    });
    if (seq % PRUNE_EVERY === 0) this.live.pruneEvents(sessionId, seq - LIVE_LIMITS.keptEvents);
    return { moderators, attendees, member };
  }

  private questionEvent(before: LiveQuestionStatus | null, row: QuestionRow) {
    return (seq: number): EventMessages => {
      const removed: LiveEvent = { type: 'question.removed', seq, questionId: row.id };
      const attendeesSawIt = before !== null && seenByAttendees(before);
      if (row.status === 'withdrawn') {
        return {
          moderators: removed,
          attendees: attendeesSawIt ? removed : null,
          member: { id: row.authorId, message: removed },
        };
      }
      const chairs = this.chairsOf(row.sessionId);
      const full: LiveEvent = { type: 'question', seq, question: questionView(row, true, chairs) };
      const shown: LiveEvent = row.anonymous
        ? { type: 'question', seq, question: questionView(row, false, chairs) }
        : full;
      return {
        moderators: full,
        attendees: seenByAttendees(row.status) ? shown : attendeesSawIt ? removed : null,
        // The author always sees their own question as it is, with their name and its status.
        member: { id: row.authorId, message: full },
      };
    };
  }

  private pollEvent(row: PollRow) {
    return (seq: number): EventMessages => {
      const full: LiveEvent = { type: 'poll', seq, poll: pollView(row, true) };
      const attendees: LiveEvent | null =
        row.status === 'draft' ? null : row.resultsVisible ? full : { type: 'poll', seq, poll: pollView(row, false) };
      return { moderators: full, attendees, member: null };
    };
  }

  private qaEvent(sessionId: string, now: Date) {
    const qa = qaView(this.live.state(sessionId, now));
    return (seq: number): EventMessages => {
      const message: LiveEvent = { type: 'qa', seq, qa };
      return { moderators: message, attendees: message, member: null };
    };
  }

  /** Unpins a question that leaves the queue. */
  private unpin(questionId: string, emit: Emit): void {
    const now = this.clock();
    const state = this.live.state(this.question(questionId).sessionId, now);
    if (state.pinnedQuestionId !== questionId) return;
    this.live.updateState(state.sessionId, { pinnedQuestionId: null, updatedAt: now });
    emit(this.qaEvent(state.sessionId, now));
  }

  private question(id: string): QuestionRow {
    const row = this.live.question(id);
    if (!row) throw new Error(`question ${id} vanished inside its transaction`);
    return row;
  }

  /** A question of this session that this member may see (withdrawn ones are gone for everyone). */
  private visibleQuestion(access: LiveAccess, id: string): QuestionRow {
    const row = this.live.question(id);
    const visible =
      row &&
      row.sessionId === access.sessionId &&
      row.status !== 'withdrawn' &&
      (access.moderator || row.authorId === access.memberId || seenByAttendees(row.status));
    if (!visible) throw refuse('not-found', `This session has no question with the id "${id}".`);
    return row;
  }

  private poll(access: LiveAccess, id: string): PollRow {
    const row = this.live.poll(id);
    if (!row || row.sessionId !== access.sessionId || (row.status === 'draft' && !access.moderator)) {
      throw refuse('not-found', `This session has no poll with the id "${id}".`);
    }
    return row;
  }

  /** Asking, editing and voting need Q&A open (moderators go on anyway) and a member not muted. */
  private mayTakePart(access: LiveAccess, state: LiveStateRow): void {
    if (access.moderator) return;
    if (!state.qaOpen) throw refuse('qa-closed', 'Q&A is closed for this session.');
    if (this.live.isMuted(access.sessionId, access.memberId)) {
      throw refuse('muted', 'A moderator muted you in this session.');
    }
  }

  private mustModerate(access: LiveAccess): void {
    if (!access.moderator) throw refuse('forbidden', 'Only the session’s chairs and the organisers moderate.');
  }

  // Export -------------------------------------------------------------------------------------------------

  /** The session's questions for its moderators, with authors, votes and status (withdrawn ones left out). */
  async questionsForExport(member: MemberWithZone, sessionId: string): Promise<QuestionsExport> {
    const access = await this.admit(member, sessionId);
    if (!access.moderator) throw new Forbidden('Only the session’s chairs and the organisers export its questions.');
    return {
      title: this.agenda.session(sessionId)?.title ?? sessionId,
      timeZone: this.summitRows.find(access.summitId)?.timeZone ?? 'UTC',
      questions: this.live.questions(sessionId),
    };
  }
}
