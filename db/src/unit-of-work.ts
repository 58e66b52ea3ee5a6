import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './client';
import type { PgDb } from './pg-client';

// One transaction around asynchronous work, the same way on both backends (issue 16, in progress).
//
// better-sqlite3 runs a transaction synchronously: its callback cannot await. With repositories that return
// promises (as PostgreSQL needs), a transaction must span awaits. On SQLite the one connection is shared by
// every request, so a unit of work holds a process-wide lock from BEGIN IMMEDIATE to COMMIT: units run one after
// another, and every write of the platform must run inside one (a write outside would join whichever
// transaction happens to be open). On PostgreSQL each unit takes a connection of the pool and its own
// transaction; what must be serialised (a summit's seats) is locked with SELECT … FOR UPDATE inside it.

export interface UnitOfWork {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

export class SqliteUnitOfWork implements UnitOfWork {
  #tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(async () => {
      const client = this.db.$client;
      client.exec('BEGIN IMMEDIATE');
      try {
        const value = await work();
        client.exec('COMMIT');
        return value;
      } catch (error) {
        if (client.inTransaction) client.exec('ROLLBACK');
        throw error;
      }
    });
    // The next unit waits for this one, whether it committed or not.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

/** A transaction's handle on PostgreSQL: it runs queries as the database does. */
export type PgTransaction = Parameters<Parameters<PgDb['transaction']>[0]>[0];

export class PostgresUnitOfWork implements UnitOfWork {
  readonly #current = new AsyncLocalStorage<PgTransaction>();

  constructor(private readonly database: PgDb) {}

  /** Where a repository runs its queries: the unit of work's transaction inside one, else the pool. */
  get db(): PgDb | PgTransaction {
    return this.#current.getStore() ?? this.database;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.database.transaction((tx) => this.#current.run(tx, work));
  }
}
