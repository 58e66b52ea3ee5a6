import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closePostgres, openDatabase, openPostgres } from '@apoc/db';
import Fastify, { type FastifyInstance } from 'fastify';
import { localDate } from '@apoc/shared';
import { buildTestApp, type TestApp } from '../helpers/app';
import { crowd, signIn } from '../helpers/auth';
import { rows, sql } from '../helpers/db';
import type { BurstFigures, BurstPlan } from './burst-worker';
import { twoInstancesOnPostgres } from './instances';
import { compareLoads, comparedRows, load, ROUNDS, type BenchResult, type Compared, type LoadResult } from './measure';

const REQUESTS = Number(process.env.BENCH_REGISTRATIONS ?? 3000);
const SEATS = Math.floor(REQUESTS / 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/**
 * Registrations for a summit of their own before the burst, so that both sides are measured warm: as many as the
 * burst, since the bare transaction warms up under a second of full load (thousands of requests) before it is
 * measured. With a sixth of the burst, the platform was still being compiled while it was measured.
 */
const WARM_UP = REQUESTS;
const CONNECTIONS = 16;
const BODY = JSON.stringify({ mode: 'in_person' });

type Taking = (mode: string) => Promise<{ id: string; status: string }>;

/** A bare Fastify POST around one transaction that counts the seats taken and takes one (or a waitlist place). */
async function bareServer(take: Taking): Promise<{ url: string; close: () => Promise<void> }> {
  const app: FastifyInstance = Fastify({ logger: false });
  app.post('/register', async (request, reply) =>
    reply.code(201).send(await take((request.body as { mode: string }).mode)),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${url}/register`, close: () => app.close() };
}

const SEATS_TABLE = `create table seats (id text primary key, summit_id text not null, member_id text not null,
  mode text not null, status text not null, created_at bigint not null);
  create index seats_summit_status on seats (summit_id, mode, status)`;

/**
 * The database's limit on SQLite: statements prepared once, on a file opened as the platform opens its own (WAL,
 * synchronous NORMAL), one transaction per request. The platform's burst aims at half of it.
 */
async function bareOnSqlite(seats: number): Promise<{ urls: string[]; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'apoc-bench-bare-'));
  const client = openDatabase({ path: join(dir, 'bare.db') }).$client;
  client.exec(SEATS_TABLE);
  const count = client.prepare<[string, string], { n: number }>(
    `select count(*) as n from seats where summit_id = ? and mode = ? and status = 'confirmed'`,
  );
  const insert = client.prepare(`insert into seats values (?, ?, ?, ?, ?, ?)`);
  const server = await bareServer(async (mode) => {
    const id = randomUUID();
    client.exec('BEGIN IMMEDIATE');
    try {
      const status = (count.get('bench', mode)?.n ?? 0) < seats ? 'confirmed' : 'waitlisted';
      insert.run(id, 'bench', randomUUID(), mode, status, Date.now());
      client.exec('COMMIT');
      return { id, status };
    } catch (error) {
      if (client.inTransaction) client.exec('ROLLBACK');
      throw error;
    }
  });
  return {
    urls: [server.url],
    close: async () => {
      await server.close();
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The database's limit on PostgreSQL, as the instances use it: two bare servers, each with a pool of its own,
 * each transaction locking the summit's row (FOR UPDATE), counting the seats taken and inserting.
 */
async function bareOnPostgres(url: string, seats: number): Promise<{ urls: string[]; close: () => Promise<void> }> {
  const pools = [openPostgres({ url }), openPostgres({ url })];
  const [setup] = pools;
  await setup?.$client.query(`${SEATS_TABLE}; create table bench_summits (id text primary key);
    insert into bench_summits values ('bench')`);
  const servers = await Promise.all(
    pools.map((db) =>
      bareServer(async (mode) => {
        const client = await db.$client.connect();
        try {
          await client.query('BEGIN');
          await client.query(`select id from bench_summits where id = 'bench' for update`);
          const taken = await client.query<{ n: number }>(
            `select count(*)::int as n from seats where summit_id = 'bench' and mode = $1 and status = 'confirmed'`,
            [mode],
          );
          const id = randomUUID();
          const status = (taken.rows[0]?.n ?? 0) < seats ? 'confirmed' : 'waitlisted';
          await client.query(`insert into seats values ($1, 'bench', $2, $3, $4, $5)`, [
            id,
            randomUUID(),
            mode,
            status,
            Date.now(),
          ]);
          await client.query('COMMIT');
          return { id, status };
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      }),
    ),
  );
  return {
    urls: servers.map((server) => server.url),
    close: async () => {
      for (const server of servers) await server.close();
      for (const db of pools) await closePostgres(db);
    },
  };
}

/** Bare servers loaded together: their requests per second summed, the worst p99, all their failures. */
async function loadTogether(urls: string[], seconds = SECONDS): Promise<LoadResult> {
  const runs = await Promise.all(urls.map((url) => load(url, seconds, {}, BODY)));
  return {
    requestsPerSecond: runs.reduce((sum, run) => sum + run.requestsPerSecond, 0),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    count304: 0,
  };
}

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

/** The burst, from a process of its own (burst-worker.ts) spreading the members over the instances' URLs. */
async function spreadBurst(urls: string[], summit: string, origin: string, cookies: string[]): Promise<BurstFigures> {
  const child = fork(fileURLToPath(new URL('./burst-worker.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const plan: BurstPlan = {
    urls: urls.map((url) => `${url}/api/summits/${summit}/registrations`),
    origin,
    cookies,
    connections: CONNECTIONS,
    body: BODY,
  };
  child.send(plan);
  const [answer] = (await once(child, 'message')) as [BurstFigures | { error: string }];
  if ('error' in answer) throw new Error(answer.error);
  return answer;
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
 * writing the registration, its audit row and its outbox message) against a bare count-and-insert transaction on the
 * same database (and a bare Fastify POST echo), all loaded by autocannon in the same run: first on the embedded
 * SQLite file (one instance), then on PostgreSQL with two instances sharing the burst. Also checks that nothing is
 * overbooked and every registrant's mail is queued.
 */
export async function registrationBenchmarks(): Promise<BenchResult[]> {
  const baseline = Fastify({ logger: false });
  baseline.post('/echo', async (request) => request.body);
  const baselineUrl = await baseline.listen({ port: 0, host: '127.0.0.1' });
  const results: BenchResult[] = [];
  /**
   * ROUNDS rounds, alternating a load of the bare count-and-insert servers with a burst of the platform's on a
   * summit of its own (fresh members each time), after one warm-up of each: the ratio is the median round's, shown
   * with the spread. Every round must hold no seat beyond capacity and queue every registrant's message.
   */
  const measure = async (
    subject: string,
    database: string,
    bare: { urls: string[]; close: () => Promise<void> },
    t: TestApp,
    urls: string[],
    base: number,
  ) => {
    const organiser = await signIn(t, 'organiser@demo.apoc.test');
    const origin = t.config.publicUrl.origin;
    // What every round must hold, besides its rate: no seat beyond capacity, every registrant's message queued.
    const outcomes = { failed: 0, overbooked: 0, queued: 0 };
    let round = 0;
    /** A burst of fresh members on a summit of its own; setting them up is not timed. */
    const burst = async (): Promise<LoadResult> => {
      round += 1;
      const summit = await publishedSummit(t, organiser, `Bench ${round}`, SEATS);
      const label = `burst${round}`;
      const cookies = (await crowd(t, REQUESTS, 'msk', label)).map((person) => person.cookie);
      const figures = await spreadBurst(urls, summit, origin, cookies);
      const { overbooked, queued } = await outcome(t, summit, label);
      outcomes.failed += figures.failed;
      outcomes.overbooked += overbooked;
      outcomes.queued += queued;
      return {
        requestsPerSecond: figures.requestsPerSecond,
        p99Ms: figures.p99,
        errors: 0,
        non2xx: figures.failed,
        count304: 0,
      };
    };
    let compared: Compared;
    try {
      await loadTogether(bare.urls, 1);
      const warmUpSummit = await publishedSummit(t, organiser, 'Bench warm-up', Math.floor(WARM_UP / 3));
      const warmUp = (await crowd(t, WARM_UP, 'msk', 'warm-up')).map((person) => person.cookie);
      await spreadBurst(urls, warmUpSummit, origin, warmUp);
      compared = await compareLoads(() => loadTogether(bare.urls), burst);
    } finally {
      await bare.close();
    }
    results.push(
      {
        benchmark: `baseline: ${database}`,
        metric: 'throughput',
        value: compared.baseline.requestsPerSecond,
        unit: 'req/s',
      },
      {
        benchmark: `baseline: ${database}`,
        metric: 'throughput ratio to bare POST',
        value: compared.baseline.requestsPerSecond / base,
        unit: 'ratio',
      },
      ...comparedRows(subject, database, compared),
      {
        benchmark: subject,
        metric: 'throughput ratio to bare POST',
        value: compared.subject.requestsPerSecond / base,
        unit: 'ratio',
      },
      { benchmark: subject, metric: `non-2xx answers, all ${ROUNDS} rounds`, value: outcomes.failed, unit: 'count' },
      {
        benchmark: subject,
        metric: `seats held beyond capacity, all ${ROUNDS} rounds`,
        value: outcomes.overbooked,
        unit: 'count',
      },
      {
        benchmark: subject,
        metric: `messages queued, all ${ROUNDS} rounds (of ${ROUNDS * REQUESTS})`,
        value: outcomes.queued,
        unit: 'count',
      },
    );
  };

  try {
    // A warm-up of its own first: a short run is mostly the JIT warming up.
    await load(`${baselineUrl}/echo`, 1, {}, BODY);
    const base = (await load(`${baselineUrl}/echo`, SECONDS, {}, BODY)).requestsPerSecond;
    results.push({ benchmark: 'baseline: bare Fastify POST echo', metric: 'throughput', value: base, unit: 'req/s' });

    // One instance on the embedded SQLite file.
    const t = await buildTestApp({ seed: 'demo' });
    try {
      const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
      await measure('registration burst', 'bare SQLite count-and-insert', await bareOnSqlite(SEATS), t, [url], base);
    } finally {
      await t.close();
    }

    // Two instances on one PostgreSQL, each taking half the burst at once.
    if (process.env.BENCH_POSTGRES === 'off') return results;
    const { apps, close, url: postgresUrl } = await twoInstancesOnPostgres('apoc_bench_registration');
    try {
      const [a] = apps as [TestApp, ...TestApp[]];
      const urls = await Promise.all(apps.map((app) => app.app.listen({ port: 0, host: '127.0.0.1' })));
      await measure(
        'registration burst, PostgreSQL, two instances',
        'bare PostgreSQL count-and-insert, two servers',
        await bareOnPostgres(postgresUrl, SEATS),
        a,
        urls,
        base,
      );
    } finally {
      await close();
    }
  } finally {
    await baseline.close();
  }
  return results;
}
