import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app';
import { logSink } from '../helpers/logs';

const TOKEN = 'metrics-token-for-the-test-0123456789';

describe('operating it: /metrics and request ids', () => {
  let t: TestApp;
  const log = logSink();
  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo', env: { METRICS_TOKEN: TOKEN, LOG_LEVEL: 'info' }, logStream: log.stream });
  });
  afterAll(async () => t.close());

  it('answers Prometheus text with the series an operator watches, to the token or to the machine itself', async () => {
    await t.app.inject({ method: 'GET', url: '/api/summits' });
    const byToken = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
      remoteAddress: '203.0.113.9',
    });
    expect(byToken.statusCode).toBe(200);
    expect(byToken.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = byToken.body;
    const series = 'method="GET",route="/api/summits",status="200"';
    const line = (name: string) => new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
    const count = Number(line(`apoc_http_request_duration_seconds_count\\{${series}\\}`));
    expect(count).toBeGreaterThanOrEqual(1);
    // A histogram as Prometheus reads it: cumulative buckets, the last (+Inf) holding every request, and the sum.
    expect(text).toContain('# TYPE apoc_http_request_duration_seconds histogram');
    const buckets = [
      ...text.matchAll(
        new RegExp(`^apoc_http_request_duration_seconds_bucket\\{${series},le="([^"]+)"\\} (\\d+)$`, 'gm'),
      ),
    ];
    expect(buckets.map((bucket) => bucket[1])).toEqual([
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '+Inf',
    ]);
    const cumulative = buckets.map((bucket) => Number(bucket[2]));
    expect(cumulative).toEqual([...cumulative].sort((x, y) => x - y));
    expect(cumulative.at(-1)).toBe(count);
    expect(Number(line(`apoc_http_request_duration_seconds_sum\\{${series}\\}`))).toBeGreaterThan(0);
    for (const series of [
      'apoc_live_connections ',
      'apoc_live_events_total ',
      'apoc_outbox_messages{status="queued"}',
      'apoc_outbox_oldest_waiting_seconds ',
      'apoc_jobs_lag_seconds ',
      'apoc_db_connections{state="open"}',
      'apoc_process_resident_memory_bytes ',
      'apoc_nodejs_eventloop_lag_seconds ',
    ]) {
      expect(text, series).toContain(series);
    }
    // From this machine, no token needed; from anywhere else, or through a proxy, the token is.
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    const elsewhere = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.headers['content-type']).toMatch(/^application\/problem\+json/);
    const proxied = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(proxied.statusCode).toBe(403);
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: `Bearer ${TOKEN.replace('0', '1')}` },
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('writes the process’s warnings into its log as warnings, where an operator reads them', async () => {
    const listening = process.listenerCount('warning');
    // Worded so that a reader of the test run's stderr, where Node prints it too, sees where it comes from.
    process.emitWarning('metrics.test.ts raises this warning, as a failed background checkpoint would');
    // Node emits a warning on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    const entry = log.entries().find((line) => line.msg === 'process warning');
    expect(entry).toMatchObject({ level: 40, err: { message: expect.stringContaining('metrics.test.ts raises') } });
    // A closed app stops listening.
    const other = await buildTestApp();
    expect(process.listenerCount('warning')).toBe(listening + 1);
    await other.close();
    expect(process.listenerCount('warning')).toBe(listening);
  });

  it('carries the proxy’s X-Request-Id into its answer and its logs, and replaces one that is not an identifier', async () => {
    const given = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'nginx-4f2a9c' },
    });
    expect(given.headers['x-request-id']).toBe('nginx-4f2a9c');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.text()).toContain('"reqId":"nginx-4f2a9c"');

    const odd = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'a b\nc' } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.text()).not.toContain('a b');
  });
});
