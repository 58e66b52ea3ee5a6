// The live protocol of one session: Q&A, polls and presence over `GET /api/sessions/{id}/live`, upgraded to a
// WebSocket. Server and web import these message maps; nothing of the protocol is declared anywhere else.
//
// Connecting
//   The session cookie authenticates the upgrade and the Origin header must be the platform's own (anything
//   else is refused with 403 before upgrading, against cross-site WebSocket hijacking). Who may connect: the
//   members registered for the session's summit (confirmed, or holding an offered seat), its speakers and
//   chairs, organisers and admins. Refusals are plain HTTP answers (401, 403, 404) before the upgrade.
//   Query string: `lastSeq` (the last `seq` this client saw, when reconnecting), `protocol` (the
//   LIVE_PROTOCOL_VERSION the client speaks; a server that does not speak it sends an `error` with the code
//   `unsupported-protocol` and closes with LIVE_CLOSE.unsupportedProtocol: reload the page).
//
// First message
//   Without `lastSeq`, or when `lastSeq` is older than the events the server keeps (LIVE_LIMITS.keptEvents
//   per session) or unknown to it: a `snapshot` — the whole state as this member may see it.
//   With a `lastSeq` the server still has: every event after it, in order, each as its own message exactly
//   as it was sent live, then `resumed` (the member's own votes, presence, mute). A client may ask the same
//   at any time with the `sync` message. When a connection closes for any reason but those of LIVE_CLOSE
//   (a server stopping or restarting says 1001, Going Away; a proxy in between may still close without a
//   code, 1005; a lost line or a missed heartbeat, 1006), the client reconnects with backoff and its
//   `lastSeq`: nothing committed is lost.
//
// Events
//   Every change of shared state is committed to the database, then sent as an event carrying `seq`: a
//   number per session that only grows, and survives restarts. A client keeps the highest `seq` it received
//   and applies events as upserts and removals by id. Seq numbers may skip: a member does not receive events
//   about what they may not see (other people's questions waiting for moderation, polls in preparation).
//   Messages without `seq` (`presence`, `question.myVote`, `poll.myVote`, `ack`, `error`, `pong`) are not
//   part of that history: presence is ephemeral and the member's own votes come back in `resumed`.
//
// Requests
//   Every client message may carry a `ref` (the client's own id for it); the answer is an `ack` or an `error`
//   with the same `ref`, sent after the events the request caused. Vote counts are coalesced (a `votes`
//   event at most every LIVE_LIMITS.coalesceMs, with absolute numbers), so a vote is acknowledged before
//   the count moves; the count shown in a question is the count last announced.
//
// Bad input and abuse
//   Text frames of JSON only, at most LIVE_LIMITS.messageBytes: anything else gets an `error`
//   (`invalid-json`, `too-large`, `unknown-type`, `invalid-message`) and the connection stays usable.
//   Frames above LIVE_LIMITS.frameBytes are cut by the WebSocket layer (close 1009). Rate limits answer
//   `rate-limited` with `retryAfterMs`; a client that keeps erring is closed with LIVE_CLOSE.policyViolation.
//   The server pings every LIVE_LIMITS.heartbeatMs and drops a connection that did not answer the previous
//   ping; a browser answers pings by itself, and can send `ping` to check the line from its side. A client
//   that does not read what it is sent is dropped once LIVE_LIMITS.sendBufferBytes are waiting for it.
//
// Who sees what
//   Attendees see approved and answered questions, plus their own in any status but withdrawn; the author of
//   an anonymous question is hidden from attendees (`author: null`), never from moderators or the author.
//   Moderators (organisers, admins and the session's chairs) see every question but withdrawn ones, every
//   poll with its results, and the muted members. Attendees see polls once opened, and their results only
//   while the moderators show them (`results: null` otherwise).

import { Type, type Static, type TProperties, type TSchema } from 'typebox';
import { Id, Instant, Nullable } from './api/common';

/** Raised whenever a message changes meaning; a client speaking another version is told to reload. */
export const LIVE_PROTOCOL_VERSION = 1;

