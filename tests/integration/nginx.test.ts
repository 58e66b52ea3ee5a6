import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as http2Connect } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildTestApp, type TestApp } from '../helpers/app';
import { requestSignInToken, signedInMembers } from '../helpers/auth';
import { demoSession, demoSummitIds } from '../helpers/demo';
import { LiveTestClient } from '../helpers/live-client';
import { REPO_ROOT, freePort } from '../helpers/server';

// deploy/nginx.conf, as shipped, in front of two instances on one PostgreSQL: Debian's nginx terminates TLS with a
// certificate made here, speaks HTTP/2, upgrades live connections, and hands the client's address to the platform.
// Runs in the `integration-pg` project only.

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('behind nginx with TLS, two instances on one PostgreSQL', () => {
  let dir: string;
  let a: TestApp;
  let b: TestApp;
  let nginx: ChildProcess;
  let httpsPort: number;
  let httpPort: number;
  let ca: string;
  const logs = { a: [] as string[], b: [] as string[] };

  const stream = (into: string[]) => {
    const out = new PassThrough();
    out.on('data', (chunk) => into.push(String(chunk)));
    return out;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'apoc-nginx-'));
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'privkey.pem'),
      '-out',
      join(dir, 'fullchain.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]);
    ca = readFileSync(join(dir, 'fullchain.pem'), 'utf8');
    [httpsPort, httpPort] = [await freePort(), await freePort()];
    const env = { TRUST_PROXY: '1', PUBLIC_URL: `https://localhost:${httpsPort}`, LOG_LEVEL: 'info' };
    a = await buildTestApp({ seed: 'demo', env, logStream: stream(logs.a) });
    b = await buildTestApp({ seed: 'demo', env, logStream: stream(logs.b), dir: a.dir });
    const ports = [
      new URL(await a.app.listen({ port: 0, host: '127.0.0.1' })).port,
      new URL(await b.app.listen({ port: 0, host: '127.0.0.1' })).port,
    ];

    // The shipped file, with this machine's ports, certificate and log paths.
    const config = readFileSync(join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8')
      .replace('pid /run/nginx.pid;', `pid ${dir}/nginx.pid;`)
      .replace('/var/log/nginx/apoc.access.log', join(dir, 'access.log'))
      .replace('/var/log/nginx/apoc.error.log', join(dir, 'error.log'))
      .replace('127.0.0.1:3001', `127.0.0.1:${ports[0]}`)
      .replace('127.0.0.1:3002', `127.0.0.1:${ports[1]}`)
      .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
      .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
      .replace(/^\s*listen \[::\]:\d+.*$/gm, '')
      .replace('/etc/ssl/apoc/fullchain.pem', join(dir, 'fullchain.pem'))
      .replace('/etc/ssl/apoc/privkey.pem', join(dir, 'privkey.pem'));
    writeFileSync(join(dir, 'nginx.conf'), config);
    nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    // Up once it accepts TLS connections.
    for (let i = 0; ; i++) {
      const open = await new Promise<boolean>((resolve) => {
        const socket = netConnect(httpsPort, '127.0.0.1', () => resolve(socket.destroy() !== undefined));
        socket.on('error', () => resolve(false));
      });
      if (open) break;
      if (i > 100) throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 60_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await once(nginx, 'exit');
    }
    await b?.app.close();
    await a?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A request through nginx over TLS, from `localAddress` (another loopback address stands for a remote client). */
  function viaProxy(
    path: string,
    options: { method?: string; body?: object; headers?: Record<string, string>; localAddress?: string } = {},
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const payload = options.body ? JSON.stringify(options.body) : undefined;
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          servername: 'localhost',
          port: httpsPort,
          path,
          method: options.method ?? 'GET',
          ca,
          localAddress: options.localAddress,
          headers: {
            host: `localhost:${httpsPort}`,
            ...(payload ? { 'content-type': 'application/json', origin: `https://localhost:${httpsPort}` } : {}),
            ...options.headers,
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  it('terminates TLS with the certificate, speaks HTTP/2, and sends plain HTTP to https', async () => {
    const health = await viaProxy('/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);

    const session = http2Connect(`https://localhost:${httpsPort}`, { ca });
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
      httpRequest({ host: '127.0.0.1', port: httpPort, path: '/summits', headers: { host: 'localhost' } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, location: String(res.headers.location) });
      })
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
    const socket = new WebSocket(`wss://localhost:${httpsPort}/api/sessions/${sessionId}/live`, {
      ca,
      headers: { cookie: person.cookie, origin: `https://localhost:${httpsPort}` },
    });
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
