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
): Promise<LoadResult> {
  const args = [AUTOCANNON, '--json', '-c', '16', '-p', '1', '-d', String(seconds)];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
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

/** Median wall time of a synchronous or asynchronous function, in milliseconds. */
export async function medianMs(run: () => unknown, repetitions = 30): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
