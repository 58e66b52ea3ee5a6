import { describe, expect, it } from 'vitest';
import { migratedUpTo } from './migrations.testing';

// Migration 0009 turns the audit log's prose details into structured data: what earlier versions wrote must
// read the same afterwards.

describe('migration 0009: structured registration audit details', () => {
  it('parses the prose of earlier versions, keeping what it cannot parse as the reason', () => {
    const { db, migrate } = migratedUpTo('0009');
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
    migrate();
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
