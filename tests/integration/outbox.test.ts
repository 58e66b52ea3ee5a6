import { eq } from 'drizzle-orm';
import { tables } from '../helpers/db';
import { afterEach, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn, signInMailsTo } from '../helpers/auth';
import { freePort } from '../helpers/server';
import { logSink } from '../helpers/logs';
import { eventually, silentMailServer, startSmtpSink, type SmtpSink } from '../helpers/smtp';

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
  /** The sign-in link `login` queued. */
  const signInLink = async (t: TestApp) => {
    const [link] = await signInMailsTo(t, ORGANISER);
    if (!link) throw new Error('no sign-in link queued');
    return link;
  };

  it('keeps a message queued with growing attempts while the mail server is down, then delivers it exactly once', async () => {
    const port = await freePort();
    const t = await app({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    expect((await login(t)).statusCode).toBe(202);

    const queued = await signInLink(t);
    await eventually(async () => {
      const row = await t.app.outbox.repository.find(queued.id);
      return row && row.attempts >= 3 && row.status === 'queued' ? row : undefined;
    });
    const failing = await t.app.outbox.repository.find(queued.id);
    expect(failing?.lastError).toMatch(/ECONNREFUSED|connect/i);

    const smtp = await sink({ port });
    await eventually(async () =>
      (await t.app.outbox.repository.find(queued.id))?.status === 'sent' ? true : undefined,
    );
    // Give a duplicate every chance to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const copies = smtp.copiesOf(queued.id);
    expect(copies.map((m) => [m.messageId, m.subject])).toEqual([
      [`<${queued.id}@localhost>`, 'Your sign-in link for APoC Summits'],
    ]);
  });

  it('delivers after a restart what was queued before it, once', async () => {
    const port = await freePort();
    const first = await buildTestApp({ seed: 'demo', fastOutbox: true, env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    expect((await login(first)).statusCode).toBe(202);
    const queued = await signInLink(first);
    await first.app.close();

    const smtp = await sink({ port });
    await app({ dir: first.dir, env: { SMTP_URL: smtp.url } });
    cleanup.push(async () => first.close());
    await eventually(() => (smtp.copiesOf(queued.id).length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.copiesOf(queued.id)).toHaveLength(1);
  });

  it('marks a permanently rejected message failed, and an admin can queue it again', async () => {
    const rejecting = await sink({ rejectWith: 550 });
    const t = await app({ env: { SMTP_URL: rejecting.url } });
    expect((await login(t)).statusCode).toBe(202);
    const failed = await eventually(async () => {
      const rows = await t.app.outbox.repository.list('failed', 500);
      return rows.find((row) => row.kind === 'sign-in');
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
    const link = await signInLink(t);
    await eventually(() => (smtp.copiesOf(link.id).length > 0 ? true : undefined));
    const failed = await eventually(async () => {
      const row = await t.app.outbox.repository.find(broken);
      return row?.status === 'failed' ? row : undefined;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/^attachment not drawn: .*no-such-renderer/);
    expect(smtp.copiesOf(link.id).map((m) => m.subject)).toEqual(['Your sign-in link for APoC Summits']);
    expect(smtp.copiesOf(broken)).toEqual([]);
  });

  it('records a retry or a failure only under its own claim, and a delivery whoever holds the claim', async () => {
    // No SMTP_URL, so no worker of the app's own: the test plays two workers on its queue.
    const t = await app({});
    const outbox = t.app.outbox.repository;
    const id = await outbox.enqueue({
      kind: 'test',
      recipient: 'ada@example.org',
      subject: 'Claimed twice',
      text: 'text',
      html: '<p>html</p>',
    });
    const lease = 60_000;
    const start = Date.now();
    const slow = await outbox.claimNext(new Date(start), new Date(start - lease));
    // A lease later, another worker finds the claim stale and takes it over.
    const later = new Date(start + lease + 1);
    const other = await outbox.claimNext(later, new Date(later.getTime() - lease));
    if (!slow || !other) throw new Error('not claimed');
    expect(other.id).toBe(id);

    // The slow worker's attempt fails: the message is not its own any more, so nothing is recorded.
    expect(await outbox.markRetry(slow, 'timed out', later)).toBe(false);
    expect(await outbox.markFailed(slow, '550 rejected')).toBe(false);
    expect(await outbox.find(id)).toMatchObject({ status: 'sending', claimedAt: later, attempts: 0 });
    // The other's attempt fails for now; then the slow worker's delivery does go through after all. That is
    // recorded: queued again, the message would go out a second time.
    expect(await outbox.markRetry(other, 'try later', later)).toBe(true);
    expect(await outbox.markSent(slow.id, later)).toBe(true);
    expect(await outbox.find(id)).toMatchObject({ status: 'sent', claimedAt: null });
    expect(await outbox.claimNext(new Date(later.getTime() + lease), later)).toBeUndefined();
    // A delivery recorded twice says so.
    expect(await outbox.markSent(other.id, later)).toBe(false);
  });

  it('sends a message once when a worker whose lease ran out fails it after another worker has sent it', async () => {
    // The slow worker's mail server never greets it: each attempt ends 6 s after it began, twelve leases later, and
    // long after the second instance below has started (were the attempt over first, the message would simply be
    // queued again, and there would be no claim to take over).
    const lease = { pollMs: 50, leaseMs: 500 };
    const silent = await silentMailServer();
    cleanup.push(() => silent.close());
    const slowLogs = logSink();
    const slow = await app({
      outbox: lease,
      env: { SMTP_URL: `${silent.url}?greetingTimeout=6000`, LOG_LEVEL: 'warn' },
      logStream: slowLogs.stream,
    });
    const id = await slow.app.outbox.repository.enqueue({
      kind: 'test',
      recipient: 'ada@example.org',
      subject: 'Held by a slow worker',
      text: 'text',
      html: '<p>html</p>',
    });
    slow.app.outbox.kick();
    await eventually(async () =>
      (await slow.app.outbox.repository.find(id))?.status === 'sending' ? true : undefined,
    );

    // A second instance on the same database takes the claim over once its lease has run out, and delivers it.
    const smtp = await sink();
    await app({ dir: slow.dir, seed: 'none', outbox: lease, env: { SMTP_URL: smtp.url } });
    await eventually(() => (smtp.copiesOf(id).length > 0 ? true : undefined), 20_000);
    // The slow worker's attempt then fails. The claim is no longer its own: it records nothing, and in particular
    // does not queue again what the other has sent.
    const slowSaid = () => slowLogs.lines.filter((line) => line.includes(id));
    const before = slowSaid().length;
    await eventually(() => (slowSaid().length > before ? true : undefined), 20_000);
    // Give a second copy every chance to leave: queued again, it would be sent within a lease (0.5 s), even if the
    // slow worker claimed it first.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.copiesOf(id).map((m) => m.subject)).toEqual(['Held by a slow worker']);
    expect(await slow.app.outbox.repository.find(id)).toMatchObject({ status: 'sent', lastError: null });
    expect(slowSaid().at(-1)).toContain('mail claim taken over by another worker');
  });

  it('sends each message of a burst once when a slow mail server makes the burst outlast the lease', async () => {
    // The mail server takes 1 s to accept each message and the lease is 1.5 s: claimed together, the third of a
    // burst would still be waiting, unsent, when another instance may take it over.
    const lease = { pollMs: 50, leaseMs: 1_500 };
    const slowServer = await sink({ acceptAfterMs: 1_000 });
    const slow = await app({ outbox: lease, env: { SMTP_URL: slowServer.url } });
    const subjects = ['Burst 1', 'Burst 2', 'Burst 3'];
    const ids = await slow.app.db.unit(async () => {
      const queued: string[] = [];
      for (const subject of subjects) {
        queued.push(
          await slow.app.outbox.repository.enqueue({
            kind: 'test',
            recipient: 'ada@example.org',
            subject,
            text: 'text',
            html: '<p>html</p>',
          }),
        );
      }
      return queued;
    });
    slow.app.outbox.kick();
    const rows = () => Promise.all(ids.map((id) => slow.app.outbox.repository.find(id)));
    await eventually(async () => ((await rows()).some((row) => row?.status === 'sending') ? true : undefined));

    // A second instance on the same database, with a mail server that answers at once, shares the work.
    const fastServer = await sink();
    await app({ dir: slow.dir, seed: 'none', outbox: lease, env: { SMTP_URL: fastServer.url } });
    await eventually(async () => ((await rows()).every((row) => row?.status === 'sent') ? true : undefined), 20_000);
    // A copy still on its way to the slow server would arrive within a second.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const delivered = ids.flatMap((id) => [...slowServer.copiesOf(id), ...fastServer.copiesOf(id)]);
    expect(delivered.map((m) => m.subject).sort()).toEqual(subjects);
  });

  it('writes the message in the same transaction as the sign-in link, so neither exists without the other', async () => {
    const t = await app({});
    expect((await login(t)).statusCode).toBe(202);
    const tokens = await t.app.db.q.select().from(tables.signInTokens);
    // Reminders the demo seed makes due at this hour may be queued beside it: only sign-in links count here.
    const messages = await t.app.db.q.select().from(tables.outbox).where(eq(tables.outbox.kind, 'sign-in'));
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
