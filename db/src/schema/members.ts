import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { FEED_SCOPES, LANGUAGES, MEMBER_ROLES, REMINDER_PREFERENCES } from '@apoc/shared';
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
    /**
     * The secret in the member's personal calendar feed URL. Kept readable (unlike sign-in secrets) so
     * the profile can show the URL again; it grants read access to one agenda and can be regenerated.
     */
    feedToken: text('feed_token').unique(),
    /**
     * What replaces feedToken (issue 14): the HMAC of the personal feed's secret, so that a copied
     * database file opens nobody's feed. The readable column is emptied at start-up and no longer written.
     */
    feedTokenHash: text('feed_token_hash').unique(),
    /** What the personal feed holds: the whole agenda of the summits they registered for, or only stars. */
    feedScope: text('feed_scope', { enum: FEED_SCOPES }).notNull().default('agenda'),
    /** Which sessions get a reminder 15 minutes before: starred ones, all of their summits', or none. */
    reminders: text('reminders', { enum: REMINDER_PREFERENCES }).notNull().default('starred'),
    /** The language the member chose (issue 18); null means "the browser's". */
    language: text('language', { enum: LANGUAGES }),
    /** Set when the person was erased (GDPR): name, e-mail and free text replaced, never to sign in again. */
    erasedAt: integer('erased_at', { mode: 'timestamp_ms' }),
    /**
     * The last successful sign-in (a link followed, or through a provider). Kept here rather than read from sign_ins,
     * which forgets ended sign-ins after RETENTION_DAYS: deactivating those unseen for months needs it.
     */
    lastSignedInAt: integer('last_signed_in_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    uniqueIndex('members_email_lower_unique').on(sql`lower(${table.email})`),
    index('members_institution_idx').on(table.institutionId),
  ],
);
