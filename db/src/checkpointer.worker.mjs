// The thread of checkpointer.ts: a connection of its own to the database file that copies, every little while,
// what the WAL holds into the file (a PASSIVE checkpoint: it never waits for the writer, nor holds it up).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path, { fileMustExist: true });
db.pragma(`busy_timeout = ${Math.trunc(workerData.busyTimeoutMs)}`);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) });
  }
}, workerData.intervalMs);

parentPort?.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
