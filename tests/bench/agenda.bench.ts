import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { zonedInstant, addDays } from '@apoc/shared';
import { buildTestApp } from '../helpers/app';
import { createSession, createSummit, createTrack } from '../helpers/factories';
import { load, medianMs, type BenchResult } from './measure';

/**
 * The summit list and a 300-session agenda through the real app (helmet, validation, serialisation,
 * SQLite), each against a bare Fastify route returning a constant, in the same run.
 */
export async function agendaBenchmarks(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'apoc-bench-'));
  const baseline = Fastify({ logger: false });
  baseline.get('/constant', async () => ({ status: 'ok' }));
  const baselineUrl = `${await baseline.listen({ port: 0, host: '127.0.0.1' })}/constant`;

  const t = await buildTestApp({ seed: 'demo', dir });
  const big = await createSummit(t.app.db, { title: 'Bench summit', startDate: '2027-03-09', endDate: '2027-03-11' });
  const tracks = [];
  for (const name of ['Thoracic', 'Gastrointestinal', 'Genito-urinary', 'Cross-cutting']) {
    tracks.push(await createTrack(t.app.db, big.id, name));
  }
  for (let i = 0; i < 300; i++) {
    const day = addDays(big.startDate, i % 3);
    const minutes = 8 * 60 + (i % 40) * 15;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const startsAt = zonedInstant(day, time, big.timeZone);
    await createSession(t.app.db, big.id, {
      title: `Session ${i}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 45 * 60_000),
      trackId: tracks[i % tracks.length]?.id ?? null,
    });
  }
  const appUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });

  // A bare route serving the very bytes of each answer: what the platform adds beyond sending them.
  const sameBytes = Fastify({ logger: false });
  const bytesOf = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
  const listBytes = await bytesOf(`${appUrl}/api/summits`);
  const agendaBytes = await bytesOf(`${appUrl}/api/summits/${big.id}`);
  sameBytes.get('/list', async (_request, reply) => reply.type('application/json; charset=utf-8').send(listBytes));
  sameBytes.get('/agenda', async (_request, reply) => reply.type('application/json; charset=utf-8').send(agendaBytes));
  const sameBytesUrl = await sameBytes.listen({ port: 0, host: '127.0.0.1' });

  const results: BenchResult[] = [];
  try {
    const base = await load(baselineUrl);
    const listBase = await load(`${sameBytesUrl}/list`);
    const agendaBase = await load(`${sameBytesUrl}/agenda`);
    const list = await load(`${appUrl}/api/summits`);
    const agenda = await load(`${appUrl}/api/summits/${big.id}`);
    const etag = (await fetch(`${appUrl}/api/summits/${big.id}`)).headers.get('etag') ?? '';
    const agendaHeld = await load(`${appUrl}/api/summits/${big.id}`, undefined, { 'if-none-match': etag });
    const agendaInject = await medianMs(() => t.app.inject({ method: 'GET', url: `/api/summits/${big.id}` }));
    results.push(
      { benchmark: 'baseline: bare Fastify GET', metric: 'throughput', value: base.requestsPerSecond, unit: 'req/s' },
      { benchmark: 'GET /api/summits', metric: 'throughput', value: list.requestsPerSecond, unit: 'req/s' },
      {
        benchmark: 'GET /api/summits',
        metric: 'throughput ratio to bare GET',
        value: list.requestsPerSecond / base.requestsPerSecond,
        unit: 'ratio',
      },
      {
        benchmark: 'GET /api/summits',
        metric: 'throughput ratio to a bare route serving the same bytes',
        value: list.requestsPerSecond / listBase.requestsPerSecond,
        unit: 'ratio',
      },
      { benchmark: 'GET /api/summits', metric: 'p99 latency', value: list.p99Ms, unit: 'ms' },
      {
        benchmark: 'GET /api/summits/{id} (300 sessions)',
        metric: 'throughput',
        value: agenda.requestsPerSecond,
        unit: 'req/s',
      },
      {
        benchmark: 'GET /api/summits/{id} (300 sessions)',
        metric: 'throughput ratio to bare GET',
        value: agenda.requestsPerSecond / base.requestsPerSecond,
        unit: 'ratio',
      },
      {
        benchmark: 'GET /api/summits/{id} (300 sessions)',
        metric: 'throughput ratio to a bare route serving the same bytes',
        value: agenda.requestsPerSecond / agendaBase.requestsPerSecond,
        unit: 'ratio',
      },
      {
        benchmark: 'GET /api/summits/{id} (300 sessions), 304',
        metric: 'throughput ratio to a bare route serving the same bytes',
        value: agendaHeld.requestsPerSecond / agendaBase.requestsPerSecond,
        unit: 'ratio',
      },
      {
        benchmark: 'GET /api/summits/{id} (300 sessions), 304',
        metric: 'answers 304',
        value: agendaHeld.count304,
        unit: 'count',
      },
      {
        benchmark: 'GET /api/summits/{id} (300 sessions)',
        metric: 'median time in-process',
        value: agendaInject,
        unit: 'ms',
      },
      {
        benchmark: 'all loads',
        metric: 'errors and non-2xx answers',
        value: base.errors + list.errors + agenda.errors + base.non2xx + list.non2xx + agenda.non2xx,
        unit: 'count',
      },
    );
  } finally {
    await baseline.close();
    await sameBytes.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
