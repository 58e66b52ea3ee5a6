import { first, pgTables, tables as sqliteTables, type Database, type Tables } from '@apoc/db';
import { sql, type SQL } from 'drizzle-orm';

/**
 * The backend the tests run on: PostgreSQL in the `integration-pg` project (APOC_TEST_BACKEND=postgres, set by
 * the project), else SQLite. Tests build queries with these tables and run them on `app.db`.
 */
export const backend: 'sqlite' | 'postgres' = process.env.APOC_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
export const tables: Tables = backend === 'postgres' ? pgTables : sqliteTables;
export { first, sql };

/** Rows of raw SQL, for assertions that read the database as an operator would. */
export function rows<T = Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  return db.rows<T>(query);
}

/** Runs raw SQL that changes something, in a unit of work. */
export async function exec(db: Database, query: SQL): Promise<void> {
  await db.unit(async () => {
    if (db.dialect === 'postgres') await db.rows(query);
    else db.q.run(query);
  });
}

/** Every row of every table, as text: what a stolen copy of the database would tell about anyone. */
export async function everything(db: Database): Promise<string> {
  const names =
    db.dialect === 'postgres'
      ? await rows<{ name: string }>(
          db,
          sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
        )
      : await rows<{ name: string }>(db, sql`select name from sqlite_master where type = 'table'`);
  const dumps = [];
  for (const { name } of names) dumps.push(JSON.stringify(await rows(db, sql.raw(`select * from "${name}"`))));
  return dumps.join('\n');
}
