import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migratedUpTo } from './migrations.testing';

// Migration 0020 counts the registrations already there, and its triggers keep the counts from then on.

const counts = (db: Database.Database) =>
  db
    .prepare(
      `select summit_id || ' ' || mode || ' ' || status as key, n from registration_counts where n <> 0 order by key`,
    )
    .all();

describe('migration 0020: registration counts', () => {
  it('counts the registrations of earlier versions, then follows every insert, change and deletion', () => {
    const { db, migrate } = migratedUpTo('0020');
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare(
      `insert into registrations (id, summit_id, member_id, mode, status, check_in_code, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, 1, 1)`,
    );
    insert.run('r1', 's1', 'm1', 'in_person', 'confirmed', 'c1');
    insert.run('r2', 's1', 'm2', 'in_person', 'confirmed', 'c2');
    insert.run('r3', 's1', 'm3', 'in_person', 'waitlisted', 'c3');
    insert.run('r4', 's2', 'm1', 'virtual', 'confirmed', 'c4');
    migrate();
    expect(counts(db)).toEqual([
      { key: 's1 in_person confirmed', n: 2 },
      { key: 's1 in_person waitlisted', n: 1 },
      { key: 's2 virtual confirmed', n: 1 },
    ]);

    insert.run('r5', 's1', 'm4', 'in_person', 'waitlisted', 'c5');
    db.prepare(`update registrations set status = 'cancelled' where id = 'r1'`).run();
    db.prepare(`update registrations set status = 'offered' where id = 'r3'`).run();
    db.prepare(`update registrations set mode = 'virtual', status = 'confirmed' where id = 'r5'`).run();
    // A change that moves neither mode nor status leaves the counts as they are.
    db.prepare(`update registrations set note = 'vegetarian', status = status where id = 'r2'`).run();
    db.prepare(`delete from registrations where id = 'r4'`).run();
    expect(counts(db)).toEqual([
      { key: 's1 in_person cancelled', n: 1 },
      { key: 's1 in_person confirmed', n: 1 },
      { key: 's1 in_person offered', n: 1 },
      { key: 's1 virtual confirmed', n: 1 },
    ]);
    db.close();
  });
});
