import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { summits } from './summits';

/** A summit's focus areas (thoracic, gastrointestinal, genito-urinary, cross-cutting…). */
export const tracks = sqliteTable(
  'tracks',
  {
    id: text('id').primaryKey(),
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** One colour per track, used everywhere the track appears (#rrggbb). */
    color: text('color').notNull(),
    position: integer('position').notNull().default(0),
  },
  (table) => [index('tracks_summit_idx').on(table.summitId)],
);