export const LIVE_LIMITS = {
  /** Largest client message accepted, in bytes of UTF-8 (larger ones get a `too-large` error). */
  messageBytes: 4096,
  /** Largest WebSocket frame read at all: beyond it the connection is closed with 1009. */
  frameBytes: 16 * 1024,
  questionChars: 500,
  pollQuestionChars: 300,
  pollOptionChars: 120,
  pollOptionsMin: 2,
  pollOptionsMax: 10,
  /** Events kept per session for clients that reconnect; an older `lastSeq` gets a snapshot. */
  keptEvents: 1000,
  /** Vote counts and poll results are sent at most this often per session, whatever the vote rate. */
  coalesceMs: 100,
  /** Presence is sent at most this often per session (and once more rarely per thousand connections). */
  presenceMs: 1000,
  /** The server pings this often; a connection silent for two pings is dropped. */
  heartbeatMs: 30_000,
  /** Bytes waiting to be sent to one client beyond which it is dropped as a slow consumer. */
  sendBufferBytes: 256 * 1024,
  /** Per member and session: one question per this many milliseconds (moderators are not limited). */
  askEveryMs: 5000,
  /** Per member and session: question and poll votes per second. */
  votesPerSecond: 10,
  /** Per connection: messages of any kind per second (sustained), with a burst of twice as many. */
  messagesPerSecond: 20,
} as const;

/**
 * Close codes that mean "do not simply reconnect". Any other close (1001 when the server stops or restarts,
 * 1005 when a proxy closes without a code, 1006 when the line or a heartbeat fails, 1011) calls for
 * reconnecting with backoff and `lastSeq`.
 */
export const LIVE_CLOSE = {
  /** The client kept sending what the protocol refuses (or flooding): reconnect only after a fix. */
  policyViolation: 1008,
  /** A frame above LIVE_LIMITS.frameBytes: the client has a bug. */
  messageTooBig: 1009,
  /** The client speaks another protocol version: reload the application. */
  unsupportedProtocol: 4000,
  /** The sign-in behind the connection ended (signed out, everywhere or here; deactivated; erased): sign in again. */
  signedOut: 4401,
  /** The member may no longer take part in this session (registration cancelled): do not reconnect. */
  accessEnded: 4403,
  /** The member's role changed: reconnect, and the server admits them with their new rights (or refuses). */
  accessChanged: 4409,
} as const;

export const LIVE_QUESTION_STATUSES = ['pending', 'approved', 'answered', 'dismissed', 'withdrawn'] as const;
export type LiveQuestionStatus = (typeof LIVE_QUESTION_STATUSES)[number];

export const LIVE_POLL_KINDS = ['single', 'multiple'] as const;
export type LivePollKind = (typeof LIVE_POLL_KINDS)[number];

/** draft (moderators only) → open (attendees vote) → closed (no more votes; still shown). */
export const LIVE_POLL_STATUSES = ['draft', 'open', 'closed'] as const;
export type LivePollStatus = (typeof LIVE_POLL_STATUSES)[number];

export const LIVE_ERROR_CODES = [
  /** The frame is not JSON, or not a text frame. */
  'invalid-json',
  /** The message is larger than LIVE_LIMITS.messageBytes. */
  'too-large',
  /** `type` is missing or not a client message of this protocol version. */
  'unknown-type',
  /** The message does not match its schema; `message` says where. */
  'invalid-message',
  /** Too many messages: wait `retryAfterMs`. */
  'rate-limited',
  /** Only moderators (or the question's author) may do this. */
  'forbidden',
  /** No such question, poll or member in this session. */
  'not-found',
  /** Not possible in the current state (already answered, poll not open, already voted…). */
  'conflict',
  /** The moderators closed Q&A: no questions, edits or votes until they reopen it. */
  'qa-closed',
  /** A moderator muted this member in this session. */
  'muted',
  'unsupported-protocol',
  /** The server failed; the request may be retried. */
  'internal',
] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

/**
 * Builds a schema. Calling through this pure helper lets bundlers drop every schema a page does not use:
 * the web app can take the constants and types of this file without the schema builder.
 */
const schema = <T>(build: () => T): T => build();

const Seq = /* @__PURE__ */ schema(() =>
  Type.Integer({ minimum: 0, description: 'Per-session event number; only grows' }),
);
const Ref = /* @__PURE__ */ schema(() =>
  Type.Union([Type.String({ maxLength: 64 }), Type.Integer()], {
    description: 'The client’s own id for a request, echoed in its ack or error',
  }),
);
const QuestionText = /* @__PURE__ */ schema(() => Type.String({ minLength: 1, maxLength: LIVE_LIMITS.questionChars }));
const VoteCounts = /* @__PURE__ */ schema(() =>
  Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
    description: 'Question id → number of votes',
  }),
);
const Choices = /* @__PURE__ */ schema(() =>
  Type.Array(Type.Integer({ minimum: 0, maximum: LIVE_LIMITS.pollOptionsMax - 1 }), {
    minItems: 1,
    maxItems: LIVE_LIMITS.pollOptionsMax,
    uniqueItems: true,
    description: 'Indexes of the chosen options; exactly one for a single-choice poll',
  }),
);

