import { Worker } from 'node:worker_threads';
import type BetterSqlite from 'better-sqlite3';

// SQLite copies the WAL back into the database file (a checkpoint) inside the COMMIT that takes the WAL past 1,000
// pages: on the event loop, 5-20 ms during which no request of any kind is answered, every few hundred
// registrations of a burst. A database written to that often has its checkpoints made on a thread of its own
// instead, and its writer checkpoints only past a backstop, should that thread fall behind or stop.

/** How often the thread checkpoints; when nothing was committed since, a checkpoint costs a few microseconds. */
const INTERVAL_MS = 200;
/** The writer's own threshold while the thread runs: 16 MB of WAL. */
const BACKSTOP_PAGES = 4000;
/** SQLite's default threshold, which the writer returns to if the thread stops. */
const DEFAULT_PAGES = 1000;

export interface Checkpointer {
  /** Stops the thread and waits for it to close its connection. */
  close(): Promise<void>;
}

export function startCheckpointer(path: string, writer: BetterSqlite.Database, busyTimeoutMs: number): Checkpointer {
  const worker = new Worker(new URL('./checkpointer.worker.mjs', import.meta.url), {
    workerData: { path, intervalMs: INTERVAL_MS, busyTimeoutMs },
  });
  // The thread never keeps the process alive: the database's close stops it.
  worker.unref();
  writer.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  let closing = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed) process.emitWarning(`A background checkpoint of the database failed: ${message.failed}`);
  });
  worker.on('error', (error) => process.emitWarning(error));
  void exited.then(() => {
    if (!closing && writer.open) writer.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
  });
  return {
    async close() {
      closing = true;
      // Until the thread has closed its connection, it keeps the process alive: otherwise a process with nothing
      // else left to do would end while waiting for it, before the writer closes.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
