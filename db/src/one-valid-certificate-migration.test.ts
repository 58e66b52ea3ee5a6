import { describe, expect, it } from 'vitest';
import { migratedUpTo } from './migrations.testing';

// Migration 0021 keeps one valid certificate per member for the whole summit, and one per day: the older of two
// that re-issues sent at once could leave are replaced by the newest, and the database refuses a second from then on.

describe('migration 0021: one valid certificate', () => {
  it('replaces the older of two valid certificates by the newest, then refuses a second valid one', () => {
    const { db, migrate } = migratedUpTo('0021');
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare(
      `insert into certificates (id, code, summit_id, member_id, day, status, credit_hundredths, document, issued_at, replaced_by)
       values (?, ?, 's1', ?, ?, ?, 100, '{}', ?, ?)`,
    );
    // What two re-issues at once left: A pointed at C, and B and C both valid.
    insert.run('c1', 'A', 'm1', null, 'replaced', 1, 'C');
    insert.run('c2', 'B', 'm1', null, 'valid', 2, null);
    insert.run('c3', 'C', 'm1', null, 'valid', 2, null);
    // A day's certificate, a revoked one, and another member's: each alone in its scope.
    insert.run('c4', 'D', 'm1', '2031-03-04', 'valid', 3, null);
    insert.run('c5', 'E', 'm1', '2031-03-05', 'revoked', 3, null);
    insert.run('c6', 'F', 'm2', null, 'valid', 2, null);
    migrate();
    expect(db.prepare('select code, status, replaced_by as replacedBy from certificates order by code').all()).toEqual([
      { code: 'A', status: 'replaced', replacedBy: 'C' },
      { code: 'B', status: 'replaced', replacedBy: 'C' },
      { code: 'C', status: 'valid', replacedBy: null },
      { code: 'D', status: 'valid', replacedBy: null },
      { code: 'E', status: 'revoked', replacedBy: null },
      { code: 'F', status: 'valid', replacedBy: null },
    ]);

    expect(() => insert.run('c7', 'G', 'm1', null, 'valid', 4, null)).toThrow(/UNIQUE constraint failed/);
    expect(() => insert.run('c8', 'H', 'm1', '2031-03-04', 'valid', 4, null)).toThrow(/UNIQUE constraint failed/);
    insert.run('c9', 'I', 'm1', '2031-03-05', 'valid', 4, null);
    insert.run('c10', 'J', 'm1', null, 'revoked', 4, null);
    db.close();
  });
});
