import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadConfig, type Config } from '@apoc/server';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { backend } from './db';
import { TEMPLATE_DATABASE } from './postgres-global';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  /** A fresh folder of this app's own, removed by close(). */
  dir: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  seed?: 'demo' | 'none';
  webRoot?: string | null;
  env?: Record<string, string>;
  /** Reuse a folder (and so the database) of an earlier app, e.g. to test a restart. */
  dir?: string;
  /** Receives the app's logs (at LOG_LEVEL, `silent` unless `env` says otherwise). */
  logStream?: NodeJS.WritableStream;
  /** Shortens the outbox's retry timing so that tests need not wait minutes. */
  fastOutbox?: boolean;
  /** The outbox's timing, where a test needs its own (e.g. a short lease, to take over a dead instance's claims). */
  outbox?: Partial<Config['outbox']>;
  /** The app's clock, for tests that move time (offers expiring, reminders). */
  clock?: () => Date;
}

/** Headers of a request from the app's own pages (same origin, JSON), carrying `cookie` if given. */
export function browserHeaders(config: Config, cookie?: string): Record<string, string> {
  return { origin: config.publicUrl.origin, ...(cookie ? { cookie } : {}) };
}

/**
 * On PostgreSQL, the database of the app whose folder this is: a copy of the migrated template made on first
 * use, and found again by an app that reuses the folder (a restart).
 */
async function postgresDatabaseOf(dir: string): Promise<string> {
  const server = new URL(inject('postgresUrl'));
  const marker = join(dir, 'postgres-database');
  if (!existsSync(marker)) {
    const name = `apoc_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const client = new pg.Client({ connectionString: server.toString() });
    await client.connect();
    try {
      await client.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
    } finally {
      await client.end();
    }
    writeFileSync(marker, name);
  }
  server.pathname = `/${readFileSync(marker, 'utf8')}`;
  return server.toString();
}

/**
 * The real application in a temporary folder: on a real SQLite file, or (in the `integration-pg` project) on a
 * database of its own on the real PostgreSQL server the project started; nothing is mocked.
 */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'apoc-test-'));
  const config = loadConfig(
    {
      ...(backend === 'postgres' ? { DATABASE_URL: await postgresDatabaseOf(dir) } : {}),
      DATABASE_PATH: join(dir, 'apoc.sqlite'),
      APOC_SEED: options.seed ?? 'none',
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    { webRoot: options.webRoot ?? null },
  );
  if (options.fastOutbox) config.outbox = { retryBaseMs: 50, retryMaxMs: 200, pollMs: 50, leaseMs: 2_000 };
  config.outbox = { ...config.outbox, ...options.outbox };
  const app = await buildApp(config, {
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.ready();
  return {
    app,
    config,
    dir,
    async close() {
      await app.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
