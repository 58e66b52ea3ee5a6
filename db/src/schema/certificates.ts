import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CertificateDocument } from '@apoc/shared';
import { members } from './members';
import { registrations } from './registrations';
import { sessions } from './sessions';
import { summits } from './summits';

/**
 * In-person attendance: a registration checked in at the desk on a day of the summit (a date in the summit's
 * zone), once per day; with a session, the scan at that session's room door.
 */
export const checkIns = sqliteTable(
  'check_ins',
  {
    id: text('id').primaryKey(),
    registrationId: text('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** YYYY-MM-DD in the summit's zone. */
    day: text('day').notNull(),
    /** Null for the summit's desk; a session for a scan at its room door. */
    sessionId: text('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    index('check_ins_summit_member_idx').on(table.summitId, table.memberId, table.day),
    index('check_ins_session_idx').on(table.sessionId, table.memberId),
  ],
);

/**
 * A member's evaluation of a summit: a rating (1–5) for each of the organisers' questions, in their order, a
 * rating of each attended session, and a free comment. Organisers see them only aggregated; speakers never.
 */
export const evaluations = sqliteTable(
  'evaluations',
  {
    id: text('id').primaryKey(),
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    ratings: text('ratings', { mode: 'json' }).$type<number[]>().notNull(),
    sessionRatings: text('session_ratings', { mode: 'json' }).$type<Record<string, number>>().notNull().default({}),
    comment: text('comment').notNull().default(''),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [uniqueIndex('evaluations_summit_member_unique').on(table.summitId, table.memberId)],
);

/**
 * A certificate of attendance as issued: what it states is frozen in `document` (a later change of the agenda
 * or of the member's name does not change a certificate already issued; re-issuing does). `code` is the
 * unguessable verification code printed on it.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** For certificates issued per day: that day (YYYY-MM-DD in the summit's zone); null for the whole summit. */
    day: text('day'),
    status: text('status', { enum: ['valid', 'revoked', 'replaced'] })
      .notNull()
      .default('valid'),
    /** Credit hours in hundredths (0.75 h is 75), so that totals are exact. */
    creditHundredths: integer('credit_hundredths').notNull(),
    document: text('document', { mode: 'json' }).$type<CertificateDocument>().notNull(),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revokedReason: text('revoked_reason'),
    /** The code of the certificate that replaced this one. */
    replacedBy: text('replaced_by'),
  },
  (table) => [
    index('certificates_summit_member_idx').on(table.summitId, table.memberId, table.status),
    // One valid certificate per member for the whole summit, and one per day: the backstop of the unit that issues
    // them under the member's key. Two indexes, since a unique index tells no two nulls (no day) apart.
    uniqueIndex('certificates_one_valid_idx')
      .on(table.summitId, table.memberId)
      .where(sql`${table.status} = 'valid' and ${table.day} is null`),
    uniqueIndex('certificates_one_valid_a_day_idx')
      .on(table.summitId, table.memberId, table.day)
      .where(sql`${table.status} = 'valid' and ${table.day} is not null`),
  ],
);
