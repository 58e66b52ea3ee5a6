import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { SESSION_PERSON_ROLES } from '@apoc/shared';
import { members } from './members';
import { sessions } from './sessions';

/** Speakers and chairs of a session: members of the network or invited guests. */
export const sessionPeople = sqliteTable(
  'session_people',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    role: text('role', { enum: SESSION_PERSON_ROLES }).notNull(),
    position: integer('position').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.memberId, table.role] }),
    index('session_people_member_idx').on(table.memberId),
  ],
);
