import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { SUMMIT_FORMATS, SUMMIT_STATUSES } from '@apoc/shared';
import type { Accreditation } from '@apoc/shared';
import type { Language } from '@apoc/shared/domain';
import { institutions } from './institutions';

export const summits = sqliteTable(
  'summits',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    /** e.g. "Spring 2027". */
    edition: text('edition'),
    format: text('format', { enum: SUMMIT_FORMATS }).notNull(),
    status: text('status', { enum: SUMMIT_STATUSES }).notNull().default('draft'),
    /** IANA zone in which the summit's days and the organisers' times are expressed. */
    timeZone: text('time_zone').notNull(),
    /** Calendar dates (YYYY-MM-DD) in the summit's zone; instants are derived with the zone. */
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    description: text('description').notNull().default(''),
    /** The title and description in other languages, as organisers gave them: { fr: { title, description } }. */
    translations: text('translations', { mode: 'json' })
      .$type<Partial<Record<Language, { title?: string; description?: string }>>>()
      .notNull()
      .default({}),
    venueName: text('venue_name'),
    venueAddress: text('venue_address'),
    venueCity: text('venue_city'),
    hostInstitutionId: text('host_institution_id').references(() => institutions.id),
    seatsInPerson: integer('seats_in_person'),
    seatsVirtual: integer('seats_virtual'),
    registrationOpensAt: integer('registration_opens_at', { mode: 'timestamp_ms' }),
    registrationClosesAt: integer('registration_closes_at', { mode: 'timestamp_ms' }),
    /** Registrations wait as `pending` until an organiser approves them. */
    requiresApproval: integer('requires_approval', { mode: 'boolean' }).notNull().default(false),
    /** When unclaimed institution quota seats return to the common pool; null: quotas never release. */
    quotaReleaseAt: integer('quota_release_at', { mode: 'timestamp_ms' }),
    /** How long a waitlisted member has to accept an in-person seat, at most. */
    offerWindowHours: integer('offer_window_hours').notNull().default(48),
    /** How many minutes before a session its join URL is revealed to those entitled. */
    joinWindowMinutes: integer('join_window_minutes').notNull().default(15),
    /** One stream URL for the whole summit, which sessions without their own join URL inherit. */
    streamUrl: text('stream_url'),
    /** CME/CPD accreditation: the wording, signatory, attendance rule and evaluation; null when not accredited. */
    accreditation: text('accreditation', { mode: 'json' }).$type<Accreditation>(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('summits_status_start_idx').on(table.status, table.startDate)],
);
