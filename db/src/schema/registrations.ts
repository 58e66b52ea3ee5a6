import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  ATTENDANCE_MODES,
  REGISTRATION_AUDIT_ACTIONS,
  REGISTRATION_STATUSES,
  type RegistrationAuditDetail,
} from '@apoc/shared';
import { institutions } from './institutions';
import { members } from './members';
import { summits } from './summits';

/** One member's registration for one summit: at most one per member and summit, whatever its status. */
export const registrations = sqliteTable(
  'registrations',
  {
    id: text('id').primaryKey(),
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: ATTENDANCE_MODES }).notNull(),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
    /**
     * Which share of the in-person seats a held seat counts against while quotas apply: an institution's
     * id for its quota, 'pool' for the common pool. Null while no seat is held.
     */
    seatPool: text('seat_pool'),
    dietaryNeeds: text('dietary_needs').notNull().default(''),
    accessibilityNeeds: text('accessibility_needs').notNull().default(''),
    note: text('note').notNull().default(''),
    /** The member agreed to appear on the summit's attendee list seen by other members (organisers see all). */
    listed: integer('listed', { mode: 'boolean' }).notNull().default(false),
    /** When the member joined the waitlist (FIFO order); reset when they rejoin. */
    waitlistedAt: integer('waitlisted_at', { mode: 'timestamp_ms' }),
    /**
     * The order of arrival on the summit's waitlists, given out in the unit of work that holds the summit: two
     * members who join within one millisecond, even through two instances, still have two places.
     */
    waitlistSeq: integer('waitlist_seq'),
    offerExpiresAt: integer('offer_expires_at', { mode: 'timestamp_ms' }),
    /** The secret shown as a QR code for check-in (in person). */
    checkInCode: text('check_in_code').notNull().unique(),
    checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    uniqueIndex('registrations_summit_member_unique').on(table.summitId, table.memberId),
    // Seats held and waitlist positions are counted along this index, in the waitlist's own order.
    index('registrations_summit_waitlist_idx').on(
      table.summitId,
      table.mode,
      table.status,
      table.waitlistedAt,
      table.waitlistSeq,
    ),
    // The next arrival number of a summit's waitlist is read from its end.
    index('registrations_summit_seq_idx').on(table.summitId, table.waitlistSeq),
  ],
);

/**
 * How many registrations of a summit are in each mode and status, kept by triggers on `registrations` (see the
 * migration that made this table), so that counting the seats held and the waitlist's length when someone registers
 * reads one row instead of counting every registration of the summit.
 */
export const registrationCounts = sqliteTable(
  'registration_counts',
  {
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: ATTENDANCE_MODES }).notNull(),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
    n: integer('n').notNull(),
  },
  (table) => [primaryKey({ columns: [table.summitId, table.mode, table.status] })],
);

/** Every movement of a registration, for the organisers' audit log of the waitlist. */
export const registrationEvents = sqliteTable(
  'registration_events',
  {
    id: text('id').primaryKey(),
    registrationId: text('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    action: text('action', { enum: REGISTRATION_AUDIT_ACTIONS }).notNull(),
    /** The member or organiser who acted; null for the platform itself (e.g. an offer expiring). */
    actorId: text('actor_id').references(() => members.id, { onDelete: 'set null' }),
    fromStatus: text('from_status', { enum: REGISTRATION_STATUSES }),
    toStatus: text('to_status', { enum: REGISTRATION_STATUSES }),
    /** Structured (JSON): see RegistrationAuditDetail. */
    detail: text('detail', { mode: 'json' }).$type<RegistrationAuditDetail>().notNull().default({}),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('registration_events_summit_idx').on(table.summitId, table.at)],
);

/** In-person seats reserved for an institution until the summit's quota release date. */
export const institutionQuotas = sqliteTable(
  'institution_quotas',
  {
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    institutionId: text('institution_id')
      .notNull()
      .references(() => institutions.id),
    seats: integer('seats').notNull(),
  },
  (table) => [primaryKey({ columns: [table.summitId, table.institutionId] })],
);
