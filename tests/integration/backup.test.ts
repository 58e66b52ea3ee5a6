import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import { tables } from '../helpers/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { demoSummitIds } from '../helpers/demo';
import { createInstitution, createMember } from '../helpers/factories';

// The restore drill: `pnpm backup` (the real script, in its own process) copies the database while the server
// takes a burst of registrations. The copy must be whole, hold exactly the registrations acknowledged up to
// some point (a prefix: none half-written, none missing before it), and serve the same data when started on.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The copy is read with SQLite itself, untouched by the platform's code (no migrations, no pragmas).
type Sqlite = new (
  path: string,
  options?: { readonly?: boolean },
) => {
  pragma(source: string, options: { simple: true }): unknown;
  prepare(source: string): { all(...params: unknown[]): unknown[] };
  close(): void;
};
const Database = createRequire(join(ROOT, 'db/package.json'))('better-sqlite3') as Sqlite;
const BURST = 200;

function backup(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, 'scripts/backup.mjs')],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('backups taken while the server runs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('copies a database in the middle of 200 registrations to a whole file holding a prefix of them, which serves the same data', async () => {
    const summitId = (await demoSummitIds(t.app.db)).nextVirtual;
    const institution = await createInstitution(t.app.db, 'Europe/Madrid');
    const people = [];
    for (let i = 0; i < BURST; i++) {
      const member = await createMember(t.app.db, institution.id, `Registrant ${i}`);
      people.push({ id: member.id, cookie: await signIn(t, member.email) });
    }

    const acknowledged: string[] = [];
    let copying: Promise<{ code: number; stdout: string; stderr: string }> | null = null;
    let acknowledgedBeforeBackup = 0;
    for (const [i, person] of people.entries()) {
      if (i === BURST / 4) {
        acknowledgedBeforeBackup = acknowledged.length;
        copying = backup({ DATABASE_PATH: t.config.databasePath, BACKUP_DIR: join(t.dir, 'backups') });
      }
      const answer = await t.app.inject({
        method: 'POST',
        url: `/api/summits/${summitId}/registrations`,
        headers: browserHeaders(t.config, person.cookie),
        payload: { mode: 'virtual' },
      });
      expect(answer.statusCode).toBe(201);
      acknowledged.push(person.id);
      // Give the copy a chance to run between writes, as requests from many people would.
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await copying;
    expect(result?.stderr).toBe('');
    expect(result?.code).toBe(0);
    const path = result?.stdout.trim() ?? '';
    expect(path).toMatch(/\/backups\/apoc-\d{8}-\d{6}(-\d+)?\.sqlite$/);
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);

    const copy = new Database(path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const inCopy = new Set(
      (
        copy.prepare('SELECT member_id FROM registrations WHERE summit_id = ?').all(summitId) as { member_id: string }[]
      ).map((row) => row.member_id),
    );
    copy.close();
    const ours = acknowledged.filter((id) => inCopy.has(id));
    // A prefix: the first k acknowledged, every one acknowledged before the backup began among them.
    expect(ours).toEqual(acknowledged.slice(0, ours.length));
    expect(ours.length).toBeGreaterThanOrEqual(acknowledgedBeforeBackup);

    // Started on the copy, the platform serves what the copy holds.
    const restored = await buildTestApp({ env: { DATABASE_PATH: path } });
    try {
      const original = (await t.app.inject({ method: 'GET', url: '/api/summits' })).json() as { id: string }[];
      const served = (await restored.app.inject({ method: 'GET', url: '/api/summits' })).json() as { id: string }[];
      expect(served.map((summit) => summit.id)).toEqual(original.map((summit) => summit.id));
      const kept = await restored.app.db.q
        .select({ id: tables.registrations.id })
        .from(tables.registrations)
        .where(eq(tables.registrations.summitId, summitId));
      expect(kept.length).toBeGreaterThanOrEqual(ours.length);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('says clearly when there is no database to copy', async () => {
    const result = await backup({ DATABASE_PATH: join(t.dir, 'missing.sqlite'), BACKUP_DIR: join(t.dir, 'none') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^apoc backup: no database at .*missing\.sqlite/);
    expect(result.stdout).toBe('');
  });
});
