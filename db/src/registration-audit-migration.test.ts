import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

// Migration 0009 turns the audit log's prose details into structured data: what earlier versions wrote must
// read the same afterwards.

const folder = join(import.meta.dirname, '..', 'migrations');

function apply(db: Database.Database, file: string): void {
  for (const statement of readFileSync(join(folder, file), 'utf8').split('--> statement-breakpoint')) {
    if (statement.trim()) db.exec(statement);
  }
}

describe('migration 0009: structured registration audit details', () => {
  it('parses the prose of earlier versions, keeping what it cannot parse as the reason', () => {
    const db = new Database(':memory:');
    const files = readdirSync(folder)
      .filter((file) => file.endsWith('.sql'))
      .sort();
    for (const file of files.filter((file) => file < '0009')) apply(db, file);
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare(
      `insert into registration_events (id, registration_id, summit_id, action, actor_id, from_status, to_status, detail, at)
       values (?, 'r', 's', ?, null, null, 'confirmed', ?, 1)`,
    );
    insert.run('1', 'offered', 'until 2027-03-01T17:00:00.000Z');
    insert.run('2', 'mode-changed', 'in_person → virtual');
    insert.run('3', 'approved', 'no seat free: waitlisted');
    insert.run('4', 'rejected', 'the organisers could not accept it');
    insert.run('5', 'registered', '');
    apply(db, files.find((file) => file.startsWith('0009')) as string);
    const rows = db.prepare('select id, detail from registration_events order by id').all() as { detail: string }[];
    expect(rows.map((row) => JSON.parse(row.detail))).toEqual([
      { until: '2027-03-01T17:00:00.000Z' },
      { from: 'in_person', to: 'virtual' },
      { waitlisted: true },
      { reason: 'the organisers could not accept it' },
      {},
    ]);
    db.close();
  });
});
