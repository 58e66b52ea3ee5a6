import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ANNOUNCEMENT_AUDIENCES } from '@apoc/shared';
import type { Language } from '@apoc/shared/domain';
import { institutions } from './institutions';
import { members } from './members';
import { summits } from './summits';

/**
 * What organisers wrote to a summit's registrants: e-mailed once, through the outbox, to the seat
 * holders matching the audience, and shown on the summit page to those it is addressed to.
 */
export const announcements = sqliteTable(
  'announcements',
  {
    id: text('id').primaryKey(),
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    /** Members are deactivated, never deleted: the author stays known. */
    authorId: text('author_id')
      .notNull()
      .references(() => members.id),
    title: text('title').notNull(),
    /** Markdown, as written. */
    body: text('body').notNull(),
    /** The title and body in other languages, as the organiser gave them: { ko: { title, body } }. */
    translations: text('translations', { mode: 'json' })
      .$type<Partial<Record<Language, { title?: string; body?: string }>>>()
      .notNull()
      .default({}),
    audience: text('audience', { enum: ANNOUNCEMENT_AUDIENCES }).notNull(),
    /** The institution written to; set exactly when the audience is `institution`. */
    institutionId: text('institution_id').references(() => institutions.id),
    /** How many members it was e-mailed to when it was sent. */
    recipientCount: integer('recipient_count').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** The summit's announcements numbered in the order they were written (two may share a millisecond). */
    sequence: integer('sequence').notNull().default(0),
  },
  (table) => [
    index('announcements_summit_idx').on(table.summitId, table.createdAt),
    check('announcements_title_length', sql`length(${table.title}) between 1 and 150`),
    check('announcements_body_length', sql`length(${table.body}) between 1 and 5000`),
    check(
      'announcements_institution_audience',
      sql`(${table.audience} = 'institution') = (${table.institutionId} is not null)`,
    ),
  ],
);
