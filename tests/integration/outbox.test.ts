import { tables } from '../helpers/db';
import { afterEach, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { freePort } from '../helpers/server';
import { eventually, startSmtpSink, type SmtpSink } from '../helpers/smtp';

const ORGANISER = 'organiser@demo.apoc.test';

describe('the mail outbox never loses a message', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  async function app(options: Parameters<typeof buildTestApp>[0]): Promise<TestApp> {
    const t = await buildTestApp({ seed: 'demo', fastOutbox: true, ...options });
    cleanup.push(() => t.close());
    return t;
  }
  async function sink(options: Parameters<typeof startSmtpSink>[0] = {}): Promise<SmtpSink> {
    const s = await startSmtpSink(options);
    cleanup.push(() => s.stop());
    return s;
  }
  const login = async (t: TestApp, email = ORGANISER) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: browserHeaders(t.config),
      payload: { email },
    });
    await t.app.auth.settled(); // the link is queued just after the answer
    return response;
  };

  it('keeps a message queued with growing attempts while the mail server is down, then delivers it exactly once', async () => {
    const port = await freePort();
    const t = await app({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    expect((await login(t)).statusCode).toBe(202);

    const [queued] = await t.app.outbox.repository.list(undefined, 1);
    if (!queued) throw new Error('nothing queued');
    await eventually(async () => {
      const row = await t.app.outbox.repository.find(queued.id);
      return row && row.attempts >= 3 && row.status === 'queued' ? row : undefined;
    });
    const failing = await t.app.outbox.repository.find(queued.id);
    expect(failing?.lastError).toMatch(/ECONNREFUSED|connect/i);

    const smtp = await sink({ port });
    await smtp.waitForMessages(1);
    await eventually(async () =>
      (await t.app.outbox.repository.find(queued.id))?.status === 'sent' ? true : undefined,
    );
    // Give a duplicate every chance to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.subject).toBe('Your sign-in link for APoC Summits');
  });

  it('delivers after a restart what was queued before it, once', async () => {
    const port = await freePort();
    const first = await buildTestApp({ seed: 'demo', fastOutbox: true, env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    expect((await login(first)).statusCode).toBe(202);
    await first.app.close();

    const smtp = await sink({ port });
    await app({ dir: first.dir, env: { SMTP_URL: smtp.url } });
    cleanup.push(async () => first.close());
    await smtp.waitForMessages(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages).toHaveLength(1);
  });

  it('marks a permanently rejected message failed, and an admin can queue it again', async () => {
    const rejecting = await sink({ rejectWith: 550 });
    const t = await app({ env: { SMTP_URL: rejecting.url } });
    expect((await login(t)).statusCode).toBe(202);
    const failed = await eventually(async () => {
      const [row] = await t.app.outbox.repository.list('failed', 1);
      return row;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/^550/);
    expect(failed.lastError).not.toContain('@');

    const admin = await signIn(t, 'admin@demo.apoc.test');
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/admin/outbox?status=failed',
      headers: { cookie: admin },
    });
    expect(page.statusCode).toBe(200);
    expect(page.json().counts.failed).toBeGreaterThanOrEqual(1);
    // The admin's own sign-in link may have been refused (and listed) meanwhile: the list holds both.
    const listed = (page.json().messages as { id: string }[]).find((message) => message.id === failed.id);
    expect(listed).toMatchObject({ status: 'failed', recipient: ORGANISER });
    expect(JSON.stringify(page.json())).not.toContain('token=');

    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/admin/outbox/${failed.id}/retry`,
      headers: browserHeaders(t.config, admin),
    });
    expect(retry.statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/admin/outbox/${failed.id}/retry`,
      headers: browserHeaders(t.config, admin),
    });
    // Either still queued or already failed again by the worker: only a failed message can be retried.
    expect([200, 409]).toContain(again.statusCode);
  });

  it('marks a message failed, without retrying it, when an attachment cannot be drawn, and sends the others', async () => {
    const smtp = await sink();
    const t = await app({ env: { SMTP_URL: smtp.url } });
    const broken = await t.app.outbox.repository.enqueue({
      kind: 'test',
      recipient: 'ada@example.org',
      subject: 'Drawn by a renderer this version does not have',
      text: 'text',
      html: '<p>html</p>',
      attachments: [{ filename: 'x.png', contentType: 'image/png', renderer: 'no-such-renderer', input: {} }],
    });
    t.app.outbox.kick();
    expect((await login(t)).statusCode).toBe(202);
    await smtp.waitForMessages(1);
    const failed = await eventually(async () => {
      const row = await t.app.outbox.repository.find(broken);
      return row?.status === 'failed' ? row : undefined;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/^attachment not drawn: .*no-such-renderer/);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Your sign-in link for APoC Summits']);
  });

  it('writes the message in the same transaction as the sign-in link, so neither exists without the other', async () => {
    const t = await app({});
    expect((await login(t)).statusCode).toBe(202);
    const tokens = await t.app.db.q.select().from(tables.signInTokens);
    const messages = await t.app.db.q.select().from(tables.outbox);
    expect(tokens).toHaveLength(1);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ status: 'queued', kind: 'sign-in', recipient: ORGANISER });
  });
});

describe('the development mailbox', () => {
  it('shows queued mail with its links when SMTP_URL is unset', async () => {
    const t = await buildTestApp({ seed: 'demo' });
    try {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: browserHeaders(t.config),
        payload: { email: ORGANISER },
      });
      await t.app.auth.settled();
      const mailbox = await t.app.inject({ method: 'GET', url: '/api/dev/mailbox' });
      expect(mailbox.statusCode).toBe(200);
      expect(mailbox.json()[0]).toMatchObject({ recipient: ORGANISER, status: 'queued' });
      expect(mailbox.json()[0].text).toMatch(/\/auth\/verify\?token=/);
    } finally {
      await t.close();
    }
  });

  it('does not exist in production', async () => {
    const t = await buildTestApp({ seed: 'demo', env: { NODE_ENV: 'production' } });
    try {
      const mailbox = await t.app.inject({ method: 'GET', url: '/api/dev/mailbox' });
      expect(mailbox.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
