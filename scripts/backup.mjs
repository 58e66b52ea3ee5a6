#!/usr/bin/env node
// `pnpm backup`: a consistent copy of the live SQLite database, taken while the server runs, with SQLite's
// online backup API (page by page, each step a consistent snapshot; never a file copy, which could catch a
// write half done). Writes BACKUP_DIR/apoc-YYYYMMDD-HHMMSS.sqlite (UTC), checks it, prints its path.
// Environment: DATABASE_PATH (default data/apoc.sqlite), BACKUP_DIR (default backups), as the server reads them.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// better-sqlite3 belongs to the @apoc/db package: load it from there.
const Database = createRequire(new URL('../db/package.json', import.meta.url))('better-sqlite3');

function fail(message) {
  process.stderr.write(`apoc backup: ${message}\n`);
  process.exit(1);
}

const databasePath = resolve(process.env.DATABASE_PATH?.trim() || 'data/apoc.sqlite');
const backupDir = resolve(process.env.BACKUP_DIR?.trim() || 'backups');
if (!existsSync(databasePath)) fail(`no database at ${databasePath} (set DATABASE_PATH to the server's file)`);

// Backups hold everything the database holds: readable by their owner only.
mkdirSync(backupDir, { recursive: true, mode: 0o700 });
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
let target = join(backupDir, `apoc-${stamp}.sqlite`);
for (let n = 2; existsSync(target); n++) target = join(backupDir, `apoc-${stamp}-${n}.sqlite`);

const source = new Database(databasePath, { fileMustExist: true });
try {
  source.pragma('busy_timeout = 5000');
  await source.backup(target);
} catch (error) {
  fail(`could not copy ${databasePath}: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  source.close();
}
chmodSync(target, 0o600);

const copy = new Database(target, { fileMustExist: true });
const integrity = copy.pragma('integrity_check', { simple: true });
copy.close();
if (integrity !== 'ok') fail(`the copy at ${target} failed its integrity check: ${integrity}`);
process.stdout.write(`${target}\n`);
