import { AsyncLocalStorage } from 'node:async_hooks';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import { sql, type Column, type SQL } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { openDatabase as openSqliteFile, type Db } from './client';
import * as schema from './schema/index';
import { pgTables } from './schema-pg/index';

// The platform's one way to its data, on either backend. Repositories build queries with drizzle against
// `tables` (the SQLite description, or its PostgreSQL counterpart typed the same way) and run them on `q`, always
// awaiting: better-sqlite3 answers at once, node-postgres later, and the code is the same.
//
// A unit of work is one transaction around asynchronous work. Every write of the platform runs in one:
// - On SQLite one connection writes. Units run one after the other behind a process-wide queue, so they never
//   interleave; those queued behind each other share one transaction (BEGIN IMMEDIATE … COMMIT), each in a
//   savepoint of its own, and each caller hears of its unit only after that COMMIT (group commit: one COMMIT for
//   a burst of writes). Reads outside a unit go to a second, read-only connection, which sees only committed data
//   (so nobody reads what a unit may still roll back), and a write outside a unit fails loudly.
// - On PostgreSQL each unit takes a pooled connection and its own transaction; what must be serialised (a
//   summit's seats, a session's event numbers) is locked with SELECT … FOR UPDATE (`lock`). A unit that loses a
//   deadlock or a serialisation conflict is retried from the start.
// A unit started inside another joins it.

export type Dialect = 'sqlite' | 'postgres';
export type Tables = typeof schema;
export type { Db };

export interface Database {
  readonly dialect: Dialect;
  readonly tables: Tables;
  /** SQLite only: the writing connection, for what only SQLite has (a WAL checkpoint, an online backup). */
  readonly sqlite: BetterSqlite.Database | null;
  /** Where a query runs now: inside a unit its transaction, else a connection that sees committed data. */
  readonly q: Db;
  readonly inUnit: boolean;
  unit<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Reads that must agree with each other (an agenda: its sessions, rooms and people). On PostgreSQL one
   * read-only REPEATABLE READ transaction; on SQLite the reads, started together (Promise.all), run one after
   * the other on the read connection before any write can commit in between. Inside a unit, the unit's view.
   */
  snapshot<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Locks the rows of `table` whose `column` equals `value` until the unit ends (PostgreSQL). On SQLite the unit
   * already holds the whole database.
   */
  lock(column: Column, value: string): Promise<void>;
  /** Serialises units that name the same key, whether or not a row exists for it yet (PostgreSQL). */
  lockKey(key: string): Promise<void>;
  /**
   * Runs `callback` once the unit of work running now has committed (at once outside a unit; never if the unit
   * rolls back): for what must not see the change before others can read it, such as forgetting a cached answer.
   */
  afterCommit(callback: () => void): void;
  /**
   * A query built once per connection and run many times (building SQL costs more than running it): call the
   * result for the query on the connection `q` would use now, then `.execute(values)` it.
   */
  prepare<T>(build: (q: Db) => T): () => T;
  /** A value bound with the column's encoding (an instant: milliseconds in SQLite, timestamptz in PostgreSQL). */
  value(column: Column, value: unknown): SQL;
  /** Rows of a raw SQL query, on the connection `q` would use (for checks and tests; repositories use drizzle). */
  rows<T>(query: SQL): Promise<T[]>;
  /**
   * Messages between the instances that share the database (PostgreSQL LISTEN/NOTIFY); null on SQLite, whose file
   * belongs to one instance. A message sent after a commit reaches every instance listening, this one included.
   */
  readonly pubsub: PubSub | null;
  /** Connections in use and waiting for one: PostgreSQL's pool, or SQLite's writer and the units queued for it. */
  poolStats(): { size: number; idle: number; waiting: number };
  /** Answers when the database does (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface PubSub {
  /** Listens on `channel` with a connection of its own, reconnecting (and calling `onReconnect`) when it drops. */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<{ close(): Promise<void> }>;
  /**
   * At most 7,900 bytes of payload (PostgreSQL's limit is 8,000). Sent inside a unit of work, it is delivered when
   * the unit commits, never before, and not at all if it rolls back.
   */
  notify(channel: string, payload: string): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… selects PostgreSQL; otherwise `path` is the SQLite file. */
  url?: string | undefined;
  path: string;
  busyTimeoutMs?: number;
  /** PostgreSQL connections this instance may hold. */
  poolSize?: number;
}

export const PG_MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations-pg');

