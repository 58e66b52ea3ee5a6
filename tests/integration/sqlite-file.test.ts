import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase, tables } from '@apoc/db';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { startSmtpSink, tokenFromText, type SmtpSink } from '../helpers/smtp';

// The embedded SQLite file as an attacker or a careless copy would meet it. PostgreSQL keeps no such file (its
// access is the database server's), so these run on SQLite only: the `integration-pg` project leaves this file out.

const ADMIN = 'admin@demo.apoc.test';

describe('the SQLite file', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  async function app(options: Parameters<typeof buildTestApp>[0]): Promise<TestApp> {
    const t = await buildTestApp(options);
    cleanup.push(() => t.close());
    return t;
  }
  async function sink(): Promise<SmtpSink> {
    const s = await startSmtpSink();
    cleanup.push(() => s.stop());
    return s;
  }
  const askForLink = async (t: TestApp, email: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: browserHeaders(t.config),
      payload: { email },
    });
    expect(response.statusCode).toBe(202);
    await t.app.auth.settled();
  };

  it('leaves no usable sign-in link in a copied database file once the mail was sent', async () => {
    const smtp = await sink();
    const t = await app({ seed: 'demo', fastOutbox: true, env: { SMTP_URL: smtp.url } });
    await askForLink(t, ADMIN);
    t.app.outbox.kick();
    const [delivered] = await smtp.waitForMessages(1);
    const token = tokenFromText(delivered?.text ?? '');
    // The worker marks it sent just after the server accepted it.
    for (let i = 0; i < 100; i++) {
      const [row] = await t.app.outbox.repository.list(undefined, 1);
      if (row?.status === 'sent') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    // The thief copies the file (and its WAL) and looks for anything shaped like a link or a token.
    const copyDir = mkdtempSync(join(tmpdir(), 'apoc-stolen-'));
    cleanup.push(() => rmSync(copyDir, { recursive: true, force: true }));
    const source = t.config.databasePath;
    // A checkpoint cannot run inside a transaction: wait for the worker's to end. The check and the checkpoint
    // run in one go, so no transaction begins in between.
    const writer = t.app.db.sqlite;
    while (writer?.inTransaction) await new Promise((resolve) => setTimeout(resolve, 5));
    writer?.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(source, join(copyDir, 'apoc.sqlite'));
    const bytes = readFileSync(join(copyDir, 'apoc.sqlite')).toString('latin1');
    expect(bytes).not.toContain(token);
    const stolen = openSqliteDatabase(join(copyDir, 'apoc.sqlite'));
    const mails = await stolen.q.select().from(tables.outbox).where(eq(tables.outbox.kind, 'sign-in'));
    await stolen.close();
    expect(mails.length).toBeGreaterThan(0);
    const candidates = mails.flatMap((mail) => [...`${mail.text} ${mail.html}`.matchAll(/[A-Za-z0-9_-]{40,}/g)]);
    for (const [candidate] of candidates) {
      const attempt = await t.app.inject({
        method: 'POST',
        url: '/api/auth/verify',
        headers: browserHeaders(t.config),
        payload: { token: candidate },
      });
      expect(attempt.statusCode).not.toBe(200);
    }
    expect(mails.every((mail) => !mail.text.includes('token='))).toBe(true);
  });

  it('keeps the database readable by the server’s own user only', async () => {
    const t = await app({ seed: 'none' });
    expect(statSync(t.config.databasePath).mode & 0o777).toBe(0o600);
    const nested = join(t.dir, 'fresh', 'apoc.sqlite');
    await openSqliteDatabase(nested).close();
    expect(statSync(join(t.dir, 'fresh')).mode & 0o777).toBe(0o700);
    expect(statSync(nested).mode & 0o777).toBe(0o600);
  });
});
