import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import WebSocket from 'ws';
import { REPO_ROOT, freePort } from './server';

// deploy/nginx.conf, as shipped, run by Debian's nginx in front of instances of the platform: TLS with a certificate
// made here (for localhost), HTTP/2, websocket upgrades. Only ports, certificate and log paths are substituted.

export interface ProxyAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface ProxyRequest {
  method?: string;
  body?: object;
  headers?: Record<string, string>;
  /** Another loopback address (127.0.0.2) stands for a remote client. */
  localAddress?: string;
}

export interface Proxy {
  readonly dir: string;
  readonly httpsPort: number;
  readonly httpPort: number;
  /** The certificate, to trust it as its own authority. */
  readonly ca: string;
  /** https://localhost:port, what the instances are told is their PUBLIC_URL. */
  readonly origin: string;
  /** Starts nginx with the shipped configuration in front of instances listening on these loopback ports. */
  start(upstreams: readonly number[]): Promise<void>;
  /** A request through nginx over TLS; a JSON body is sent with the page's own Origin. */
  request(path: string, options?: ProxyRequest): Promise<ProxyAnswer>;
  /** A websocket through nginx (wss), from the page's own Origin. */
  websocket(path: string, cookie: string): WebSocket;
  errorLog(): string;
  stop(): Promise<void>;
}

/** A folder, ports and a certificate for nginx; `start` runs it once the instances behind it listen. */
export async function prepareProxy(): Promise<Proxy> {
  const dir = mkdtempSync(join(tmpdir(), 'apoc-nginx-'));
  execFileSync(
    'openssl',
    [
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
    ],
    { stdio: 'ignore' },
  );
  const ca = readFileSync(join(dir, 'fullchain.pem'), 'utf8');
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const origin = `https://localhost:${httpsPort}`;
  let nginx: ChildProcess | null = null;
  const errorLog = () => readFileSync(join(dir, 'error.log'), { encoding: 'utf8', flag: 'a+' });

  return {
    dir,
    httpsPort,
    httpPort,
    ca,
    origin,
    errorLog,

    async start(upstreams) {
      const [first, second] = upstreams;
      if (first === undefined || second === undefined || upstreams.length !== 2) {
        throw new Error('deploy/nginx.conf names two upstream instances');
      }
      const config = readFileSync(join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8')
        .replace('pid /run/nginx.pid;', `pid ${dir}/nginx.pid;`)
        .replace('/var/log/nginx/apoc.access.log', join(dir, 'access.log'))
        .replace('/var/log/nginx/apoc.error.log', join(dir, 'error.log'))
        .replace('127.0.0.1:3001', `127.0.0.1:${first}`)
        .replace('127.0.0.1:3002', `127.0.0.1:${second}`)
        .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
        .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
        .replace(/^\s*listen \[::\]:\d+.*$/gm, '')
        .replace('/etc/ssl/apoc/fullchain.pem', join(dir, 'fullchain.pem'))
        .replace('/etc/ssl/apoc/privkey.pem', join(dir, 'privkey.pem'));
      writeFileSync(join(dir, 'nginx.conf'), config);
      const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      nginx = child;
      // What it says before its own error log is open (a port it cannot bind) goes to stderr.
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Up once it completes a TLS handshake with this certificate: a bare TCP connect could reach another program.
      for (let i = 0; ; i++) {
        const ours = await new Promise<boolean>((resolve) => {
          const socket = tlsConnect({ host: '127.0.0.1', port: httpsPort, servername: 'localhost', ca }, () => {
            socket.destroy();
            resolve(true);
          });
          socket.on('error', () => resolve(false));
        });
        if (ours) break;
        if (child.exitCode !== null || i > 100) throw new Error(`nginx did not start: ${stderr}${errorLog()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },

    request(path, options = {}) {
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
              ...(payload ? { 'content-type': 'application/json', origin } : {}),
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
    },

    websocket(path, cookie) {
      return new WebSocket(`wss://localhost:${httpsPort}${path}`, { ca, headers: { cookie, origin } });
    },

    async stop() {
      if (nginx && nginx.exitCode === null) {
        nginx.kill('SIGQUIT');
        await once(nginx, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
