import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { SESSION_KINDS, SESSION_STATUSES } from '@apoc/shared';
import { rooms } from './rooms';
import { summits } from './summits';
import { tracks } from './tracks';

/** A slot of a summit's agenda. Start and end are UTC instants; both null while unscheduled. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    abstract: text('abstract').notNull().default(''),
    kind: text('kind', { enum: SESSION_KINDS }).notNull(),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('scheduled'),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
    roomId: text('room_id').references(() => rooms.id, { onDelete: 'set null' }),
    trackId: text('track_id').references(() => tracks.id, { onDelete: 'set null' }),
    seatLimit: integer('seat_limit'),
    /** Private: revealed only to those entitled, inside the join window. */
    joinUrl: text('join_url'),
    /** Offered on the session's page once it has ended. */
    recordingUrl: text('recording_url'),
    /** CME/CPD credit hours in hundredths (0.75 h is 75); null when the session earns none (breaks, socials). */
    creditHundredths: integer('credit_hundredths'),
    /** How many published versions changed this session: the iCalendar SEQUENCE of its event. */
    sequence: integer('sequence').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('sessions_summit_start_idx').on(table.summitId, table.startsAt)],
);
