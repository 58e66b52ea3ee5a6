import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { OUTBOX_STATUSES } from '@apoc/shared';

/**
 * Every outgoing e-mail, written in the same transaction as the change that caused it and delivered
 * by the outbox worker, so that a crash or a mail server that is down loses nothing.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    /** What kind of message, e.g. `sign-in`: for people reading the outbox, never for routing. */
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** JSON array of {filename, contentType, content (base64)}; empty for most messages. */
    attachments: text('attachments').notNull().default('[]'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set while a worker holds the message; a lease older than a few minutes is a crashed worker's. */
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** Set when the body (text, html, attachments) was removed after the retention period; metadata stays. */
    purgedAt: integer('purged_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    index('outbox_due_idx').on(table.status, table.nextAttemptAt),
    index('outbox_created_idx').on(table.createdAt),
  ],
);
