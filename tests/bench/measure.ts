import { execFile as execFileCallback } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import type autocannon from 'autocannon';

const execFile = promisify(execFileCallback);

export interface BenchResult {
  benchmark: string;
  metric: string;
  value: number;
  unit: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  count304: number;
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/**
 * Loads one URL for a few seconds over keep-alive connections, from autocannon's command line in a process of its
 * own: a load generator in the server's event loop would take its time from the server and compress the ratios.
 */
export async function load(
  url: string,
  seconds = Number(process.env.BENCH_SECONDS ?? 5),
  headers: Record<string, string> = {},
  post?: string,
): Promise<LoadResult> {
  const args = [AUTOCANNON, '--json', '-c', '16', '-p', '1', '-d', String(seconds)];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  if (post !== undefined) args.push('-m', 'POST', '-H', 'content-type=application/json', '-b', post);
  args.push(url);
  const { stdout } = await execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as autocannon.Result;
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    count304: (result.statusCodeStats as Record<string, { count: number }> | undefined)?.['304']?.count ?? 0,
  };
}

/** Rounds of each comparison (BENCH_ROUNDS, 3 by default): its ratio is their median, shown with their spread. */
export const ROUNDS = Math.min(9, Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3)));

export interface Compared {
  /** Median over the rounds of subject ÷ baseline (requests per second). */
  ratio: number;
  low: number;
  high: number;
  /** The subject's round whose ratio is the median. */
  subject: LoadResult;
  baseline: LoadResult;
}

/** Baseline then subject, in alternating rounds, so that a neighbour's burst of work weighs on both alike. */
export async function compareLoads(
  baseline: () => Promise<LoadResult>,
  subject: () => Promise<LoadResult>,
  rounds = ROUNDS,
): Promise<Compared> {
  const runs: { ratio: number; subject: LoadResult; baseline: LoadResult }[] = [];
  for (let round = 0; round < rounds; round++) {
    const base = await baseline();
    const measured = await subject();
    runs.push({ ratio: measured.requestsPerSecond / base.requestsPerSecond, subject: measured, baseline: base });
  }
  runs.sort((a, b) => a.ratio - b.ratio);
  const median = runs[Math.floor(runs.length / 2)] as (typeof runs)[number];
  return { ...median, low: runs[0]?.ratio ?? Number.NaN, high: runs.at(-1)?.ratio ?? Number.NaN };
}

/** A comparison as result rows: the median ratio, its spread over the rounds, the subject's throughput and p99. */
export function comparedRows(benchmark: string, against: string, compared: Compared): BenchResult[] {
  const metric = `throughput ratio to ${against}`;
  return [
    { benchmark, metric, value: compared.ratio, unit: 'ratio' },
    { benchmark, metric: `${metric}, lowest of ${ROUNDS} rounds`, value: compared.low, unit: 'ratio' },
    { benchmark, metric: `${metric}, highest of ${ROUNDS} rounds`, value: compared.high, unit: 'ratio' },
    { benchmark, metric: 'throughput', value: compared.subject.requestsPerSecond, unit: 'req/s' },
    { benchmark, metric: 'p99 latency', value: compared.subject.p99Ms, unit: 'ms' },
    {
      benchmark,
      metric: 'errors and non-2xx answers',
      value: compared.subject.errors + compared.subject.non2xx - compared.subject.count304,
      unit: 'count',
    },
  ];
}

/** The middle value (the upper of the two middle ones when their number is even). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median wall time of a synchronous or asynchronous function, in milliseconds. */
export async function medianMs(run: () => unknown, repetitions = 30): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}
