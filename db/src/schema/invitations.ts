import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { members } from './members';
import { summits } from './summits';

/**
 * Guests (role `guest`) see and register for only the summits they are invited to (or speak at): an
 * organiser's invitation of one guest to one summit.
 */
export const summitInvitations = sqliteTable(
  'summit_invitations',
  {
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    invitedBy: text('invited_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.summitId, table.memberId] }),
    index('summit_invitations_member_idx').on(table.memberId),
  ],
);
