import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { summits } from './summits';

export const rooms = sqliteTable(
  'rooms',
  {
    id: text('id').primaryKey(),
    summitId: text('summit_id')
      .notNull()
      .references(() => summits.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    capacity: integer('capacity'),
    position: integer('position').notNull().default(0),
  },
  (table) => [index('rooms_summit_idx').on(table.summitId)],
);
