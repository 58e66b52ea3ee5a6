import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { MEMBER_ROLES } from '@apoc/shared';
import { institutions } from './institutions';

export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    /** Stored as entered; uniqueness is case-insensitive through the index on lower(email). */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: MEMBER_ROLES }).notNull(),
    /** Null for external guests. */
    institutionId: text('institution_id').references(() => institutions.id),
    /** Null means "the institution's zone". */
    timeZone: text('time_zone'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    uniqueIndex('members_email_lower_unique').on(sql`lower(${table.email})`),
    index('members_institution_idx').on(table.institutionId),
  ],
);
