import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rows, sql, tables } from '../helpers/db';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { localDate } from '@apoc/shared';
import { buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { createMember } from '../helpers/factories';
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

/** Members signed in directly through the schema: the sign-in flow is not what is measured here. */
async function signedInMembers(t: TestApp, count: number, prefix: string): Promise<string[]> {
  const cookies: string[] = [];
  const now = new Date();
  await t.app.db.unit(async () => {
    for (let i = 0; i < count; i++) {
      const member = await createMember(t.app.db, 'msk', `Bench ${prefix} ${i}`);
      const secret = randomBytes(32).toString('base64url');
      await t.app.db.unit(async () =>
        t.app.db.q.insert(tables.signIns).values({
          id: `bench-${prefix}-${i}`,
          memberId: member.id,
          secretHash: createHash('sha256').update(secret).digest('hex'),
          device: 'bench',
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + 86_400_000),
        }),
      );
      cookies.push(`apoc_session=${secret}`);
    }
  });
  return cookies;
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
): Promise<{ result: autocannon.Result; requestsPerSecond: number }> {
  let next = 0;
  let first = 0;
  let last = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
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
  return { result, requestsPerSecond: result.requests.total / ((last - first) / 1000) };
}

/**
 * A registration burst through the whole stack (sign-in cookie, validation, one immediate transaction
 * counting seats and writing the registration, its audit row and its outbox message) against a bare
 * Fastify POST echo, both loaded by autocannon in the same run. Also checks that nothing is overbooked.
 */
export async function registrationBenchmarks(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'apoc-bench-registration-'));
  const baseline = Fastify({ logger: false });
  baseline.post('/echo', async (request) => request.body);
  const baselineUrl = await baseline.listen({ port: 0, host: '127.0.0.1' });

  const t = await buildTestApp({ seed: 'demo', dir });
  const organiser = await signIn(t, 'organiser@demo.apoc.test');
  const origin = t.config.publicUrl.origin;
  const warmUpSummit = await publishedSummit(t, organiser, 'Bench warm-up', Math.floor(WARM_UP / 3));
  const summit = await publishedSummit(t, organiser, 'Bench', SEATS);
  const warmUpCookies = await signedInMembers(t, WARM_UP, 'warm-up');
  const cookies = await signedInMembers(t, REQUESTS, 'burst');
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });

  const results: BenchResult[] = [];
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
    const base = await autocannon({ ...echo, duration: SECONDS });
    await burst(`${url}/api/summits/${warmUpSummit}/registrations`, origin, warmUpCookies);
    const { result: registrations, requestsPerSecond } = await burst(
      `${url}/api/summits/${summit}/registrations`,
      origin,
      cookies,
    );

    const [held] = await rows<{ n: number }>(
      t.app.db,
      sql`select count(*) as n from registrations where summit_id = ${summit} and status in ('confirmed', 'offered')`,
    );
    const [mail] = await rows<{ n: number }>(
      t.app.db,
      sql`select count(*) as n from outbox o join members m on m.email = o.recipient where o.kind like 'registration-%' and m.name like 'Bench burst %'`,
    );
    results.push(
      { benchmark: 'baseline: bare Fastify POST echo', metric: 'throughput', value: throughput(base), unit: 'req/s' },
      { benchmark: 'registration burst', metric: 'throughput', value: requestsPerSecond, unit: 'req/s' },
      {
        benchmark: 'registration burst',
        metric: 'throughput ratio to bare POST',
        value: requestsPerSecond / throughput(base),
        unit: 'ratio',
      },
      { benchmark: 'registration burst', metric: 'p99 latency', value: registrations.latency.p99, unit: 'ms' },
      {
        benchmark: 'registration burst',
        metric: 'non-2xx answers',
        value: registrations.non2xx + registrations.errors,
        unit: 'count',
      },
      {
        benchmark: 'registration burst',
        metric: 'seats held beyond capacity',
        value: Math.max(0, (held?.n ?? 0) - SEATS),
        unit: 'count',
      },
      { benchmark: 'registration burst', metric: 'messages queued', value: mail?.n ?? 0, unit: 'count' },
    );
  } finally {
    await baseline.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
