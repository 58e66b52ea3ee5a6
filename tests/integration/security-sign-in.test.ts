import { tables } from '../helpers/db';
import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { requestSignInToken, signIn } from '../helpers/auth';
import { createInstitution, createMember } from '../helpers/factories';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';

// Sign-in as the hospitals meet it (many people behind one corporate address) and as an attacker tries it
// (flooding one inbox, replaying old links, keeping a stolen session for ever).

const HOSPITAL_GATEWAY = '198.51.100.7';
const HOURS = 3_600_000;

describe('signing in safely, as hospitals do', () => {
  let smtp: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await buildTestApp({ seed: 'demo', fastOutbox: true, env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const login = (email: string, remoteAddress = HOSPITAL_GATEWAY) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: browserHeaders(t.config),
      payload: { email },
      remoteAddress,
    });
  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, headers: browserHeaders(t.config, cookie) });
  /** A new person for each test, since one address may ask for only five links in 15 minutes. */
  const person = async (role: 'member' | 'organiser' = 'member') => {
    const created = await createMember(t.app.db, null, `Tested ${role}`);
    await t.app.db.unit(async () =>
      t.app.db.q.update(tables.members).set({ role }).where(eq(tables.members.id, created.id)),
    );
    return created.email;
  };
  const linksFor = async (email: string) =>
    (await t.app.db.q.select().from(tables.outbox)).filter(
      (mail) => mail.kind === 'sign-in' && mail.recipient === email,
    );

  it('lets 200 people of one hospital sign in from its one address, while 20 requests for one address send five links', async () => {
    const hospital = await createInstitution(t.app.db, 'Europe/Berlin');
    const people = [];
    for (let i = 0; i < 200; i++) people.push(await createMember(t.app.db, hospital.id, `Colleague ${i}`));
    const flooded = await createMember(t.app.db, hospital.id, 'Flooded Inbox');
    const before = smtp.messages.length;

    const statuses: number[] = [];
    for (const [i, person] of people.entries()) {
      statuses.push((await login(person.email)).statusCode);
      // Someone keeps asking for one colleague's link, from the same address, in between.
      if (i % 10 === 0) statuses.push((await login(flooded.email)).statusCode);
    }
    await t.app.auth.settled();
    t.app.outbox.kick();
    expect(statuses).toHaveLength(220);
    expect(statuses.every((status) => status === 202)).toBe(true);

    const delivered = await smtp.waitForMessages(before + 205, 60_000);
    const recipients = delivered.slice(before).map((mail) => String((mail.to as { text: string }).text));
    for (const person of people) expect(recipients).toContain(person.email);
    expect(recipients.filter((to) => to === flooded.email)).toHaveLength(5);
    expect(await linksFor(flooded.email)).toHaveLength(5);
  }, 120_000);

  it('voids an earlier link when a newer one is asked for, and says so', async () => {
    const email = await person();
    const first = await requestSignInToken(t, email);
    const second = await requestSignInToken(t, email);
    const old = await post('/api/auth/verify', { token: first });
    expect(old.statusCode).toBe(410);
    expect(old.json().detail).toMatch(/newer sign-in link/);
    expect((await post('/api/auth/verify', { token: second })).statusCode).toBe(200);
  });

  it('asks "Sign in as …?" without spending the link a mail scanner opened', async () => {
    const token = await requestSignInToken(t, await person());
    for (let i = 0; i < 3; i++) {
      const preview = await post('/api/auth/verify/preview', { token });
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toEqual({ name: expect.any(String), next: '/' });
      expect(preview.body).not.toContain('@');
    }
    expect((await post('/api/auth/verify', { token })).statusCode).toBe(200);
    expect((await post('/api/auth/verify/preview', { token })).statusCode).toBe(410);
  });

  it('stops every link still in the mailbox when the member signs out everywhere', async () => {
    const email = await person();
    const cookie = await signIn(t, email);
    const waiting = await requestSignInToken(t, email);
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/sign-ins',
      headers: browserHeaders(t.config, cookie),
    });
    expect(out.statusCode).toBe(200);
    expect((await post('/api/auth/verify', { token: waiting })).statusCode).toBe(410);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: browserHeaders(t.config, cookie) });
    expect(me.statusCode).toBe(401);
  });

  it('ends an organiser’s sign-in 12 hours after the link was followed, however active, and a member’s after 30 days', async () => {
    const organiser = await signIn(t, await person('organiser'));
    const member = await signIn(t, await person('member'));
    const me = (cookie: string) =>
      t.app.inject({ method: 'GET', url: '/api/me', headers: browserHeaders(t.config, cookie) });
    expect((await me(organiser)).statusCode).toBe(200);

    // Pretend every open sign-in began `ms` ago and was used a minute ago: active all along.
    const backdate = async (ms: number) => {
      const now = Date.now();
      await t.app.db.unit(async () =>
        t.app.db.q
          .update(tables.signIns)
          .set({ createdAt: new Date(now - ms), lastSeenAt: new Date(now - 60_000), expiresAt: new Date(now + HOURS) })
          .where(isNull(tables.signIns.revokedAt)),
      );
    };
    await backdate(11 * HOURS);
    expect((await me(organiser)).statusCode).toBe(200);
    await backdate(12 * HOURS + 60_000);
    expect((await me(organiser)).statusCode).toBe(401);
    expect((await me(member)).statusCode).toBe(200);
    await backdate(30 * 24 * HOURS + 60_000);
    expect((await me(member)).statusCode).toBe(401);
  });

  it('records sign-ins and failed links in the security trail, without secrets or addresses of mail', async () => {
    const token = await requestSignInToken(t, await person());
    await post('/api/auth/verify', { token });
    await post('/api/auth/verify', { token });
    await post('/api/auth/verify', { token: 'x'.repeat(43) });
    const events = await t.app.db.q.select().from(tables.securityEvents);
    const kinds = new Set(events.map((event) => event.kind));
    for (const kind of ['sign-in-link-requested', 'sign-in', 'sign-in-failed', 'signed-out-everywhere']) {
      expect(kinds).toContain(kind);
    }
    const text = JSON.stringify(events);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/@demo\.apoc\.test/);
    expect(events.find((event) => event.kind === 'sign-in-failed' && event.detail.includes('used'))).toBeDefined();
  });
});
