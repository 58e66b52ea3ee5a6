import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { members } from './members';
import { sessions } from './sessions';

/** Who attended which session: each Join click, and presence in the live panel. */
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
