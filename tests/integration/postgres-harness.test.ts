import { closePostgres, openPostgres, openPostgresDatabase } from '@apoc/db';
import { eq, placeholder, sql } from 'drizzle-orm';
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
    const db = await openPostgresDatabase(await server.createDatabase('apoc_units'), 8);
    try {
      await db.unit(async () => {
        await db.rows(sql`create table counter (id text primary key, n integer not null)`);
        await db.rows(sql`insert into counter values ('one', 0)`);
      });
      const counter = sql`counter`;
      await Promise.all(
        Array.from({ length: 40 }, () =>
          db.unit(async () => {
            const [row] = await db.rows<{ n: number }>(sql`select n from ${counter} where id = 'one' for update`);
            await db.rows(sql`update counter set n = ${(row?.n ?? 0) + 1} where id = 'one'`);
          }),
        ),
      );
      await expect(
        db.unit(async () => {
          await db.rows(sql`update counter set n = 0`);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await db.rows(sql`select n from counter`)).toEqual([{ n: 40 }]);
    } finally {
      await db.close();
    }
  });

  it('runs what waits for a commit after it, once per unit even when a conflict made it run again', async () => {
    const db = await openPostgresDatabase(await server.createDatabase('apoc_after_commit'), 4);
    try {
      const seen: string[] = [];
      let attempts = 0;
      await db.unit(async () => {
        attempts += 1;
        db.afterCommit(() => seen.push(`committed after ${attempts} attempts`));
        // A serialisation failure on the first attempt: the unit runs again from the start.
        if (attempts === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      });
      await expect(
        db.unit(async () => {
          db.afterCommit(() => seen.push('never'));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(seen).toEqual(['committed after 2 attempts']);
    } finally {
      await db.close();
    }
  });

  it('builds a prepared query once per pooled connection, runs it in the transaction of the unit that calls it, and has PostgreSQL keep it as a named statement', async () => {
    const db = await openPostgresDatabase(await server.createDatabase('apoc_prepared'), 3);
    try {
      const { institutions } = db.tables;
      let builds = 0;
      const byId = db.prepare((q) => {
        builds += 1;
        return q
          .select({ id: institutions.id })
          .from(institutions)
          .where(eq(institutions.id, placeholder('id')))
          .prepare();
      });
      const seen = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          db.unit(async () => {
            const id = `prepared-${i}`;
            await db.q.insert(institutions).values({
              id,
              name: `Centre ${i}`,
              shortName: `C${i}`,
              city: 'Essen',
              country: 'DE',
              timeZone: 'Europe/Berlin',
              createdAt: new Date(),
            });
            // Not committed yet: only this unit's own connection can see the row.
            return (await byId().execute({ id })).map((row) => row.id);
          }),
        ),
      );
      expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => [`prepared-${i}`]));
      // At most once for each of the pool's three connections, not once per unit.
      expect(builds).toBeGreaterThanOrEqual(1);
      expect(builds).toBeLessThanOrEqual(3);
      // Outside a unit: built once more, for the pool, and it sees what was committed.
      expect((await byId().execute({ id: 'prepared-7' })).map((row) => row.id)).toEqual(['prepared-7']);
      expect(builds).toBeLessThanOrEqual(4);
      // A named statement: the connection has it parsed and planned, and sends only the values next time.
      const kept = await db.unit(async () => {
        await byId().execute({ id: 'prepared-1' });
        return db.rows<{ name: string }>(
          sql`select name from pg_prepared_statements where statement like '%from "institutions"%'`,
        );
      });
      expect(kept.map((row) => row.name)).toEqual([expect.stringMatching(/^apoc_\d+$/)]);
    } finally {
      await db.close();
    }
  });

  it('migrates at boot, once, when several instances start together', async () => {
    const url = await server.createDatabase('apoc_boot');
    const instances = await Promise.all([1, 2, 3].map(() => openPostgresDatabase(url, 2)));
    try {
      const [migrations] = await instances[0]!.rows<{ n: number }>(
        sql`select count(*) as n from drizzle.__drizzle_migrations`,
      );
      expect(migrations?.n).toBeGreaterThan(0);
      const [tables] = await instances[0]!.rows<{ n: number }>(
        sql`select count(*) as n from information_schema.tables where table_schema = 'public'`,
      );
      expect(tables?.n).toBe(Object.keys(instances[0]!.tables).length);
    } finally {
      await Promise.all(instances.map((db) => db.close()));
    }
  });
});