// ------------------------------------------------------------------------------------------------------------
// What the server shows

export const LiveQuestionStatusSchema = /* @__PURE__ */ schema(() => Type.Enum(LIVE_QUESTION_STATUSES));
export const LivePollKindSchema = /* @__PURE__ */ schema(() => Type.Enum(LIVE_POLL_KINDS));
export const LivePollStatusSchema = /* @__PURE__ */ schema(() => Type.Enum(LIVE_POLL_STATUSES));

export const LivePerson = /* @__PURE__ */ schema(() =>
  Type.Object({
    id: Id,
    name: Type.String(),
    institutionId: Nullable(Id),
    /** Whether this person moderates the session (organisers, admins, its chairs): moderators cannot be muted. */
    moderator: Type.Optional(Type.Boolean()),
  }),
);
export type LivePerson = Static<typeof LivePerson>;

export const LiveQuestion = /* @__PURE__ */ schema(() =>
  Type.Object({
    id: Id,
    text: Type.String(),
    anonymous: Type.Boolean(),
    /** Who asked; null towards attendees when the question is anonymous. */
    author: Nullable(LivePerson),
    status: LiveQuestionStatusSchema,
    votes: Type.Integer({ minimum: 0 }),
    createdAt: Instant,
    /** When the text was last changed, by its author or a moderator. */
    editedAt: Nullable(Instant),
    answeredAt: Nullable(Instant),
  }),
);
export type LiveQuestion = Static<typeof LiveQuestion>;

export const LivePoll = /* @__PURE__ */ schema(() =>
  Type.Object({
    id: Id,
    question: Type.String(),
    kind: LivePollKindSchema,
    options: Type.Array(Type.String()),
    status: LivePollStatusSchema,
    /** Whether attendees see the results (moderators always do). */
    resultsVisible: Type.Boolean(),
    /** Votes per option, in the order of `options`; null when hidden from this member. */
    results: Nullable(Type.Array(Type.Integer({ minimum: 0 }))),
    /** How many members voted; null when the results are hidden from this member. */
    voters: Nullable(Type.Integer({ minimum: 0 })),
    createdAt: Instant,
    openedAt: Nullable(Instant),
    closedAt: Nullable(Instant),
  }),
);
export type LivePoll = Static<typeof LivePoll>;

export const LiveQa = /* @__PURE__ */ schema(() =>
  Type.Object({
    /** Closed: no new questions, edits or votes (moderation goes on). */
    open: Type.Boolean(),
    /** On: attendees' new questions wait for a moderator's approval before others see them. */
    premoderation: Type.Boolean(),
    /** The question being answered now ("now answering"), at most one. */
    pinnedQuestionId: Nullable(Id),
  }),
);
export type LiveQa = Static<typeof LiveQa>;

export const LiveMutedMember = /* @__PURE__ */ schema(() =>
  Type.Object({ memberId: Id, name: Type.String(), muted: Type.Boolean() }),
);
export type LiveMutedMember = Static<typeof LiveMutedMember>;

// ------------------------------------------------------------------------------------------------------------
// Client → server

const clientMessage = <T extends string, P extends TProperties>(type: T, properties: P, description: string) =>
  Type.Object(
    { type: Type.Literal(type), ref: Type.Optional(Ref), ...properties },
    {
      additionalProperties: false,
      description,
    },
  );

const onQuestion = <T extends string>(type: T, description: string) =>
  clientMessage(type, { questionId: Id }, description);
const onPoll = <T extends string>(type: T, description: string) => clientMessage(type, { pollId: Id }, description);

