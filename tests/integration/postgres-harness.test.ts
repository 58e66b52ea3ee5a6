import { closePostgres, openPostgres, PostgresUnitOfWork } from '@apoc/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { psqlQuery, startPostgres, type PostgresServer } from '../helpers/postgres';

// The groundwork of issue 16: tests start the PostgreSQL server they need, on a free port, and remove it after.

describe('a PostgreSQL server started by the tests', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.stop());

  it('answers as PostgreSQL 15, and gives each test a database of its own', async () => {
    expect(await psqlQuery(server.url, 'SHOW server_version')).toMatch(/^15\./);
    expect(await psqlQuery(server.url, 'SHOW fsync')).toBe('off');
    const url = await server.createDatabase('apoc_harness');
    expect(await psqlQuery(url, 'SELECT current_database()')).toBe('apoc_harness');
  });

  it('is reached by drizzle through node-postgres, as the platform will', async () => {
    const db = openPostgres({ url: server.url, max: 2 });
    try {
      const result = await db.execute(sql`select 40 + 2 as answer`);
      expect(result.rows).toEqual([{ answer: 42 }]);
    } finally {
      await closePostgres(db);
    }
  });

  it('runs units of work in transactions of their own: a row lock keeps concurrent increments exact', async () => {
    const db = openPostgres({ url: await server.createDatabase('apoc_units'), max: 8 });
    try {
      await db.execute(sql`create table counter (n integer not null)`);
      await db.execute(sql`insert into counter values (0)`);
      const units = new PostgresUnitOfWork(db);
      await Promise.all(
        Array.from({ length: 40 }, () =>
          units.run(async () => {
            const { rows } = await units.db.execute<{ n: number }>(sql`select n from counter for update`);
            await units.db.execute(sql`update counter set n = ${(rows[0]?.n ?? 0) + 1}`);
          }),
        ),
      );
      await expect(
        await units.run(async () => {
          await units.db.execute(sql`update counter set n = 0`);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      const { rows } = await db.execute<{ n: number }>(sql`select n from counter`);
      expect(rows).toEqual([{ n: 40 }]);
    } finally {
      await closePostgres(db);
    }
  });
});
