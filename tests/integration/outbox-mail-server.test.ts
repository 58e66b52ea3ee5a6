import { tables } from '../helpers/db';
import type { OutboxPage } from '@apoc/shared';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { createMember } from '../helpers/factories';
import { freePort } from '../helpers/server';

// Without SMTP_URL, mail is kept in the outbox on purpose: the admin page must say so rather than show it late.
describe('the outbox says whether a mail server is configured', () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  async function outboxOf(env: Record<string, string>): Promise<OutboxPage> {
    const current = await buildTestApp({ env });
    t = current;
    const admin = await createMember(current.app.db, null, 'Ada Admin');
    await current.app.db.unit(async () =>
      current.app.db.q.update(tables.members).set({ role: 'admin' }).where(eq(tables.members.id, admin.id)),
    );
    const cookie = await signIn(current, admin.email);
    return (
      await current.app.inject({ method: 'GET', url: '/api/admin/outbox', headers: { cookie } })
    ).json() as OutboxPage;
  }

  it('answers mailServerConfigured: false without SMTP_URL', async () => {
    expect((await outboxOf({})).mailServerConfigured).toBe(false);
  });

  it('answers mailServerConfigured: true with SMTP_URL', async () => {
    expect((await outboxOf({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}` })).mailServerConfigured).toBe(true);
  });
});
