import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Fixed windows of the rate limits that several instances share (PostgreSQL): one row per limit and key (a route
 * and a client address, or a member), counted and reset in one statement. One instance on SQLite counts in memory.
 */
export const rateLimitWindows = sqliteTable('rate_limit_windows', {
  key: text('key').primaryKey(),
  startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
  hits: integer('hits').notNull(),
});
