import autocannon from 'autocannon';
import Fastify from 'fastify';
import { localDate } from '@apoc/shared';
import { buildTestApp, type TestApp } from '../helpers/app';
import { crowd, signIn } from '../helpers/auth';
import { rows, sql } from '../helpers/db';
import { twoInstancesOnPostgres } from './instances';
import type { BenchResult } from './measure';

const REQUESTS = Number(process.env.BENCH_REGISTRATIONS ?? 3000);
const SEATS = Math.floor(REQUESTS / 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Registrations for a summit of their own before the burst, so that both sides are measured warm. */
const WARM_UP = Math.ceil(REQUESTS / 6);
const CONNECTIONS = 16;
const BODY = JSON.stringify({ mode: 'in_person' });

/** Completed requests per second over a run of a fixed duration. */
const throughput = (result: autocannon.Result) => result.requests.total / result.duration;

async function publishedSummit(t: TestApp, organiser: string, title: string, seats: number): Promise<string> {
  const origin = t.config.publicUrl.origin;
  const day = localDate(Date.now() + 60 * 86_400_000, 'Europe/Berlin');
  const summit = (
    await t.app.inject({
      method: 'POST',
      url: '/api/summits',
      headers: { cookie: organiser, origin },
      payload: {
        title,
        format: 'in_person',
        timeZone: 'Europe/Berlin',
        startDate: day,
        endDate: day,
        venue: { name: 'Hall' },
        seats: { inPerson: seats },
      },
    })
  ).json() as { id: string };
  await t.app.inject({
    method: 'POST',
    url: `/api/summits/${summit.id}/publish`,
    headers: { cookie: organiser, origin },
    payload: {},
  });
  return summit.id;
}

/**
 * Each member registers once, so every request of the burst is a new registration. The rate is timed
 * from the first request to the last answer: with a number of requests rather than a duration,
 * autocannon notices the end only at its next one-second sample, so its duration overstates the burst
 * by up to a second.
 */
async function burst(
  url: string,
  origin: string,
  cookies: string[],
  connections = CONNECTIONS,
): Promise<{ result: autocannon.Result; requestsPerSecond: number; first: number; last: number }> {
  let next = 0;
  let first = 0;
  let last = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    amount: cookies.length,
    requests: [
      {
        setupRequest: (request) => {
          if (next === 0) first = performance.now();
          return {
            ...request,
            headers: { 'content-type': 'application/json', origin, cookie: cookies[next++ % cookies.length] ?? '' },
            body: BODY,
          };
        },
        onResponse: () => {
          last = performance.now();
        },
      },
    ],
  });
  return { result, requestsPerSecond: result.requests.total / ((last - first) / 1000), first, last };
}

/** The same burst spread over several instances at once (half the connections and members each, for two). */
async function spreadBurst(
  urls: string[],
  summit: string,
  origin: string,
  cookies: string[],
): Promise<{ requestsPerSecond: number; p99: number; failed: number }> {
  const share = Math.ceil(cookies.length / urls.length);
  const runs = await Promise.all(
    urls.map((url, i) =>
      burst(
        `${url}/api/summits/${summit}/registrations`,
        origin,
        cookies.slice(i * share, (i + 1) * share),
        Math.ceil(CONNECTIONS / urls.length),
      ),
    ),
  );
  const first = Math.min(...runs.map((run) => run.first));
  const last = Math.max(...runs.map((run) => run.last));
  const total = runs.reduce((sum, run) => sum + run.result.requests.total, 0);
  return {
    requestsPerSecond: total / ((last - first) / 1000),
    p99: Math.max(...runs.map((run) => run.result.latency.p99)),
    failed: runs.reduce((sum, run) => sum + run.result.non2xx + run.result.errors, 0),
  };
}

/** Seats held beyond the summit's capacity, and confirmation messages queued for the burst's members. */
async function outcome(t: TestApp, summit: string, label: string): Promise<{ overbooked: number; queued: number }> {
  const [held] = await rows<{ n: number }>(
    t.app.db,
    sql`select count(*) as n from registrations where summit_id = ${summit} and status in ('confirmed', 'offered')`,
  );
  const [mail] = await rows<{ n: number }>(
    t.app.db,
    sql`select count(*) as n from outbox where kind like 'registration-%' and recipient like ${`${label}-%`}`,
  );
  return { overbooked: Math.max(0, Number(held?.n ?? 0) - SEATS), queued: Number(mail?.n ?? 0) };
}

