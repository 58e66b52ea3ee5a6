import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadConfig, type Config } from '@apoc/server';
import type { FastifyInstance } from 'fastify';

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
  /** The app's clock, for tests that move time (offers expiring, reminders). */
  clock?: () => Date;
}

/** The real application on a real SQLite file in a temporary folder; nothing is mocked. */
/** Headers of a request from the app's own pages (same origin, JSON), carrying `cookie` if given. */
export function browserHeaders(config: Config, cookie?: string): Record<string, string> {
  return { origin: config.publicUrl.origin, ...(cookie ? { cookie } : {}) };
}

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'apoc-test-'));
  const config = loadConfig(
    {
      DATABASE_PATH: join(dir, 'apoc.sqlite'),
      APOC_SEED: options.seed ?? 'none',
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    { webRoot: options.webRoot ?? null },
  );
  if (options.fastOutbox) config.outbox = { retryBaseMs: 50, retryMaxMs: 200, pollMs: 50, leaseMs: 2_000 };
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