/** Every message a client may send, by `type`. The server validates each against its schema. */
export const LiveClientMessages = /* @__PURE__ */ schema(
  () =>
    ({
      ping: clientMessage('ping', {}, 'Answered with `pong`: lets a browser check the line from its side'),
      sync: clientMessage(
        'sync',
        { lastSeq: Type.Optional(Seq) },
        'Resynchronise: the events after `lastSeq` then `resumed`, or a `snapshot`',
      ),

      'question.ask': clientMessage(
        'question.ask',
        { text: QuestionText, anonymous: Type.Optional(Type.Boolean()) },
        'Ask a question (anonymous towards other attendees if asked); allowed before the session starts',
      ),
      'question.edit': clientMessage(
        'question.edit',
        { questionId: Id, text: QuestionText },
        'Change the text: a moderator, or its author until it is answered (with pre-moderation on, it then waits for approval again)',
      ),
      'question.withdraw': onQuestion('question.withdraw', 'Its author withdraws a question not yet answered'),
      'question.vote': onQuestion('question.vote', 'Vote for an approved question (one vote per member)'),
      'question.unvote': onQuestion('question.unvote', 'Take one’s vote back'),

      'question.approve': onQuestion(
        'question.approve',
        'Moderators: show a waiting, dismissed or answered question in the queue',
      ),
      'question.dismiss': onQuestion('question.dismiss', 'Moderators: hide a question from attendees'),
      'question.answer': onQuestion('question.answer', 'Moderators: mark as answered (unpins it)'),
      'question.pin': clientMessage(
        'question.pin',
        { questionId: Nullable(Id) },
        'Moderators: show a question as "now answering" (replacing any other; a waiting one is approved); null unpins',
      ),
      'qa.settings': clientMessage(
        'qa.settings',
        { open: Type.Optional(Type.Boolean()), premoderation: Type.Optional(Type.Boolean()) },
        'Moderators: close or reopen Q&A, turn pre-moderation on or off (questions already waiting stay waiting)',
      ),
      'member.mute': clientMessage(
        'member.mute',
        { memberId: Id, muted: Type.Boolean() },
        'Moderators: stop (or allow again) a member asking, editing and voting on questions in this session',
      ),

      'poll.create': clientMessage(
        'poll.create',
        {
          question: Type.String({ minLength: 1, maxLength: LIVE_LIMITS.pollQuestionChars }),
          kind: LivePollKindSchema,
          options: Type.Array(Type.String({ minLength: 1, maxLength: LIVE_LIMITS.pollOptionChars }), {
            minItems: LIVE_LIMITS.pollOptionsMin,
            maxItems: LIVE_LIMITS.pollOptionsMax,
          }),
        },
        'Moderators: prepare a poll (a draft, seen by moderators only)',
      ),
      'poll.open': onPoll('poll.open', 'Moderators: open a draft poll to votes'),
      'poll.close': onPoll('poll.close', 'Moderators: close an open poll'),
      'poll.reveal': clientMessage(
        'poll.reveal',
        { pollId: Id, visible: Type.Boolean() },
        'Moderators: show (or hide) the results to attendees',
      ),
      'poll.vote': clientMessage('poll.vote', { pollId: Id, choices: Choices }, 'Vote once in an open poll'),
    }) satisfies Record<string, TSchema>,
);

export type LiveClientMessageType = keyof typeof LiveClientMessages;
export type LiveClientMessageOf<K extends LiveClientMessageType> = Static<(typeof LiveClientMessages)[K]>;
export type LiveClientMessage = { [K in LiveClientMessageType]: LiveClientMessageOf<K> }[LiveClientMessageType];
/** What a member asks of a live session; `ping` and `sync` are the connection's own business. */
export type LiveRequest = Exclude<LiveClientMessage, { type: 'ping' | 'sync' }>;

/** Client messages only moderators may send. */
export const LIVE_MODERATOR_MESSAGES: readonly LiveClientMessageType[] = [
  'question.approve',
  'question.dismiss',
  'question.answer',
  'question.pin',
  'qa.settings',
  'member.mute',
  'poll.create',
  'poll.open',
  'poll.close',
  'poll.reveal',
];

// ------------------------------------------------------------------------------------------------------------
// Server → client

const serverMessage = <T extends string, P extends TProperties>(type: T, properties: P, description: string) =>
  Type.Object({ type: Type.Literal(type), ...properties }, { description });

export const LiveYou = /* @__PURE__ */ schema(() =>
  Type.Object({
    memberId: Id,
    name: Type.String(),
    /** Organisers, admins and the session's chairs. */
    moderator: Type.Boolean(),
    muted: Type.Boolean(),
  }),
);
export type LiveYou = Static<typeof LiveYou>;

/** Poll id → the option indexes this member chose. */
const MyPollVotes = /* @__PURE__ */ schema(() => Type.Record(Type.String(), Type.Array(Type.Integer({ minimum: 0 }))));

