import { first, tables } from '../helpers/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { requestSignInToken, signIn } from '../helpers/auth';
import { demoSummitIds } from '../helpers/demo';
import { logSink } from '../helpers/logs';
import { eventually, startSmtpSink, tokenFromText, type SmtpSink } from '../helpers/smtp';

const ORGANISER = 'organiser@demo.apoc.test';
const SULLIVAN = 'margaret.sullivan@demo.apoc.test';
const VOGEL = 'katharina.vogel@demo.apoc.test';

describe('passwordless sign-in through a real SMTP server', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  const log = logSink();

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await buildTestApp({
      seed: 'demo',
      fastOutbox: true,
      env: { SMTP_URL: smtp.url, LOG_LEVEL: 'debug' },
      logStream: log.stream,
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, headers: browserHeaders(t.config, cookie) });

  it('mails a link whose token signs the member in, and /api/me then shows the member', async () => {
    const login = await post('/api/auth/login', {
      email: 'Organiser@Demo.APoC.test',
      next: `/summits/${(await demoSummitIds(t.app.db)).nextInPerson}`,
    });
    expect(login.statusCode).toBe(202);

    const [mail] = await smtp.waitForMessages(1);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain(ORGANISER);
    expect(mail?.from?.text).toContain('APoC Summits');
    expect(mail?.text).toMatch(/http:\/\/localhost:3000\/auth\/verify\?token=/);
    expect(mail?.html).toContain('Sign in to APoC Summits');
    const token = tokenFromText(mail?.text ?? '');
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);

    const verify = await post('/api/auth/verify', { token });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({
      member: { email: ORGANISER, role: 'organiser' },
      next: `/summits/${(await demoSummitIds(t.app.db)).nextInPerson}`,
    });
    const cookie = verify.cookies.find((c) => c.name === 'apoc_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `apoc_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: ORGANISER, role: 'organiser', effectiveTimeZone: 'America/Los_Angeles' });

    // Single use: the same link a second time is gone.
    const again = await post('/api/auth/verify', { token });
    expect(again.statusCode).toBe(410);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers 202 for an unknown address and sends nothing', async () => {
    const before = (await t.app.outbox.repository.counts()).queued + (await t.app.outbox.repository.counts()).sent;
    const response = await post('/api/auth/login', { email: 'nobody@nowhere.example' });
    expect(response.statusCode).toBe(202);
    const after = await t.app.outbox.repository.counts();
    expect(after.queued + after.sent).toBe(before);
  });

  it('refuses a made-up token with 400 and an expired one with 410', async () => {
    expect((await post('/api/auth/verify', { token: 'x'.repeat(43) })).statusCode).toBe(400);
    const token = await requestSignInToken(t, 'admin@demo.apoc.test');
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.signInTokens).set({ expiresAt: new Date(Date.now() - 1000) }),
    );
    const expired = await post('/api/auth/verify', { token });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().detail).toMatch(/expired/);
  });

  it('lists sign-ins, signs out one browser, and signs out everywhere', async () => {
    const first = await signIn(t, SULLIVAN);
    const second = await signIn(t, SULLIVAN);
    const list = await t.app.inject({ method: 'GET', url: '/api/me/sign-ins', headers: { cookie: first } });
    expect(list.statusCode).toBe(200);
    expect(list.json().filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    const logout = await post('/api/auth/logout', {}, first);
    expect(logout.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: first } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: second } })).statusCode).toBe(200);

    const third = await signIn(t, SULLIVAN);
    const everywhere = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/sign-ins',
      headers: browserHeaders(t.config, third),
    });
    expect(everywhere.statusCode).toBe(200);
    expect(everywhere.json().revoked).toBeGreaterThanOrEqual(2);
    for (const cookie of [second, third]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    }
  });

  it('ends the sign-ins of a deactivated member and refuses them new links', async () => {
    const admin = await signIn(t, 'admin@demo.apoc.test');
    const memberEmail = 'seoyeon.han@demo.apoc.test';
    const member = await first(t.app.db.q.select().from(tables.members).where(eq(tables.members.email, memberEmail)));
    expect(member).toBeDefined();
    const memberCookie = await signIn(t, memberEmail);
    const token = await requestSignInToken(t, memberEmail);

    const deactivate = await t.app.inject({
      method: 'PATCH',
      url: `/api/members/${member?.id}`,
      headers: browserHeaders(t.config, admin),
      payload: { active: false },
    });
    expect(deactivate.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: memberCookie } })).statusCode).toBe(
      401,
    );
    expect((await post('/api/auth/verify', { token })).statusCode).toBe(400);
  });

  it('never writes an e-mail address, a token or a session secret to the logs', async () => {
    const token = await requestSignInToken(t, VOGEL);
    const cookie = await signIn(t, VOGEL);
    await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    await t.app.inject({ method: 'GET', url: `/auth/verify?token=${token}` });
    await eventually(() => (log.text().includes('mail delivered') ? true : undefined));
    const logs = log.text();
    expect(logs).not.toMatch(/[A-Za-z0-9._-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/i);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(cookie.split('=')[1]);
  });
});

describe('cookies over https', () => {
  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const t = await buildTestApp({ seed: 'demo', env: { PUBLIC_URL: 'https://summits.example.org' } });
    try {
      const token = await requestSignInToken(t, ORGANISER);
      const verify = await t.app.inject({
        method: 'POST',
        url: '/api/auth/verify',
        headers: browserHeaders(t.config),
        payload: { token },
      });
      expect(verify.cookies.find((c) => c.name === 'apoc_session')?.secure).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('cross-site requests and rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ seed: 'demo' });
  });
  afterAll(async () => t.close());

  it('refuses a write from a foreign Origin with 403', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: ORGANISER },
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses a signed-in write whose body is not JSON with 403', async () => {
    const cookie = await signIn(t, 'admin@demo.apoc.test');
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie, 'content-type': 'text/plain' },
      payload: 'name=Mallory',
    });
    expect(response.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: browserHeaders(t.config, cookie),
      payload: { name: 'Noah Bennett', timeZone: 'Europe/Paris' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ timeZone: 'Europe/Paris', effectiveTimeZone: 'Europe/Paris' });
  });

  it('never floods one inbox: beyond five links in 15 minutes the answer stays 202 and no mail is queued', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: browserHeaders(t.config),
        payload: { email: VOGEL },
        remoteAddress: `10.0.0.${i + 1}`,
      });
      statuses.push(response.statusCode);
    }
    await t.app.auth.settled();
    expect(statuses.every((status) => status === 202)).toBe(true);
    const links = (await t.app.db.q.select().from(tables.outbox)).filter(
      (m) => m.kind === 'sign-in' && m.recipient === VOGEL && Date.now() - m.createdAt.getTime() < 60_000,
    );
    expect(links).toHaveLength(5);
  });

  it('limits sign-in requests per client address only far above what a hospital behind one address needs', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 1001; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: browserHeaders(t.config),
        payload: { email: `person${i}@example.org` },
        remoteAddress: '10.1.1.1',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 1000).every((s) => s === 202)).toBe(true);
    expect(statuses[1000]).toBe(429);
  });
});
