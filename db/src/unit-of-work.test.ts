import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from './client';
import { SqliteUnitOfWork } from './unit-of-work';

describe('a unit of work on SQLite', () => {
  let dir: string;
  let db: Db;
  afterEach(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  function open() {
    dir = mkdtempSync(join(tmpdir(), 'apoc-uow-'));
    db = openDatabase({ path: join(dir, 'apoc.db') });
    db.$client.exec('CREATE TABLE counter (n INTEGER NOT NULL)');
    db.$client.exec('INSERT INTO counter VALUES (0)');
    return new SqliteUnitOfWork(db);
  }
  const read = () => (db.$client.prepare('SELECT n FROM counter').get() as { n: number }).n;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1));

  it('runs units one after another across awaits: no increment is lost', async () => {
    const units = open();
    await Promise.all(
      Array.from({ length: 50 }, () =>
        units.run(async () => {
          const n = read();
          await pause();
          db.$client.prepare('UPDATE counter SET n = ?').run(n + 1);
        }),
      ),
    );
    expect(read()).toBe(50);
  });

  it('rolls back a unit that throws, and goes on with the next', async () => {
    const units = open();
    await expect(
      units.run(async () => {
        db.$client.exec('UPDATE counter SET n = 7');
        await pause();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(read()).toBe(0);
    await units.run(async () => void db.$client.exec('UPDATE counter SET n = 1'));
    expect(read()).toBe(1);
  });
});
