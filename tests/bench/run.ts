// `pnpm bench`: each benchmark measures its subject against a baseline in the same run and reports
// the ratio, since absolute numbers on a shared two-core machine are noise. Results are printed as a
// table and written to bench/results.json as [{benchmark, metric, value, unit}]. BENCH_POSTGRES=off leaves out the
// figures of two instances on PostgreSQL (a server the bench starts itself).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/server';
import { agendaBenchmarks } from './agenda.bench';
import { calendarBenchmarks } from './calendar.bench';
import { liveBenchmarks } from './live.bench';
import { registrationBenchmarks } from './registration.bench';
import type { BenchResult } from './measure';

const results: BenchResult[] = [];
for (const benchmark of [agendaBenchmarks, registrationBenchmarks, calendarBenchmarks, liveBenchmarks])
  results.push(...(await benchmark()));

console.table(results.map((r) => ({ ...r, value: Number(r.value.toFixed(3)) })));
const out = join(REPO_ROOT, 'bench', 'results.json');
mkdirSync(join(REPO_ROOT, 'bench'), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${out}`);
