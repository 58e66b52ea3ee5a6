// The registration burst's load generator, in a process of its own (forked by registration.bench.ts), so that it
// takes no time from the instances it measures. It receives a plan on its IPC channel, answers with the figures,
// and exits.
import autocannon from 'autocannon';

export interface BurstPlan {
  /** One URL per instance: the members are shared out between them, and so are the connections. */
  urls: string[];
  origin: string;
  cookies: string[];
  connections: number;
  body: string;
}

export interface BurstFigures {
  requestsPerSecond: number;
  p99: number;
  failed: number;
}

/**
 * Each member registers once, so every request of the burst is a new registration. The rate is timed from the
 * first request to the last answer: with a number of requests rather than a duration, autocannon notices the end
 * only at its next one-second sample, so its duration overstates the burst by up to a second.
 */
async function burst(plan: BurstPlan): Promise<BurstFigures> {
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  const share = Math.ceil(plan.cookies.length / plan.urls.length);
  const runs = await Promise.all(
    plan.urls.map((url, i) => {
      const cookies = plan.cookies.slice(i * share, (i + 1) * share);
      let next = 0;
      return autocannon({
        url,
        method: 'POST',
        connections: Math.ceil(plan.connections / plan.urls.length),
        amount: cookies.length,
        requests: [
          {
            setupRequest: (request) => {
              first = Math.min(first, performance.now());
              const cookie = cookies[next++ % cookies.length] ?? '';
              return {
                ...request,
                headers: { 'content-type': 'application/json', origin: plan.origin, cookie },
                body: plan.body,
              };
            },
            onResponse: () => {
              last = performance.now();
            },
          },
        ],
      });
    }),
  );
  const total = runs.reduce((sum, run) => sum + run.requests.total, 0);
  return {
    requestsPerSecond: total / ((last - first) / 1000),
    p99: Math.max(...runs.map((run) => run.latency.p99)),
    failed: runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0),
  };
}

process.once('message', (plan: BurstPlan) => {
  burst(plan)
    .then((figures) => process.send?.(figures))
    .catch((error: unknown) => process.send?.({ error: String(error) }))
    .finally(() => process.disconnect());
});
