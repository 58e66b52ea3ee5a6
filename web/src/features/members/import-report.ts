// How a CSV import's per-row report is read: what needs the admin's attention (rejected rows, with
// their reasons) comes first, then what changed, then what stayed as it was; in file order within each.
import type { ImportReport, ImportRow } from '@apoc/shared';

export type ImportOutcome = ImportRow['outcome'];

const OUTCOME_ORDER: Record<ImportOutcome, number> = { rejected: 0, created: 1, updated: 2, unchanged: 3 };

export function orderImportRows(rows: readonly ImportRow[]): ImportRow[] {
  return [...rows].sort((a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome] || a.line - b.line);
}

/** The outcome as a dry run announces it ("Will be created") and as an import reports it ("Created"). */
export function outcomeLabel(outcome: ImportOutcome, dryRun: boolean): string {
  switch (outcome) {
    case 'created':
      return dryRun ? 'Will be created' : 'Created';
    case 'updated':
      return dryRun ? 'Will be updated' : 'Updated';
    case 'unchanged':
      return 'Unchanged';
    case 'rejected':
      return 'Rejected';
  }
}

/** One sentence for the report's headline: "3 created, 1 updated, 2 rejected." */
export function summariseImport(report: ImportReport): string {
  const parts: string[] = [];
  const verb = (done: string, planned: string) => (report.dryRun ? planned : done);
  if (report.created) parts.push(`${report.created} ${verb('created', 'to create')}`);
  if (report.updated) parts.push(`${report.updated} ${verb('updated', 'to update')}`);
  if (report.unchanged) parts.push(`${report.unchanged} unchanged`);
  if (report.rejected) parts.push(`${report.rejected} rejected`);
  return parts.length ? `${parts.join(', ')}.` : 'The file has no rows.';
}

/** Data rows in a CSV text (non-blank lines after the header), for "Importing 42 rows…": a quoted field spanning lines would count twice, which a progress message can afford. */
export function countCsvRows(csv: string): number {
  const lines = csv.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
  return Math.max(0, lines.length - 1);
}
