import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { InvalidInput } from './errors';

// Every CSV the platform reads (members, sessions) or writes (agenda, registrations, attendance, questions)
// goes through here, so that each export is as safe to open as the others and each import as forgiving.

/**
 * Spreadsheets run a cell that starts with =, +, - or @ as a formula: a name or title can be an attack
 * on the organiser who opens an export. Such cells are prefixed with an apostrophe (OWASP's advice).
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV for spreadsheets: every cell neutralised, and a byte-order mark so Excel reads UTF-8 (Étienne, Laia). */
export function spreadsheetCsv(header: string[], rows: string[][]): string {
  return `\uFEFF${stringify([header, ...rows.map((row) => row.map(neutralise))])}`;
}

/**
 * Rows of a CSV with a header row, keyed by the header's names in lower case. A byte-order mark, blank lines
 * and spaces around cells are forgiven; a file that cannot be read at all is the caller's mistake (400).
 */
export function readCsv(csv: string): Record<string, string>[] {
  try {
    return parse(csv, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw new InvalidInput(`The CSV cannot be read: ${(error as Error).message}`);
  }
}

/** Sends a file to download: `filename` is what the browser saves it as. */
export function sendFile(reply: FastifyReply, type: string, filename: string, body: string): FastifyReply {
  return reply
    .type(`${type}; charset=utf-8`)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}

/** Sends CSV as a file to download. */
export function sendCsv(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  return sendFile(reply, 'text/csv', filename, csv);
}
