import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The network's organisations: the eight cancer centres and Amgen, the host. */
export const institutions = sqliteTable('institutions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  city: text('city').notNull(),
  country: text('country').notNull(),
  /** IANA zone, e.g. `Asia/Seoul`. */
  timeZone: text('time_zone').notNull(),
  isHost: integer('is_host', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