/** Every message the server sends, by `type`. */
export const LiveServerMessages = /* @__PURE__ */ schema(
  () =>
    ({
      snapshot: serverMessage(
        'snapshot',
        {
          protocol: Type.Literal(LIVE_PROTOCOL_VERSION),
          seq: Seq,
          sessionId: Id,
          you: LiveYou,
          qa: LiveQa,
          /** The questions this member may see, oldest first. */
          questions: Type.Array(LiveQuestion),
          /** Ids of the questions this member voted for. */
          myVotes: Type.Array(Id),
          /** Polls this member may see, oldest first. */
          polls: Type.Array(LivePoll),
          myPollVotes: MyPollVotes,
          /** Members connected to this session now. */
          presence: Type.Integer({ minimum: 0 }),
          /** Muted members (moderators only; empty for attendees). */
          muted: Type.Array(LiveMutedMember),
        },
        'The whole state as this member may see it: on connect, or when a resume is not possible',
      ),
      resumed: serverMessage(
        'resumed',
        {
          protocol: Type.Literal(LIVE_PROTOCOL_VERSION),
          seq: Seq,
          /** How many events were replayed before this message. */
          replayed: Type.Integer({ minimum: 0 }),
          you: LiveYou,
          myVotes: Type.Array(Id),
          myPollVotes: MyPollVotes,
          presence: Type.Integer({ minimum: 0 }),
        },
        'Ends a replay of missed events: the client is up to date at `seq`',
      ),
      ack: serverMessage(
        'ack',
        { ref: Nullable(Ref), of: Type.String({ description: 'The `type` of the request' }) },
        'The request was done (and committed)',
      ),
      error: serverMessage(
        'error',
        {
          ref: Nullable(Ref),
          of: Nullable(Type.String()),
          code: Type.Enum(LIVE_ERROR_CODES),
          message: Type.String(),
          retryAfterMs: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        'A request was refused; the connection stays usable unless it is closed right after',
      ),
      pong: serverMessage('pong', { ref: Nullable(Ref) }, 'Answer to `ping`'),
      presence: serverMessage('presence', { count: Type.Integer({ minimum: 0 }) }, 'Members connected now'),

      question: serverMessage(
        'question',
        { seq: Seq, question: LiveQuestion },
        'A question was asked or changed: add it, or replace the one with the same id',
      ),
      'question.removed': serverMessage(
        'question.removed',
        { seq: Seq, questionId: Id },
        'A question is no longer visible to this member (withdrawn, or dismissed for attendees)',
      ),
      votes: serverMessage(
        'votes',
        { seq: Seq, votes: VoteCounts },
        'New vote counts of some questions (absolute numbers); ids this member does not know are ignored',
      ),
      qa: serverMessage('qa', { seq: Seq, qa: LiveQa }, 'Q&A opened or closed, pre-moderation, the pinned question'),
      poll: serverMessage('poll', { seq: Seq, poll: LivePoll }, 'A poll was created, opened, closed or revealed'),
      'poll.results': serverMessage(
        'poll.results',
        {
          seq: Seq,
          pollId: Id,
          results: Type.Array(Type.Integer({ minimum: 0 })),
          voters: Type.Integer({ minimum: 0 }),
        },
        'New results of a poll whose results this member may see',
      ),
      muted: serverMessage(
        'muted',
        { seq: Seq, member: LiveMutedMember },
        'A member was muted or unmuted (sent to moderators and to that member)',
      ),

      'question.myVote': serverMessage(
        'question.myVote',
        { questionId: Id, voted: Type.Boolean() },
        'This member voted or unvoted (sent to each of their connections)',
      ),
      'poll.myVote': serverMessage(
        'poll.myVote',
        { pollId: Id, choices: Type.Array(Type.Integer({ minimum: 0 })) },
        'This member voted in a poll (sent to each of their connections)',
      ),
    }) satisfies Record<string, TSchema>,
);

export type LiveServerMessageType = keyof typeof LiveServerMessages;
export type LiveServerMessageOf<K extends LiveServerMessageType> = Static<(typeof LiveServerMessages)[K]>;
export type LiveServerMessage = { [K in LiveServerMessageType]: LiveServerMessageOf<K> }[LiveServerMessageType];

/** The events of the session's history: the server messages that carry `seq`. */
export type LiveEvent = Exclude<Extract<LiveServerMessage, { seq: number }>, { type: 'snapshot' | 'resumed' }>;

/** Query string of the live route. */
export const LiveQuery = /* @__PURE__ */ schema(() =>
  Type.Object({
    lastSeq: Type.Optional(Type.Integer({ minimum: 0, description: 'The last `seq` this client saw' })),
    protocol: Type.Optional(Type.Integer({ minimum: 1, description: 'The protocol version the client speaks' })),
  }),
);
export type LiveQuery = Static<typeof LiveQuery>;