/**
 * A registration burst through the whole stack (sign-in cookie, validation, one transaction counting seats and
 * writing the registration, its audit row and its outbox message) against a bare Fastify POST echo, both loaded by
 * autocannon in the same run: first on the embedded SQLite file (one instance), then on PostgreSQL with two
 * instances sharing the burst. Also checks that nothing is overbooked and every registrant's mail is queued.
 */
export async function registrationBenchmarks(): Promise<BenchResult[]> {
  const baseline = Fastify({ logger: false });
  baseline.post('/echo', async (request) => request.body);
  const baselineUrl = await baseline.listen({ port: 0, host: '127.0.0.1' });
  const results: BenchResult[] = [];
  const report = (subject: string, run: { requestsPerSecond: number; p99: number; failed: number }, base: number) =>
    results.push(
      { benchmark: subject, metric: 'throughput', value: run.requestsPerSecond, unit: 'req/s' },
      {
        benchmark: subject,
        metric: 'throughput ratio to bare POST',
        value: run.requestsPerSecond / base,
        unit: 'ratio',
      },
      { benchmark: subject, metric: 'p99 latency', value: run.p99, unit: 'ms' },
      { benchmark: subject, metric: 'non-2xx answers', value: run.failed, unit: 'count' },
    );
  const checks = (subject: string, checked: { overbooked: number; queued: number }) =>
    results.push(
      { benchmark: subject, metric: 'seats held beyond capacity', value: checked.overbooked, unit: 'count' },
      { benchmark: subject, metric: 'messages queued', value: checked.queued, unit: 'count' },
    );
  /** A warm-up summit and the measured one on an app, and members for both. */
  const prepare = async (t: TestApp) => {
    const organiser = await signIn(t, 'organiser@demo.apoc.test');
    return {
      warmUpSummit: await publishedSummit(t, organiser, 'Bench warm-up', Math.floor(WARM_UP / 3)),
      summit: await publishedSummit(t, organiser, 'Bench', SEATS),
      warmUp: (await crowd(t, WARM_UP, 'msk', 'warm-up')).map((person) => person.cookie),
      cookies: (await crowd(t, REQUESTS, 'msk', 'burst')).map((person) => person.cookie),
    };
  };

  try {
    // A fixed number of echoes ends within a fraction of a second, mostly while the JIT warms up: the
    // baseline runs for a fixed time after a warm-up of its own instead.
    const echo = {
      url: `${baselineUrl}/echo`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: BODY,
      connections: CONNECTIONS,
    };
    await autocannon({ ...echo, duration: 1 });
    const base = throughput(await autocannon({ ...echo, duration: SECONDS }));
    results.push({ benchmark: 'baseline: bare Fastify POST echo', metric: 'throughput', value: base, unit: 'req/s' });

    // One instance on the embedded SQLite file.
    const t = await buildTestApp({ seed: 'demo' });
    try {
      const plan = await prepare(t);
      const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const origin = t.config.publicUrl.origin;
      await spreadBurst([url], plan.warmUpSummit, origin, plan.warmUp);
      report('registration burst', await spreadBurst([url], plan.summit, origin, plan.cookies), base);
      checks('registration burst', await outcome(t, plan.summit, 'burst'));
    } finally {
      await t.close();
    }

    // Two instances on one PostgreSQL, each taking half the burst at once.
    if (process.env.BENCH_POSTGRES === 'off') return results;
    const { apps, close } = await twoInstancesOnPostgres('apoc_bench_registration');
    try {
      const [a] = apps;
      const plan = await prepare(a);
      const urls = await Promise.all(apps.map((app) => app.app.listen({ port: 0, host: '127.0.0.1' })));
      const origin = a.config.publicUrl.origin;
      const subject = 'registration burst, PostgreSQL, two instances';
      await spreadBurst(urls, plan.warmUpSummit, origin, plan.warmUp);
      report(subject, await spreadBurst(urls, plan.summit, origin, plan.cookies), base);
      checks(subject, await outcome(a, plan.summit, 'burst'));
    } finally {
      await close();
    }
  } finally {
    await baseline.close();
  }
  return results;
}
