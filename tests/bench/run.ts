// `pnpm bench`: each benchmark measures its subject against a baseline in the same run and reports
// the ratio, since absolute numbers on a shared two-core machine are noise. Results are printed as a
// table and written to bench/results.json as [{benchmark, metric, value, unit}]. BENCH_POSTGRES=off leaves out the
// figures of two instances on PostgreSQL (a server the bench starts itself); BENCH_ROUNDS sets how many rounds a
// comparison of reads takes (3), BENCH_SECONDS how long each load lasts (5). `pnpm bench registration browser` runs
// only the benchmarks named (agenda, registration, calendar, live, browser) and writes only their results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/server';
import { agendaBenchmarks } from './agenda.bench';
import { browserBenchmarks } from './browser.bench';
import { calendarBenchmarks } from './calendar.bench';
import { liveBenchmarks } from './live.bench';
import { registrationBenchmarks } from './registration.bench';
import type { BenchResult } from './measure';

// By name, in the order they run (`pnpm bench` alone runs them all).
const benchmarks: Record<string, () => Promise<BenchResult[]>> = {
  agenda: agendaBenchmarks,
  registration: registrationBenchmarks,
  calendar: calendarBenchmarks,
  live: liveBenchmarks,
  browser: browserBenchmarks,
};
const named = process.argv.slice(2);
const unknown = named.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}: choose among ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

// Ratios are only as good as the machine is quiet: its load is stated first, with a warning when it is busy.
const [load1] = loadavg();
const cores = cpus().length;
console.log(`machine: ${cores} cores, load average ${load1?.toFixed(2)} over the last minute`);
if ((load1 ?? 0) > cores / 2) console.warn('warning: the machine is busy; the ratios below may be compressed.');
const results: BenchResult[] = [
  { benchmark: 'machine', metric: 'load average at start', value: load1 ?? 0, unit: 'load' },
];
for (const [name, benchmark] of Object.entries(benchmarks)) {
  if (named.length === 0 || named.includes(name)) results.push(...(await benchmark()));
}

console.table(results.map((r) => ({ ...r, value: Number(r.value.toFixed(3)) })));
const out = join(REPO_ROOT, 'bench', 'results.json');
mkdirSync(join(REPO_ROOT, 'bench'), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${out}`);