export async function openPlatformDatabase(options: OpenOptions): Promise<Database> {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url))
    return openPostgresDatabase(options.url, options.poolSize);
  return openSqliteDatabase(options.path, options.busyTimeoutMs);
}

const encoded = (column: Column, value: unknown): SQL => sql`${sql.param(value, column)}`;

/** The callbacks of a unit that committed: one that throws is reported and keeps none of the others from running. */
function runCommitted(callbacks: readonly (() => void)[]): void {
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      process.emitWarning(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

interface UnitContext {
  open: boolean;
  committed: (() => void)[];
}

/** Units that commit together on SQLite, and the promise their callers wait on. */
interface CommitGroup {
  members: UnitContext[];
  committed: Promise<void>;
  succeed: () => void;
  fail: (error: unknown) => void;
}

type UnitOutcome<T> = { ok: true; value: T; group: CommitGroup } | { ok: false; error: unknown };

/** The event loop's next turn, as it was when this module loaded (tests may fake the global one). */
const nextTurn = setImmediate;

/** At most this many units share a COMMIT, so that the first of a long queue does not wait for the last. */
const GROUP_LIMIT = 64;

/**
 * A file database's checkpoints move to a thread of their own (checkpointer.ts) after this many commits: a server
 * in use reaches it within minutes, a test that writes a few rows never starts a thread for it.
 */
const CHECKPOINT_IN_BACKGROUND_AFTER = 100;

function beginGroup(client: BetterSqlite.Database): CommitGroup {
  client.exec('BEGIN IMMEDIATE');
  let succeed = () => {};
  let fail: (error: unknown) => void = () => {};
  const committed = new Promise<void>((resolve, reject) => {
    succeed = resolve;
    fail = reject;
  });
  // A group whose members all failed has nobody waiting on it.
  committed.catch(() => undefined);
  return { members: [], committed, succeed, fail };
}

export function openSqliteDatabase(path: string, busyTimeoutMs = 5000): Database {
  const writer = openSqliteFile({ path, busyTimeoutMs });
  let reader: Db = writer;
  if (path !== ':memory:') {
    const client = new BetterSqlite(path, { readonly: true, fileMustExist: true });
    client.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    reader = drizzleSqlite({ client, schema }) as Db;
  }
  const units = new AsyncLocalStorage<UnitContext>();
  const inUnit = () => units.getStore()?.open === true;
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let group: CommitGroup | null = null;
  let commits = 0;
  let checkpointer: Checkpointer | null = null;

  // Group commit: units queued behind each other share one transaction, each in a savepoint of its own, and the
  // group commits on the event loop's next turn with no unit queued (or when it is full), so that requests arriving
  // together share it. A unit that fails rolls back to its savepoint alone. Nobody hears of success before the COMMIT: each caller's promise settles after it, and the
  // afterCommit callbacks run then, in the order of the units.
  const commitGroup = (closing: CommitGroup) => {
    group = null;
    const client = writer.$client;
    try {
      if (!client.inTransaction) throw new Error('The transaction of this group of units was rolled back.');
      client.exec('COMMIT');
    } catch (error) {
      if (client.inTransaction) client.exec('ROLLBACK');
      closing.fail(error);
      return;
    }
    for (const member of closing.members) runCommitted(member.committed);
    closing.succeed();
    commits += 1;
    if (commits === CHECKPOINT_IN_BACKGROUND_AFTER && path !== ':memory:') {
      try {
        checkpointer = startCheckpointer(path, client, busyTimeoutMs);
      } catch (error) {
        // The writer goes on checkpointing in its COMMITs, as SQLite does by default.
        process.emitWarning(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };
  const commitSoon = (pending: CommitGroup) =>
    nextTurn(() => {
      // A unit still queued or running commits the group when it ends.
      if (group === pending && queued === 0) commitGroup(pending);
    });
  const runInGroup = async <T>(work: () => Promise<T>, context: UnitContext): Promise<UnitOutcome<T>> => {
    const client = writer.$client;
    let current: CommitGroup | null = null;
    let outcome: UnitOutcome<T>;
    try {
      current = group ??= beginGroup(client);
      client.exec('SAVEPOINT apoc_unit');
      current.members.push(context);
      try {
        const value = await work();
        if (!client.inTransaction) throw new Error('The transaction of this group of units was rolled back.');
        client.exec('RELEASE apoc_unit');
        outcome = { ok: true, value, group: current };
      } catch (error) {
        current.members.pop();
        if (client.inTransaction) {
          client.exec('ROLLBACK TO apoc_unit');
          client.exec('RELEASE apoc_unit');
        } else {
          // SQLite ended the whole transaction (a full disk, an I/O error): the others of the group fail too.
          group = null;
          current.fail(error);
        }
        throw error;
      }
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      context.open = false;
      queued -= 1;
    }
    if (current && group === current) {
      if (current.members.length >= GROUP_LIMIT) commitGroup(current);
      // Requests that arrived with this one reach their units before the event loop's next turn: they join.
      else if (queued === 0) commitSoon(current);
    }
    return outcome;
  };
  return {
    dialect: 'sqlite',
    tables: schema,
    sqlite: writer.$client,
    pubsub: null,
    get q() {
      return inUnit() ? writer : reader;
    },
    get inUnit() {
      return inUnit();
    },
    unit<T>(work: () => Promise<T>): Promise<T> {
      if (inUnit()) return work();
      // A timer set inside a unit keeps its context after the unit ends: `open` tells it apart.
      const context = { open: true, committed: [] as (() => void)[] };
      queued += 1;
      const done = tail.then(() => units.run(context, () => runInGroup(work, context)));
      // The next unit waits for this one's work, whether it succeeded or not; its caller waits for the commit.
      tail = done;
      return done.then((outcome) =>
        outcome.ok ? outcome.group.committed.then(() => outcome.value) : Promise.reject(outcome.error),
      );
    },
    snapshot<T>(work: () => Promise<T>): Promise<T> {
      return work();
    },
    async lock() {},
    async lockKey() {},
    afterCommit(callback: () => void) {
      const context = units.getStore();
      if (context?.open) context.committed.push(callback);
      else callback();
    },
    prepare<T>(build: (q: Db) => T) {
      let onWriter: T | undefined;
      let onReader: T | undefined;
      return () => (inUnit() ? (onWriter ??= build(writer)) : (onReader ??= build(reader)));
    },
    value: encoded,
    async rows<T>(query: SQL) {
      return (inUnit() ? writer : reader).all<T>(query);
    },
    async ping() {
      reader.$client.prepare('select 1').get();
    },
    poolStats: () => ({ size: 1, idle: queued === 0 ? 1 : 0, waiting: Math.max(0, queued - 1) }),
    async close() {
      await tail;
      if (group) commitGroup(group);
      await checkpointer?.close();
      if (reader !== writer && reader.$client.open) reader.$client.close();
      if (writer.$client.open) writer.$client.close();
    },
  };
}

type PgHandle = NodePgDatabase | Parameters<Parameters<NodePgDatabase['transaction']>[0]>[0];

/**
 * A prepared query as a named statement: each connection has PostgreSQL parse and plan it once, the first time it
 * runs it, and after that sends only its values (the same query on pool and transaction connections has the same
 * text, so one name). Half the time of a short query was its parsing and planning. drizzle names a statement only
 * through its PostgreSQL builders' `prepare(name)`, which the dialect-neutral repositories do not call: the name is
 * set on the query's configuration, as that `prepare(name)` would.
 */
function named<T>(query: T, name: string): T {
  const configs = query as { queryConfig?: { name?: string }; rawQueryConfig?: { name?: string } };
  if (configs.queryConfig && configs.rawQueryConfig) {
    configs.queryConfig.name = name;
    configs.rawQueryConfig.name = name;
  }
  return query;
}

/**
 * The pooled connection a transaction runs on: drizzle keeps it as its session's client (not part of its typed
 * API; drizzle-orm is pinned in the lockfile, and postgres-harness.test.ts fails if this stops finding it).
 */
function connectionOf(tx: PgHandle): object {
  const connection = (tx as unknown as { session?: { client?: object } }).session?.client;
  if (!connection) throw new Error('A PostgreSQL transaction without its connection: has drizzle-orm changed?');
  return connection;
}

/** PostgreSQL error codes after which a transaction may simply be tried again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MIGRATION_LOCK = 7_202_612;

export async function openPostgresDatabase(url: string, poolSize = 10): Promise<Database> {
  // bigint (count(*), sums) as a JavaScript number: the platform's counts are far below 2^53. Set on the driver's
  // own table, which drizzle falls back to for every type it does not parse itself.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A connection that drops while idle in the pool must not take the process down.
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool });
  try {
    const client = await pool.connect();
    try {
      // Instances starting together migrate one after the other.
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        // On the connection that holds the lock (the pool may have no other to give).
        await migratePg(drizzlePg({ client }), { migrationsFolder: PG_MIGRATIONS_FOLDER });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const units = new AsyncLocalStorage<{ tx: PgHandle; open: boolean; committed: (() => void)[] }>();
  let statements = 0;
  const open = () => {
    const context = units.getStore();
    return context?.open ? context : undefined;
  };
  const current = (): PgHandle => open()?.tx ?? db;
  return {
    dialect: 'postgres',
    tables: pgTables,
    sqlite: null,
    pubsub: {
      async listen(channel, onMessage, onReconnect) {
        if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a plain channel name: ${channel}`);
        let client: pg.Client | null = null;
        let closed = false;
        const connect = async (): Promise<void> => {
          const next = new pg.Client({ connectionString: url });
          next.on('notification', (message) => {
            if (message.channel === channel) onMessage(message.payload ?? '');
          });
          next.on('error', () => {
            if (closed || client !== next) return;
            client = null;
            void next.end().catch(() => undefined);
            setTimeout(() => void reconnect(), 1000).unref();
          });
          await next.connect();
          await next.query(`listen ${channel}`);
          client = next;
        };
        const reconnect = async () => {
          if (closed) return;
          try {
            await connect();
            onReconnect?.();
          } catch {
            setTimeout(() => void reconnect(), 1000).unref();
          }
        };
        await connect();
        return {
          async close() {
            closed = true;
            await client?.end().catch(() => undefined);
          },
        };
      },
      // Inside a unit of work, PostgreSQL delivers the message when the unit commits (and never if it rolls back).
      async notify(channel, payload) {
        await current().execute(sql`select pg_notify(${channel}, ${payload})`);
      },
    },
    get q() {
      return current() as unknown as Db;
    },
    get inUnit() {
      return open() !== undefined;
    },
    async unit<T>(work: () => Promise<T>): Promise<T> {
      if (open()) return work();
      for (let attempt = 1; ; attempt += 1) {
        // A retried unit starts again from nothing, its callbacks too.
        const context = { tx: db as PgHandle, open: true, committed: [] as (() => void)[] };
        try {
          const value = await db.transaction((tx) => {
            context.tx = tx;
            return units.run(context, work);
          });
          context.open = false;
          runCommitted(context.committed);
          return value;
        } catch (error) {
          const code =
            (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
          if (attempt >= 5 || !code || !RETRYABLE.has(code)) throw error;
        } finally {
          context.open = false;
        }
      }
    },
    async snapshot<T>(work: () => Promise<T>): Promise<T> {
      if (open()) return work();
      const context = { tx: db as PgHandle, open: true, committed: [] as (() => void)[] };
      try {
        return await db.transaction(
          (tx) => {
            context.tx = tx;
            return units.run(context, work);
          },
          { isolationLevel: 'repeatable read', accessMode: 'read only' },
        );
      } finally {
        context.open = false;
      }
    },
    async lock(column: Column, value: string) {
      await current().execute(sql`select 1 from ${column.table} where ${column} = ${value} for update`);
    },
    prepare<T>(build: (q: Db) => T) {
      let onPool: T | undefined;
      // A transaction is a connection of its own for as long as it lasts, and a query built for it runs on that
      // connection: it is built once per pooled connection, the first time a unit on it runs it, and kept for the
      // units that have that connection later. Building one costs 25-140 µs, which a unit would otherwise spend
      // with its rows locked (the summit's, for a registration).
      const byConnection = new WeakMap<object, T>();
      const name = `apoc_${(statements += 1)}`;
      return () => {
        const unit = open();
        if (!unit) return (onPool ??= named(build(db as unknown as Db), name));
        const connection = connectionOf(unit.tx);
        let built = byConnection.get(connection);
        if (built === undefined) {
          built = named(build(unit.tx as unknown as Db), name);
          byConnection.set(connection, built);
        }
        return built;
      };
    },
    async lockKey(key: string) {
      await current().execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    },
    afterCommit(callback: () => void) {
      const context = units.getStore();
      if (context?.open) context.committed.push(callback);
      else callback();
    },
    // Typed: in an expression (CASE WHEN …) PostgreSQL cannot infer a parameter's type from the column.
    value: (column: Column, value: unknown) => sql`${sql.param(value, column)}::${sql.raw(column.getSQLType())}`,
    async rows<T>(query: SQL) {
      return (await current().execute(query)).rows as T[];
    },
    async ping() {
      await pool.query('select 1');
    },
    poolStats: () => ({ size: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}

/** The first row of a query, or undefined: `.get()` on either backend. */
export async function first<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}
