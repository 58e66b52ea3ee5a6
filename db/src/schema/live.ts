import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LIVE_POLL_KINDS, LIVE_POLL_STATUSES, LIVE_QUESTION_STATUSES } from '@apoc/shared';
import { members } from './members';
import { sessions } from './sessions';

/** The live state of one session, created when someone first connects to it. */
export const liveSessions = sqliteTable('live_sessions', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  /** The last event number given out: taken and raised in the transaction that commits each change. */
  seq: integer('seq').notNull().default(0),
  qaOpen: integer('qa_open', { mode: 'boolean' }).notNull().default(true),
  premoderation: integer('premoderation', { mode: 'boolean' }).notNull().default(false),
  /** "Now answering": at most one question, approved. */
  pinnedQuestionId: text('pinned_question_id'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const liveQuestions = sqliteTable(
  'live_questions',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: LIVE_QUESTION_STATUSES }).notNull(),
    /** The number of rows in live_question_votes, kept in the same transaction as each vote. */
    votes: integer('votes').notNull().default(0),
    /**
     * The count last sent in a `votes` event. Counts are sent coalesced, a little after the votes are
     * committed; a difference marks a count still to send, even after a crash.
     */
    announcedVotes: integer('announced_votes').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    index('live_questions_session_idx').on(table.sessionId, table.createdAt),
    // The sweep for counts still to send (every few seconds on each instance) reads only the questions concerned.
    index('live_questions_unannounced_idx')
      .on(table.sessionId)
      .where(sql`${table.votes} <> ${table.announcedVotes}`),
  ],
);

/** One vote per member and question. */
export const liveQuestionVotes = sqliteTable(
  'live_question_votes',
  {
    questionId: text('question_id')
      .notNull()
      .references(() => liveQuestions.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** Repeated from the question, so that a member's votes in a session are one index lookup. */
    sessionId: text('session_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.questionId, table.memberId] }),
    index('live_question_votes_member_idx').on(table.sessionId, table.memberId),
  ],
);

export const livePolls = sqliteTable(
  'live_polls',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    kind: text('kind', { enum: LIVE_POLL_KINDS }).notNull(),
    /** The options' labels, a JSON array fixed at creation. */
    options: text('options', { mode: 'json' }).$type<string[]>().notNull(),
    status: text('status', { enum: LIVE_POLL_STATUSES }).notNull(),
    resultsVisible: integer('results_visible', { mode: 'boolean' }).notNull().default(false),
    /** Votes per option (JSON array), kept in the same transaction as each ballot. */
    results: text('results', { mode: 'json' }).$type<number[]>().notNull(),
    voters: integer('voters').notNull().default(0),
    /** The number of voters last sent in a `poll.results` event (see live_questions.announced_votes). */
    announcedVoters: integer('announced_voters').notNull().default(0),
    createdBy: text('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    index('live_polls_session_idx').on(table.sessionId, table.createdAt),
    index('live_polls_unannounced_idx')
      .on(table.sessionId)
      .where(sql`${table.voters} <> ${table.announcedVoters}`),
  ],
);

/** One ballot per member and poll. */
export const livePollVotes = sqliteTable(
  'live_poll_votes',
  {
    pollId: text('poll_id')
      .notNull()
      .references(() => livePolls.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    sessionId: text('session_id').notNull(),
    choices: text('choices', { mode: 'json' }).$type<number[]>().notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.pollId, table.memberId] }),
    index('live_poll_votes_member_idx').on(table.sessionId, table.memberId),
  ],
);

/** Members a moderator muted in a session. */
export const liveMutes = sqliteTable(
  'live_mutes',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    mutedBy: text('muted_by').references(() => members.id, { onDelete: 'set null' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.sessionId, table.memberId] })],
);

/**
 * The recent history of each session, for clients that reconnect: every event exactly as it was sent to
 * each audience. Moderators get `moderatorMessage`; the one member an event is about (the author of a
 * question, a muted member) gets `memberMessage` when set; other attendees get `attendeeMessage`, or
 * nothing when it is null. Only the last events of each session are kept.
 */
export const liveEvents = sqliteTable(
  'live_events',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    moderatorMessage: text('moderator_message').notNull(),
    attendeeMessage: text('attendee_message'),
    memberId: text('member_id'),
    memberMessage: text('member_message'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.sessionId, table.seq] })],
);
