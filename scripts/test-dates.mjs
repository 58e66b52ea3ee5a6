#!/usr/bin/env node
// Runs every vitest project again with the machine's clock moved to other days of the year, through
// libfaketime (Debian's `libfaketime`): the demo seed places summits relative to today and tests derive
// what they expect from it, so the suite must pass on any day, not just the day it was written. The days
// cover a year boundary, the first days of January (no summit of the new year can be over yet) and the
// weeks in which North America, Europe and Australia change their clocks.
//
//   node scripts/test-dates.mjs                 every day below
//   node scripts/test-dates.mjs 2027-12-28T12:00:00Z [--project unit …]
//
// Each run writes test-results/vitest-<day>.json, which scripts/test-summary.mjs counts with the rest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';

const DAYS = [
  // The year boundary the suite once failed at, and the first days of January.
  '2027-12-28T12:00:00Z',
  '2028-01-03T09:00:00Z',
  // North America springs forward on Sunday 14 March 2027; Europe falls back on Sunday 31 October 2027.
  '2027-03-12T18:00:00Z',
  '2027-10-29T18:00:00Z',
];

function libfaketime() {
  const candidates = [
    process.env.FAKETIME_LIB,
    ...readdirSync('/usr/lib').map((dir) => `/usr/lib/${dir}/faketime/libfaketime.so.1`),
    '/usr/lib/faketime/libfaketime.so.1',
  ];
  return candidates.find((path) => path && existsSync(path));
}

const args = process.argv.slice(2);
const days = args.filter((arg) => /^\d{4}-\d{2}-\d{2}T/.test(arg));
const vitestArgs = args.filter((arg) => !days.includes(arg));
const library = libfaketime();
if (!library) {
  console.error(
    'libfaketime not found: install Debian\'s "libfaketime" (node scripts/install.mjs --browser does) or set FAKETIME_LIB.',
  );
  process.exit(1);
}
mkdirSync('test-results', { recursive: true });

let failed = false;
for (const day of days.length > 0 ? days : DAYS) {
  const stamp = day.replace(/[-:]/g, '').slice(0, 13);
  // "@" starts the clock at that instant and lets it run; child processes (the e2e server, Chromium)
  // go on from the parent's time instead of starting the day again.
  const faketime = `@${day.slice(0, 10)} ${day.slice(11, 19)}`;
  console.log(`\n=== the whole suite on ${day} (libfaketime: FAKETIME="${faketime}") ===\n`);
  const run = spawnSync(
    'pnpm',
    [
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=test-results/vitest-${stamp}.json`,
      ...vitestArgs,
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        LD_PRELOAD: [library, process.env.LD_PRELOAD].filter(Boolean).join(':'),
        FAKETIME: faketime,
        FAKETIME_DONT_RESET: '1',
      },
    },
  );
  if (run.status !== 0) {
    console.error(`\nthe suite failed on ${day}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
