import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { members } from './members';
import { sessions } from './sessions';

/**
 * Join clicks on virtual sessions (recorded only inside the join window). Rows with source `live` are from
 * before presence was kept as intervals (live_presence): one row per first connection, at any time.
 */
export const attendance = sqliteTable(
  'attendance',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ['join', 'live'] }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('attendance_session_idx').on(table.sessionId, table.memberId)],
);

/**
 * Presence in a session's live room: one interval per member and server, from their first connection to
 * their last one closing (more tabs do not open more intervals). `seenAt` is refreshed at each heartbeat
 * while the interval is open, so that one left open by a server that stopped without closing it ends
 * where the member was last seen, not at the end of time.
 */
export const livePresence = sqliteTable(
  'live_presence',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
    leftAt: integer('left_at', { mode: 'timestamp_ms' }),
    seenAt: integer('seen_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    index('live_presence_session_idx').on(table.sessionId, table.memberId),
    index('live_presence_open_idx').on(table.leftAt),
  ],
);
