import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

// For the tests of a SQLite migration: a database with the migrations before it, to write what earlier versions
// wrote, and then the migration itself.

const folder = join(import.meta.dirname, '..', 'migrations');

function apply(db: Database.Database, file: string): void {
  for (const statement of readFileSync(join(folder, file), 'utf8').split('--> statement-breakpoint')) {
    if (statement.trim()) db.exec(statement);
  }
}

/** An in-memory database migrated up to, not including, the migration numbered `number` (e.g. '0009'). */
export function migratedUpTo(number: string): { db: Database.Database; migrate: () => void } {
  const db = new Database(':memory:');
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  for (const file of files.filter((file) => file < number)) apply(db, file);
  return { db, migrate: () => apply(db, files.find((file) => file.startsWith(number)) as string) };
}
