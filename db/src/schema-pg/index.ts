import { Column, SQL, is, type Table } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as lite from '../schema/index';

// The PostgreSQL schema, derived from the one description in ../schema (written for SQLite) so that the two
// cannot drift apart: every table, column, default, key, index and check is carried over, each column in the
// type PostgreSQL would choose for it. An instant (integer milliseconds in SQLite) becomes `timestamptz(3)`, a
// flag (integer 0/1) `boolean`, a JSON document (text) `jsonb`; text and integers stay as they are. Both
// tables give JavaScript the same values (Date, boolean, parsed JSON), which is what lets one set of
// repositories run on either backend. `pnpm --filter @apoc/db generate` writes migrations for both.

type LiteTables = typeof lite;
type AnyPgTable = PgTableWithColumns<never>;

const converted = new Map<SQLiteTable, AnyPgTable>();

function counterpart(table: Table): AnyPgTable {
  const found = converted.get(table as SQLiteTable);
  if (!found) throw new Error(`no PostgreSQL table for ${String(table)}`);
  return found;
}

function columnOf(column: Column): AnyPgColumn {
  return (counterpart(column.table) as unknown as Record<string, AnyPgColumn>)[keyOf(column)]!;
}

function keyOf(column: Column): string {
  const columns = getTableConfig(column.table as SQLiteTable).columns;
  const table = column.table as unknown as Record<string, unknown>;
  const key = Object.keys(table).find((name) => table[name] === column);
  if (!key || !columns.includes(column as SQLiteColumn)) throw new Error(`column ${column.name} has no key`);
  return key;
}

/** The same SQL with every SQLite column it names replaced by its PostgreSQL counterpart. */
function translate(expression: SQL): SQL {
  return new SQL(
    expression.queryChunks.map((chunk) => {
      if (is(chunk, Column)) return columnOf(chunk);
      if (is(chunk, SQL)) return translate(chunk);
      return chunk;
    }),
  );
}

function columnBuilder(column: SQLiteColumn): PgColumnBuilderBase {
  const mode = (column as unknown as { config?: { mode?: string } }).config?.mode;
  let builder;
  switch (column.columnType) {
    case 'SQLiteText':
      builder = column.enumValues?.length
        ? text(column.name, { enum: column.enumValues as [string] })
        : text(column.name);
      break;
    case 'SQLiteTextJson':
      builder = jsonb(column.name);
      break;
    case 'SQLiteBoolean':
      builder = boolean(column.name);
      break;
    case 'SQLiteTimestamp':
      if (mode !== 'timestamp_ms') throw new Error(`${column.name}: instants are stored in milliseconds`);
      builder = timestamp(column.name, { withTimezone: true, precision: 3, mode: 'date' });
      break;
    case 'SQLiteInteger':
      builder = integer(column.name);
      break;
    default:
      throw new Error(`${column.name}: no PostgreSQL type for ${column.columnType}`);
  }
  if (column.notNull) builder = builder.notNull();
  if (column.default !== undefined) {
    builder = builder.default(is(column.default, SQL) ? translate(column.default) : (column.default as never));
  }
  if (column.primary) builder = builder.primaryKey();
  if (column.isUnique) builder = builder.unique(column.uniqueName);
  return builder;
}

function convert(table: SQLiteTable): AnyPgTable {
  const config = getTableConfig(table);
  const source = table as unknown as Record<string, unknown>;
  const columns: Record<string, PgColumnBuilderBase> = {};
  for (const key of Object.keys(source)) {
    const column = source[key];
    if (!is(column, Column) || !config.columns.includes(column as SQLiteColumn)) continue;
    let builder = columnBuilder(column as SQLiteColumn) as ReturnType<typeof integer>;
    const foreignKey = config.foreignKeys.find((fk) => fk.reference().columns[0] === column);
    if (foreignKey) {
      const reference = foreignKey.reference();
      builder = builder.references(() => columnOf(reference.foreignColumns[0]!) as never, {
        onDelete: foreignKey.onDelete,
        onUpdate: foreignKey.onUpdate,
      });
    }
    columns[key] = builder;
  }
  return pgTable(config.name, columns, (pg) => {
    const column = (of: Column) => (pg as unknown as Record<string, AnyPgColumn>)[keyOf(of)]!;
    const part = (of: Column | SQL) => (is(of, SQL) ? translate(of) : column(of));
    return [
      ...config.indexes.map((found) => {
        const parts = found.config.columns.map((of) => part(of as Column | SQL)) as [AnyPgColumn];
        const named = (found.config.unique ? uniqueIndex : index)(found.config.name);
        const built = named.on(...parts);
        return found.config.where ? built.where(translate(found.config.where)) : built;
      }),
      ...config.primaryKeys.map((key) =>
        primaryKey({ name: key.getName(), columns: key.columns.map(column) as [AnyPgColumn] }),
      ),
      ...config.checks.map((found) => check(found.name, translate(found.value))),
    ];
  }) as unknown as AnyPgTable;
}

const entries = (Object.entries(lite) as [string, unknown][]).filter((entry): entry is [string, SQLiteTable] =>
  is(entry[1], SQLiteTable),
);
for (const [, table] of entries) converted.set(table, convert(table));

/** The PostgreSQL tables under the same names as the SQLite ones, typed as them for the repositories. */
export const pgTables = Object.fromEntries(
  entries.map(([name, table]) => [name, counterpart(table)]),
) as unknown as LiteTables;
