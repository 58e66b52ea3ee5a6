import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { members } from './members';
import { summits } from './summits';

/**
 * Published versions of a summit's agenda (as pretalx's schedule releases): the work in progress lives
 * in the sessions table; each publication freezes it here, numbered, with what changed since the last.
 */
export const scheduleVersions = sqliteTable(
  'schedule_versions',
  {
    id: text('id').primaryKey(),
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per summit. */
    number: integer('number').notNull(),
    comment: text('comment').notNull().default(''),
    /** JSON: the published agenda (tracks, rooms, sessions with people) exactly as members see it. */
    agenda: text('agenda').notNull(),
    /** JSON: the changes to sessions since the previous version (empty for the first). */
    changes: text('changes').notNull().default('[]'),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
    publishedBy: text('published_by').references(() => members.id, { onDelete: 'set null' }),
  },
  (table) => [
    uniqueIndex('schedule_versions_summit_number_unique').on(table.summitId, table.number),
    // The latest version of a summit, read from the index alone: its row carries the whole agenda, and reaching
    // the columns after it would walk that agenda's pages.
    index('schedule_versions_latest_idx').on(table.summitId, table.number, table.id, table.publishedAt),
  ],
);
