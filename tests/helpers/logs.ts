import { Writable } from 'node:stream';

/** One line of the app's log, as pino writes it (JSON). */
export interface LogEntry {
  level: number;
  msg?: string;
  err?: { message?: string };
}

/** Log lines of an app, as text: for checking what reaches them, and what never does. */
export function logSink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line.trim()),
      );
      done();
    },
  });
  return {
    lines,
    stream,
    text: () => lines.join('\n'),
    /** The lines parsed, for checking their levels and messages. */
    entries: () => lines.map((line) => JSON.parse(line) as LogEntry),
  };
}
