// How a CSV import's per-row report is read: what needs the admin's attention (rejected rows, with
// their reasons) comes first, then what changed, then what stayed as it was; in file order within each.
import type { ImportReport, ImportRow } from '@apoc/shared';
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

export type ImportOutcome = ImportRow['outcome'];

const OUTCOME_ORDER: Record<ImportOutcome, number> = { rejected: 0, created: 1, updated: 2, unchanged: 3 };

export function orderImportRows(rows: readonly ImportRow[]): ImportRow[] {
  return [...rows].sort((a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome] || a.line - b.line);
}

/** The outcome as a dry run announces it ("Will be created") and as an import reports it ("Created"). */
export function outcomeLabel(outcome: ImportOutcome, dryRun: boolean): string {
  switch (outcome) {
    case 'created':
      return dryRun ? m.members_import_row_will_create() : m.members_import_row_created();
    case 'updated':
      return dryRun ? m.members_import_row_will_update() : m.members_import_row_updated();
    case 'unchanged':
      return m.members_import_row_unchanged();
    case 'rejected':
      return m.members_import_row_rejected();
  }
}

/** One sentence for the report's headline: "3 created, 1 updated, 2 rejected." */
export function summariseImport(report: ImportReport): string {
  const parts: string[] = [];
  const { created, updated, unchanged, rejected, dryRun } = report;
  if (created)
    parts.push(
      dryRun
        ? m.members_import_count_to_create({ count: created })
        : m.members_import_count_created({ count: created }),
    );
  if (updated)
    parts.push(
      dryRun
        ? m.members_import_count_to_update({ count: updated })
        : m.members_import_count_updated({ count: updated }),
    );
  if (unchanged) parts.push(m.members_import_count_unchanged({ count: unchanged }));
  if (rejected) parts.push(m.members_import_count_rejected({ count: rejected }));
  // "2 to create, 1 unchanged, 1 rejected": the list as the page's language writes one.
  const list = new Intl.ListFormat(formatLocale, { type: 'conjunction', style: 'narrow' }).format(parts);
  return parts.length ? m.members_import_summary({ counts: list }) : m.members_import_no_rows();
}

/** Data rows in a CSV text (non-blank lines after the header), for "Importing 42 rows…": a quoted field spanning lines would count twice, which a progress message can afford. */
export function countCsvRows(csv: string): number {
  const lines = csv.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
  return Math.max(0, lines.length - 1);
}
