#!/usr/bin/env node
// Prints vitest's JSON reports (today's run and the runs on other days) as one plain line,
// "N passed, N failed", that CI can count.
import { existsSync, readFileSync } from 'node:fs';

const paths = process.argv.slice(2);
if (paths.length === 0) paths.push('test-results/vitest.json');
const missing = paths.filter((path) => !existsSync(path));
if (missing.length > 0) {
  console.error(`no test report at ${missing.join(', ')}: the run stopped before the tests (see above)`);
  process.exit(1);
}
let passed = 0;
let failed = 0;
let skipped = 0;
let success = true;
for (const path of paths) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false) success = false;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || !success ? 1 : 0);
