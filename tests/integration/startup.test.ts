import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SummitSummary } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, startServer } from '../helpers/server';

// These tests run the real server process, as `pnpm start` does: configuration errors, persistence
// across restarts and graceful shutdown are properties of the process, not of buildApp().
describe('starting and stopping the server', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'apoc-startup-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses PORT=abc with one line naming the variable and exit code 1', async () => {
    const { output, exited } = spawnServer({ PORT: 'abc', DATABASE_PATH: join(dir, 'never.sqlite') });
    expect(await exited).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
    expect(lines[0]).toMatch(/abc/);
  });

  it('refuses an unwritable DATABASE_PATH with one line and exit code 1', async () => {
    // A regular file where a folder should be: unwritable even for root, which ignores permissions.
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'not a folder');
    const { output, exited } = spawnServer({ PORT: '0', DATABASE_PATH: join(blocker, 'apoc.sqlite') });
    expect(await exited).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/DATABASE_PATH/);
  });

  it.each([
    ['PUBLIC_URL', 'ftp://example.org'],
    ['APOC_SEED', 'everything'],
    ['SMTP_URL', 'not a url'],
  ])('refuses %s=%s with one line and exit code 1', async (variable, value) => {
    const { output, exited } = spawnServer({ [variable]: value, DATABASE_PATH: join(dir, 'never.sqlite') });
    expect(await exited).toBe(1);
    expect(output().trim().split('\n')).toEqual([expect.stringContaining(variable)]);
  });

  // Two server processes start one after the other: more than the default 20 s on a loaded machine.
  it('keeps the data across a restart and seeds only once', async () => {
    const env = { DATABASE_PATH: join(dir, 'data', 'apoc.sqlite') };
    const first = await startServer(env);
    const before = (await (await fetch(`${first.url}/api/summits`)).json()) as SummitSummary[];
    expect(before.length).toBeGreaterThan(0);
    expect(await first.stop()).toBe(0);

    const second = await startServer(env);
    const after = (await (await fetch(`${second.url}/api/summits`)).json()) as SummitSummary[];
    const institutions = (await (await fetch(`${second.url}/api/institutions`)).json()) as unknown[];
    expect(await second.stop()).toBe(0);
    expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
    expect(institutions).toHaveLength(9);
  }, 60_000);

  it('closes cleanly on SIGTERM: exit code 0 and the database closed (no write-ahead log left)', async () => {
    const databasePath = join(dir, 'graceful.sqlite');
    const server = await startServer({ DATABASE_PATH: databasePath, APOC_SEED: 'none' });
    expect((await fetch(`${server.url}/api/summits`)).status).toBe(200);
    expect(existsSync(`${databasePath}-wal`)).toBe(true);
    expect(await server.stop()).toBe(0);
    expect(existsSync(`${databasePath}-wal`)).toBe(false);
    expect(server.output()).not.toMatch(/error/i);
  });
});
