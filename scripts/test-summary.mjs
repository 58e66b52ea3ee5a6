#!/usr/bin/env node
// Prints vitest's JSON reports (today's run and the runs on other days) as one plain line,
// "N passed, N failed", that CI can count, with the failed tests named just above it.
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
const failures = [];
for (const path of paths) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const reason = String(test.failureMessages?.[0] ?? '')
        .split('\n')[0]
        .slice(0, 200);
      failures.push(`${path}: ${file.name} › ${test.fullName}\n      ${reason}`);
    }
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      failures.push(`${path}: ${file.name} (did not run: ${String(file.message ?? '').split('\n')[0]})`);
    }
  }
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false) success = false;
}
// CI shows the end of the output: name what failed just above the count.
if (failures.length > 0) console.log(`Failed:\n${failures.map((line) => `  ${line}`).join('\n')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || !success ? 1 : 0);
