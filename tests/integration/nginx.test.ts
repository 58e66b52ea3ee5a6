import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { connect as http2Connect } from 'node:http2';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app';
import { requestSignInToken, signedInMembers } from '../helpers/auth';
import { demoSession, demoSummitIds } from '../helpers/demo';
import { LiveTestClient } from '../helpers/live-client';
import { prepareProxy, type Proxy, type ProxyRequest } from '../helpers/nginx';

// deploy/nginx.conf, as shipped, in front of two instances on one PostgreSQL: Debian's nginx terminates TLS with a
// certificate made here, speaks HTTP/2, upgrades live connections, and hands the client's address to the platform.
// Runs in the `integration-pg` project only.

describe('behind nginx with TLS, two instances on one PostgreSQL', () => {
  let proxy: Proxy;
  let a: TestApp;
  let b: TestApp;
  const logs = { a: [] as string[], b: [] as string[] };

  const stream = (into: string[]) => {
    const out = new PassThrough();
    out.on('data', (chunk) => into.push(String(chunk)));
    return out;
  };

  beforeAll(async () => {
    proxy = await prepareProxy();
    const env = { TRUST_PROXY: '1', PUBLIC_URL: proxy.origin, LOG_LEVEL: 'info' };
    a = await buildTestApp({ seed: 'demo', env, logStream: stream(logs.a) });
    b = await buildTestApp({ seed: 'demo', env, logStream: stream(logs.b), dir: a.dir });
    await proxy.start([
      Number(new URL(await a.app.listen({ port: 0, host: '127.0.0.1' })).port),
      Number(new URL(await b.app.listen({ port: 0, host: '127.0.0.1' })).port),
    ]);
  }, 60_000);

  afterAll(async () => {
    await proxy?.stop();
    await b?.app.close();
    await a?.close();
  });

  const viaProxy = (path: string, options?: ProxyRequest) => proxy.request(path, options);

  it('terminates TLS with the certificate, speaks HTTP/2, and sends plain HTTP to https', async () => {
    const health = await viaProxy('/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);

    const session = http2Connect(proxy.origin, { ca: proxy.ca });
    try {
      const stream = session.request({ ':path': '/api/health' });
      const [headers] = (await once(stream, 'response')) as [Record<string, string | number>];
      expect(headers[':status']).toBe(200);
      stream.resume();
      await once(stream, 'end');
      expect(session.alpnProtocol).toBe('h2');
    } finally {
      session.close();
    }

    const plain = await new Promise<{ status: number; location: string }>((resolve, reject) => {
      httpRequest(
        { host: '127.0.0.1', port: proxy.httpPort, path: '/summits', headers: { host: 'localhost' } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, location: String(res.headers.location) });
        },
      )
        .on('error', reject)
        .end();
    });
    expect(plain).toEqual({ status: 301, location: 'https://localhost/summits' });
  });

  it('hands the client’s address and nginx’s request id to the instance that answers, and spreads requests over both', async () => {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await viaProxy('/api/institutions', { localAddress: '127.0.0.2' }));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    // nginx's $request_id names the request in the instance's log, and comes back in the answer.
    const id = String(answers[0]?.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const both = [...logs.a, ...logs.b].join('');
    expect(both).toContain(`"reqId":"${id}"`);
    // The platform saw the client, not the proxy (TRUST_PROXY=1).
    expect(both).toContain('"remoteAddress":"127.0.0.2"');
    // Both instances served some of them.
    expect(logs.a.join('')).toContain('/api/institutions');
    expect(logs.b.join('')).toContain('/api/institutions');
  });

  it('signs in through the proxy with a Secure cookie, and keeps /metrics off the public side', async () => {
    const token = await requestSignInToken(a, 'organiser@demo.apoc.test');
    const verified = await viaProxy('/api/auth/verify', { method: 'POST', body: { token } });
    expect(verified.status).toBe(200);
    const cookie = [verified.headers['set-cookie']].flat().find((value) => value?.startsWith('apoc_session='));
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    const me = await viaProxy('/api/me', { headers: { cookie: String(cookie).split(';')[0] as string } });
    expect(me.status).toBe(200);

    expect((await viaProxy('/metrics')).status).toBe(404);
  });

  it('upgrades a live connection through the proxy (wss), whichever instance takes it', async () => {
    const summitId = (await demoSummitIds(a.app.db)).nextVirtual;
    const sessionId = demoSession(summitId, 2);
    const [person] = await signedInMembers(a, 1, 'vhio');
    if (!person) throw new Error('a member');
    const registered = await viaProxy(`/api/summits/${summitId}/registrations`, {
      method: 'POST',
      body: { mode: 'virtual' },
      headers: { cookie: person.cookie },
    });
    expect(registered.status).toBe(201);
    const socket = proxy.websocket(`/api/sessions/${sessionId}/live`, person.cookie);
    const client = new LiveTestClient(socket);
    try {
      await once(socket, 'open');
      expect((await client.take('snapshot')).type).toBe('snapshot');
      await client.ok({ type: 'question.ask', text: 'Heard through the proxy?' });
      expect((await client.take('question')).question.text).toBe('Heard through the proxy?');
    } finally {
      client.close();
    }
  });
});
