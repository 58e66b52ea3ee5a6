import { stringify } from 'csv-stringify/sync';

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
