import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  /** Opens a new database file holding a counter at 0, and gives its path. */
  async function open(): Promise<string> {
    dir = mkdtempSync(join(tmpdir(), 'apoc-units-'));
    const path = join(dir, 'apoc.db');
    db = openSqliteDatabase(path);
    await db.unit(async () => {
      db.q.run(sql`create table counter (n integer not null)`);
      db.q.run(sql`insert into counter values (0)`);
    });
    return path;
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

  it('commits units that arrive together once, and tells no caller before that commit', async () => {
    await open();
    const client = db.sqlite;
    if (!client) throw new Error('SQLite has a writing connection');
    let commits = 0;
    const exec = client.exec.bind(client);
    client.exec = (source: string) => {
      if (source === 'COMMIT') commits += 1;
      return exec(source);
    };
    const heard: (number | undefined)[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db
          .unit(async () => void db.q.run(sql`update counter set n = n + ${i + 1}`))
          // The read connection sees only what is committed: each caller hears of its unit after the COMMIT.
          .then(async () => heard.push(await read())),
      ),
    );
    expect(commits).toBe(1);
    expect(heard).toEqual(Array.from({ length: 10 }, () => 55));
  });

  it("rolls back only the unit that throws in a group, and runs the others' afterCommit in their order", async () => {
    await open();
    const seen: string[] = [];
    const results = await Promise.allSettled([
      db.unit(async () => {
        db.q.run(sql`update counter set n = n + 1`);
        db.afterCommit(() => seen.push('first'));
      }),
      db.unit(async () => {
        db.q.run(sql`update counter set n = n + 100`);
        db.afterCommit(() => seen.push('never'));
        throw new Error('refused');
      }),
      db.unit(async () => {
        db.q.run(sql`update counter set n = n + 10`);
        db.afterCommit(() => seen.push('third'));
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await read()).toBe(11);
    expect(seen).toEqual(['first', 'third']);
  });

  it('fails every unit of a group whose COMMIT fails, and goes on with the next group', async () => {
    await open();
    const client = db.sqlite;
    if (!client) throw new Error('SQLite has a writing connection');
    const exec = client.exec.bind(client);
    let failNext = true;
    client.exec = (source: string) => {
      if (source === 'COMMIT' && failNext) {
        failNext = false;
        throw new Error('disk I/O error');
      }
      return exec(source);
    };
    const group = await Promise.allSettled(
      [1, 2].map((k) => db.unit(async () => void db.q.run(sql`update counter set n = n + ${k}`))),
    );
    expect(group.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await read()).toBe(0);
    await db.unit(async () => void db.q.run(sql`update counter set n = 7`));
    expect(await read()).toBe(7);
  });

  it('commits a group still open when the database closes', async () => {
    const path = await open();
    const pending = db.unit(async () => void db.q.run(sql`update counter set n = 9`));
    await db.close();
    await pending;
    db = openSqliteDatabase(path);
    expect(await read()).toBe(9);
  });

  it('checkpoints on a thread of its own once it is in use, so that no COMMIT copies the WAL into the file', async () => {
    const path = await open();
    const writer = db.sqlite;
    expect(writer?.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const before = statSync(path).size;
    // 150 commits of 2 KB: about 80 pages of WAL, far below the writer's own threshold, one after another.
    for (let i = 0; i < 150; i++) {
      await db.unit(async () => void db.q.run(sql`insert into counter values (${'x'.repeat(2048)})`));
    }
    expect(writer?.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
    // Only a checkpoint writes pages into the file itself: the thread's, within a few of its rounds.
    for (let i = 0; i < 100 && statSync(path).size === before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(statSync(path).size).toBeGreaterThan(before + 150 * 2048);
    expect(await read()).toBe(0);
  });

  it('closes in a process with nothing else to do, its checkpoint thread too, and the process ends well', async () => {
    const path = await open();
    // Closed here: a process of its own opens it, commits and closes it. A script's last act, as a bench's or a
    // backup's: the thread must not let the process end before the close.
    await db.close();
    const script = `
      const { openSqliteDatabase } = await import(${JSON.stringify(fileURLToPath(new URL('./database.ts', import.meta.url)))});
      const db = openSqliteDatabase(process.argv[2]);
      for (let i = 0; i < 150; i++) await db.unit(async () => void db.sqlite.exec('insert into counter values (1)'));
      await db.close();
      console.log('closed');`;
    const file = join(dir, 'script.mjs');
    writeFileSync(file, script);
    const output = execFileSync(process.execPath, ['--import', 'tsx', file, path], { encoding: 'utf8' });
    expect(output.trim()).toBe('closed');
    db = openSqliteDatabase(path);
    expect((await db.rows<{ n: number }>(sql`select count(*) as n from counter`))[0]?.n).toBe(151);
  });
});
