import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Work to do at a given time (reminders), persisted so that it survives restarts. `key` makes each job
 * unique (e.g. one reminder per member and session), so scheduling twice never sends twice.
 */
export const scheduledJobs = sqliteTable(
  'scheduled_jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    key: text('key').notNull().unique(),
    runAt: integer('run_at', { mode: 'timestamp_ms' }).notNull(),
    /** After this moment the job is no longer useful (e.g. the session has started): it is skipped. */
    staleAt: integer('stale_at', { mode: 'timestamp_ms' }),
    payload: text('payload').notNull().default('{}'),
    status: text('status', { enum: ['pending', 'done', 'skipped', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
  },
  (table) => [index('scheduled_jobs_due_idx').on(table.status, table.runAt)],
);
