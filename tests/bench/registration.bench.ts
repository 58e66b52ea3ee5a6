import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tables } from '@apoc/db';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { localDate } from '@apoc/shared';
import { buildTestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { createMember } from '../helpers/factories';
import type { BenchResult } from './measure';

const REQUESTS = Number(process.env.BENCH_REGISTRATIONS ?? 3000);
const SEATS = Math.floor(REQUESTS / 3);

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
  const day = localDate(Date.now() + 60 * 86_400_000, 'Europe/Berlin');
  const summit = (
    await t.app.inject({
      method: 'POST',
      url: '/api/summits',
      headers: { cookie: organiser, origin },
      payload: {
        title: 'Bench',
        format: 'in_person',
        timeZone: 'Europe/Berlin',
        startDate: day,
        endDate: day,
        venue: { name: 'Hall' },
        seats: { inPerson: SEATS },
      },
    })
  ).json() as { id: string };
  await t.app.inject({
    method: 'POST',
    url: `/api/summits/${summit.id}/publish`,
    headers: { cookie: organiser, origin },
    payload: {},
  });

  // Members signed in directly through the schema: the sign-in flow is not what is measured here.
  const cookies: string[] = [];
  const now = new Date();
  t.app.db.transaction((tx) => {
    for (let i = 0; i < REQUESTS; i++) {
      const member = createMember(tx as unknown as typeof t.app.db, 'msk', `Bench ${i}`);
      const secret = randomBytes(32).toString('base64url');
      tx.insert(tables.signIns)
        .values({
          id: `bench-${i}`,
          memberId: member.id,
          secretHash: createHash('sha256').update(secret).digest('hex'),
          device: 'bench',
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + 86_400_000),
        })
        .run();
      cookies.push(`apoc_session=${secret}`);
    }
  });
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });

  const results: BenchResult[] = [];
  try {
    const base = await autocannon({
      url: `${baselineUrl}/echo`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'in_person' }),
      connections: 16,
      amount: REQUESTS,
    });
    let next = 0;
    const burst = await autocannon({
      url: `${url}/api/summits/${summit.id}/registrations`,
      method: 'POST',
      connections: 16,
      amount: REQUESTS,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            headers: { 'content-type': 'application/json', origin, cookie: cookies[next++ % cookies.length] ?? '' },
            body: JSON.stringify({ mode: 'in_person' }),
          }),
        },
      ],
    });
    const held = t.app.db.$client
      .prepare("select count(*) as n from registrations where summit_id = ? and status in ('confirmed', 'offered')")
      .get(summit.id) as { n: number };
    const mail = t.app.db.$client
      .prepare("select count(*) as n from outbox where kind like 'registration-%'")
      .get() as { n: number };
    results.push(
      {
        benchmark: 'baseline: bare Fastify POST echo',
        metric: 'throughput',
        value: base.requests.average,
        unit: 'req/s',
      },
      { benchmark: 'registration burst', metric: 'throughput', value: burst.requests.average, unit: 'req/s' },
      {
        benchmark: 'registration burst',
        metric: 'throughput ratio to bare POST',
        value: burst.requests.average / base.requests.average,
        unit: 'ratio',
      },
      { benchmark: 'registration burst', metric: 'p99 latency', value: burst.latency.p99, unit: 'ms' },
      { benchmark: 'registration burst', metric: 'non-2xx answers', value: burst.non2xx + burst.errors, unit: 'count' },
      {
        benchmark: 'registration burst',
        metric: 'seats held beyond capacity',
        value: Math.max(0, held.n - SEATS),
        unit: 'count',
      },
      { benchmark: 'registration burst', metric: 'messages queued', value: mail.n, unit: 'count' },
    );
  } finally {
    await baseline.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
