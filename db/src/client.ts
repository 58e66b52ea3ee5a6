import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations');

export interface OpenDatabaseOptions {
  /** Path of the SQLite file; its folder is created when missing. `:memory:` is accepted. */
  path: string;
  /** Milliseconds a writer waits for the lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/**
 * Opens the database with the pragmas every connection needs and applies pending migrations.
 * WAL lets readers proceed while one writer commits; foreign keys are off by default in SQLite.
 */
export function openDatabase({ path, busyTimeoutMs = 5000 }: OpenDatabaseOptions): Db {
  // The database holds people's names, addresses and needs: readable by the server's own user only. A folder
  // made here is 0700; the file and its WAL companions are 0600 whoever made them.
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
  const client = new Database(path);
  try {
    client.pragma('journal_mode = WAL');
    if (path !== ':memory:') restrictToOwner(path);
    client.pragma('foreign_keys = ON');
    // Removed content (a purged sign-in link, an erased person) is overwritten, not left in free pages of the file.
    client.pragma('secure_delete = ON');
    client.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    client.pragma('synchronous = NORMAL');
    const db = drizzle({ client, schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return db;
  } catch (error) {
    client.close();
    throw error;
  }
}

/** Makes the database file and its -wal/-shm companions readable and writable by their owner only. */
export function restrictToOwner(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}
