import { tables } from '../helpers/db';
import { loadConfig } from '@apoc/server';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { DAYS, TestClock } from '../helpers/clock';
import { startSmtpSink, tokenFromText, type SmtpSink } from '../helpers/smtp';

// What a real deployment must never carry over from development, each test written as the attack or the
// mistake it prevents.

const ADMIN = 'admin@demo.apoc.test';
const ORGANISER = 'organiser@demo.apoc.test';

describe('nothing development-only in a real deployment', () => {
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

  it('does not let anyone read the admin’s sign-in link in the mailbox once real mail goes out (SMTP_URL set)', async () => {
    const smtp = await sink();
    const t = await app({ seed: 'demo', env: { SMTP_URL: smtp.url } });
    await askForLink(t, ADMIN);
    const mailbox = await t.app.inject({ method: 'GET', url: '/api/dev/mailbox' });
    expect(mailbox.statusCode).toBe(404);
    expect(mailbox.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(mailbox.body).not.toContain('token=');
  });

  it('does not open the mailbox in production, nor to another machine in development', async () => {
    const production = await app({ seed: 'demo', env: { NODE_ENV: 'production', APOC_SEED: 'demo' } });
    await askForLink(production, ADMIN);
    expect((await production.app.inject({ method: 'GET', url: '/api/dev/mailbox' })).statusCode).toBe(404);

    const development = await app({ seed: 'demo' });
    await askForLink(development, ADMIN);
    const remote = await development.app.inject({
      method: 'GET',
      url: '/api/dev/mailbox',
      remoteAddress: '192.0.2.10',
    });
    expect(remote.statusCode).toBe(404);
    expect(remote.body).not.toContain('token=');
    const local = await development.app.inject({ method: 'GET', url: '/api/dev/mailbox' });
    expect(local.statusCode).toBe(200);
    expect(local.body).toContain('token=');
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names, so a remote caller cannot pass for the machine itself', async () => {
    const untrusting = await app({ seed: 'none' });
    const spoofed = await untrusting.app.inject({
      method: 'GET',
      url: '/api/dev/mailbox',
      remoteAddress: '192.0.2.10',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(spoofed.statusCode).toBe(404);

    // Behind nginx on the same machine (TRUST_PROXY=1), the client's own address is the one that counts.
    const proxied = await app({ seed: 'none', env: { TRUST_PROXY: '1' } });
    const fromOutside = await proxied.app.inject({
      method: 'GET',
      url: '/api/dev/mailbox',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '192.0.2.10' },
    });
    expect(fromOutside.statusCode).toBe(404);
  });

  it('seeds no demo people (with known addresses) in production unless asked by name', async () => {
    const t = await app({ env: { NODE_ENV: 'production', APOC_SEED: '' } });
    expect(await t.app.db.q.select().from(tables.members)).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'production' }).seed).toBe('none');
    expect(loadConfig({ NODE_ENV: 'production', APOC_SEED: 'demo' }).seed).toBe('demo');
    expect(loadConfig({}).seed).toBe('demo');
  });

  it('refuses to start in production with cookies and links in clear: an http PUBLIC_URL off this machine, or SMTP without TLS', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://summits.example.org' })).toThrow(
      /PUBLIC_URL: must be https:\/\/ in production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:3000' })).not.toThrow();
    expect(() =>
      loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://s.example.org', SMTP_URL: 'smtp://mail.example.org' }),
    ).toThrow(/SMTP_URL: must use TLS in production/);
    for (const smtp of ['smtps://mail.example.org', 'smtp://mail.example.org:587?requireTLS=true']) {
      expect(() =>
        loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://s.example.org', SMTP_URL: smtp }),
      ).not.toThrow();
    }
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
    expect(loadConfig({}).retentionDays).toBe(30);
  });

  it('gives production a __Host- session cookie that is Secure, and keeps signed-in answers out of every cache', async () => {
    const t = await app({ seed: 'demo', env: { NODE_ENV: 'production', APOC_SEED: 'demo' } });
    await askForLink(t, ORGANISER);
    const [mail] = await t.app.outbox.repository.list(undefined, 1);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/auth/verify',
      headers: browserHeaders(t.config),
      payload: { token: tokenFromText(mail?.text ?? '') },
    });
    expect(verified.statusCode).toBe(200);
    const setCookie = String(verified.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-apoc_session=/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(verified.headers['cache-control']).toBe('no-store');

    const cookie = setCookie.split(';')[0] as string;
    for (const url of ['/api/me', '/api/summits', '/api/me/registrations']) {
      const answer = await t.app.inject({ method: 'GET', url, headers: browserHeaders(t.config, cookie) });
      expect(answer.statusCode, url).toBe(200);
      expect(answer.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('removes unsent sign-in links once they expire, and sent mail bodies after the retention period', async () => {
    const clock = new TestClock();
    const t = await app({ seed: 'demo', clock: clock.now, env: { RETENTION_DAYS: '30' } });
    await signIn(t, ORGANISER);
    const sent = await t.app.outbox.repository.enqueue(
      {
        kind: 'notice',
        recipient: 'someone@demo.apoc.test',
        subject: 'Old news',
        text: 'Private words',
        html: '<p>x</p>',
      },
      clock.now(),
    );
    await t.app.outbox.repository.markSent(sent, clock.now());

    clock.advance(11 * 60_000);
    await t.app.retain();
    const links = await t.app.db.q.select().from(tables.outbox).where(eq(tables.outbox.kind, 'sign-in'));
    expect(links.every((mail) => mail.purgedAt !== null && !mail.text.includes('token='))).toBe(true);
    expect((await t.app.outbox.repository.find(sent))?.text).toBe('Private words');

    clock.advance(31 * DAYS);
    await t.app.retain();
    const purged = await t.app.outbox.repository.find(sent);
    expect(purged).toMatchObject({ subject: 'Old news', recipient: 'someone@demo.apoc.test', html: '' });
    expect(purged?.text).not.toContain('Private words');
    expect(purged?.purgedAt).not.toBeNull();
  });
});
