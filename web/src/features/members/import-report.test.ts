import type { ImportReport, ImportRow } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import { countCsvRows, orderImportRows, outcomeLabel, summariseImport } from './import-report';

const row = (line: number, outcome: ImportRow['outcome']): ImportRow => ({
  line,
  email: `person${line}@demo.apoc.test`,
  outcome,
  ...(outcome === 'rejected' ? { reason: 'The e-mail address is not valid.' } : {}),
});

describe('the import report', () => {
  it('puts rejected rows first, then created, updated and unchanged, each in file order', () => {
    const rows = [
      row(2, 'unchanged'),
      row(3, 'created'),
      row(4, 'rejected'),
      row(5, 'updated'),
      row(6, 'created'),
      row(7, 'rejected'),
    ];
    expect(orderImportRows(rows).map((r) => `${r.line} ${r.outcome}`)).toEqual([
      '4 rejected',
      '7 rejected',
      '3 created',
      '6 created',
      '5 updated',
      '2 unchanged',
    ]);
    // The report given is left as the server sent it.
    expect(rows[0]?.line).toBe(2);
  });

  it('speaks of the future in a preview and of the past after the import', () => {
    expect(outcomeLabel('created', true)).toBe('Will be created');
    expect(outcomeLabel('created', false)).toBe('Created');
    expect(outcomeLabel('rejected', true)).toBe('Rejected');
    const report: ImportReport = { dryRun: true, created: 2, updated: 0, unchanged: 1, rejected: 1, rows: [] };
    expect(summariseImport(report)).toBe('2 to create, 1 unchanged, 1 rejected.');
    expect(summariseImport({ ...report, dryRun: false })).toBe('2 created, 1 unchanged, 1 rejected.');
    expect(summariseImport({ ...report, created: 0, unchanged: 0, rejected: 0 })).toBe('The file has no rows.');
  });

  it('counts the data rows of a CSV text, header and blank lines aside', () => {
    expect(countCsvRows('name,email\r\nA,a@b.org\n\nB,b@b.org\n')).toBe(2);
    expect(countCsvRows('name,email')).toBe(0);
    expect(countCsvRows('')).toBe(0);
  });
});
