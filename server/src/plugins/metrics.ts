import { timingSafeEqual } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { Problem } from '@apoc/shared';
import type { Config } from '../config';
import { Forbidden } from '../errors';
import { RequestDurations } from './request-durations';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Whether the request may read the metrics: the bearer token, or a direct connection from this machine. */
function mayRead(request: FastifyRequest, token: string | null): boolean {
  const header = request.headers.authorization ?? '';
  if (token && header.startsWith('Bearer ')) {
    const given = Buffer.from(header.slice('Bearer '.length));
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  // Through a proxy, the socket's address is the proxy's: only a request that came straight from here counts.
  return LOOPBACK.has(request.socket.remoteAddress ?? '') && request.headers['x-forwarded-for'] === undefined;
}

/**
 * GET /metrics in Prometheus's text format (prom-client): request rates and latencies per route, live connections
 * and events, the outbox's depth and age, the scheduler's lag, and the database connections in use. Readable with
 * METRICS_TOKEN as a bearer token, or from the machine itself.
 */
export default fp(
  async function metrics(app: FastifyInstance, { config }: { config: Config }) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'apoc_' });

    const requests = new RequestDurations(
      'apoc_http_request_duration_seconds',
      'HTTP requests by route, method and status, with their duration',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    );
    registry.registerMetric(requests.asMetric());
    app.addHook('onResponse', (request, reply, done) => {
      // The route's pattern, never the path itself (ids would make a series per summit or per token).
      requests.observe(
        request.method,
        request.routeOptions.url ?? 'unmatched',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });

    new Gauge({
      name: 'apoc_live_connections',
      help: 'Live Q&A connections open on this instance',
      registers: [registry],
      collect() {
        this.set(app.live.connections.count);
      },
    });
    new Counter({
      name: 'apoc_live_events_total',
      help: 'Live events handed to this instance’s connections',
      registers: [registry],
      collect() {
        this.reset();
        this.inc((app.live.hub as { eventsDelivered?: number }).eventsDelivered ?? 0);
      },
    });
    new Gauge({
      name: 'apoc_outbox_messages',
      help: 'Messages in the outbox by status',
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        for (const [status, count] of Object.entries(await app.outbox.repository.counts())) this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'apoc_outbox_oldest_waiting_seconds',
      help: 'Age of the oldest message not yet sent (0 when none waits)',
      registers: [registry],
      async collect() {
        const oldest = await app.outbox.repository.oldestWaiting();
        this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
      },
    });
    new Gauge({
      name: 'apoc_jobs_lag_seconds',
      help: 'How long the longest-waiting due job (reminders, change notices) has waited',
      registers: [registry],
      async collect() {
        this.set(await app.reminders.lagSeconds());
      },
    });
    new Gauge({
      name: 'apoc_db_connections',
      help: 'Database connections: open, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = app.db.poolStats();
        this.set({ state: 'open' }, stats.size);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });

    app.get(
      '/metrics',
      {
        schema: {
          hide: true,
          headers: Type.Object({ authorization: Type.Optional(Type.String()) }),
          response: { 200: Type.String(), 403: Problem },
        },
        config: { access: 'public' },
      },
      async (request, reply) => {
        if (!mayRead(request, config.metricsToken)) {
          throw new Forbidden('Metrics are read with METRICS_TOKEN as a bearer token, or from this machine.');
        }
        return reply.type(registry.contentType).send(await registry.metrics());
      },
    );
  },
  { name: 'metrics', dependencies: ['database', 'live', 'outbox'] },
);
