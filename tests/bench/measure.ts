import autocannon from 'autocannon';

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

/** Loads one URL from this process for a few seconds over keep-alive connections. */
export async function load(
  url: string,
  seconds = Number(process.env.BENCH_SECONDS ?? 5),
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const result = await autocannon({ url, connections: 16, pipelining: 1, duration: seconds, headers });
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
