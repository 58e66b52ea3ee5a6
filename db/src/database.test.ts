import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type Database } from './database';

// Units of work on SQLite: one transaction around asynchronous work, units one after another, reads outside a
// unit never seeing what a unit may still roll back. (The same on PostgreSQL: tests/integration/postgres-*.)

describe('a unit of work on SQLite', () => {
  let dir: string;
  let db: Database;
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open() {
    dir = mkdtempSync(join(tmpdir(), 'apoc-units-'));
    db = openSqliteDatabase(join(dir, 'apoc.db'));
    await db.unit(async () => {
      db.q.run(sql`create table counter (n integer not null)`);
      db.q.run(sql`insert into counter values (0)`);
    });
  }
  const read = async () => (await db.rows<{ n: number }>(sql`select n from counter`))[0]?.n;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1));

  it('runs units one after another across awaits: no increment is lost', async () => {
    await open();
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.unit(async () => {
          const n = (await db.rows<{ n: number }>(sql`select n from counter`))[0]?.n ?? 0;
          await pause();
          db.q.run(sql`update counter set n = ${n + 1}`);
        }),
      ),
    );
    expect(await read()).toBe(50);
  });

  it('rolls back a unit that throws, and goes on with the next', async () => {
    await open();
    await expect(
      db.unit(async () => {
        db.q.run(sql`update counter set n = 7`);
        await pause();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await read()).toBe(0);
    await db.unit(async () => void db.q.run(sql`update counter set n = 1`));
    expect(await read()).toBe(1);
  });

  it('lets reads outside a unit see only what is committed', async () => {
    await open();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const unit = db.unit(async () => {
      db.q.run(sql`update counter set n = 5`);
      await gate;
    });
    await pause();
    // Another request, reading while the unit is open:
    expect(await read()).toBe(0);
    release();
    await unit;
    expect(await read()).toBe(5);
  });

  it('refuses a write outside a unit, loudly', async () => {
    await open();
    const { members } = db.tables;
    await expect(
      Promise.resolve().then(() => db.q.update(members).set({ name: 'x' }).where(eq(members.id, 'nobody')).run()),
    ).rejects.toThrow(/readonly/);
  });

  it('joins the unit it is started in, and does not join one that has ended', async () => {
    await open();
    let later: Promise<void> | undefined;
    await db.unit(async () => {
      await db.unit(async () => void db.q.run(sql`update counter set n = 2`));
      expect(db.inUnit).toBe(true);
      // A timer set inside a unit runs after it, in its context: it must make a unit of its own.
      later = new Promise((resolve) => setTimeout(resolve, 5)).then(() => {
        expect(db.inUnit).toBe(false);
      });
    });
    await later;
    expect(await read()).toBe(2);
  });

  it('runs what waits for a commit after it, when a read sees the change; never after a rollback', async () => {
    await open();
    const seen: (number | undefined | string)[] = [];
    await db.unit(async () => {
      await db.unit(async () => void db.q.run(sql`update counter set n = 3`));
      db.afterCommit(() => seen.push('committed'));
      await pause();
      seen.push('still in the unit');
    });
    seen.push(await read());
    await expect(
      db.unit(async () => {
        db.afterCommit(() => seen.push('never'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    db.afterCommit(() => seen.push('outside a unit: at once'));
    expect(seen).toEqual(['still in the unit', 'committed', 3, 'outside a unit: at once']);
  });
});
