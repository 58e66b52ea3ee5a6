#!/usr/bin/env node
// Prints vitest's JSON report as one plain line, "N passed, N failed", that CI can count.
import { existsSync, readFileSync } from 'node:fs';

const path = process.argv[2] ?? 'test-results/vitest.json';
if (!existsSync(path)) {
  console.error(`no test report at ${path}: the run stopped before the tests (see above)`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || report.success === false ? 1 : 0);
