import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@apoc/server';
import type {
  ConnectionReport,
  DeactivationReport,
  DirectoryMember,
  IdentityProvider,
  IdentityProviderList,
  SsoDiscovery,
} from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { DAYS, TestClock } from '../helpers/clock';
import { everything, tables } from '../helpers/db';
import { createInstitution } from '../helpers/factories';
import { logSink } from '../helpers/logs';
import { memberWithAddress, SECRET_KEY, signInWith, startOidcProvider, type TestProvider } from '../helpers/oidc';
import { freePort } from '../helpers/server';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';

// Connecting institutions' providers: secrets at rest, what start-up says, "test the connection", the mail link an
// institution may close, and the leavers an admin deactivates in bulk.

async function adminOf(t: TestApp, email = 'admin@network.example') {
  await memberWithAddress(t, email, { role: 'admin' });
  return signIn(t, email);
}

function connect(t: TestApp, admin: string, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/admin/identity-providers',
    headers: browserHeaders(t.config, admin),
    payload: body,
  });
}

describe('connecting an institution’s provider', () => {
  let t: TestApp;
  let idp: TestProvider;
  let admin: string;
  let institutionId: string;
  const logs = logSink();

  beforeAll(async () => {
    t = await buildTestApp({ env: { SECRET_KEY, LOG_LEVEL: 'debug' }, logStream: logs.stream });
    idp = await startOidcProvider({ redirectUri: `${t.config.publicUrl.origin}/api/auth/sso/callback` });
    institutionId = (await createInstitution(t.app.db, 'Europe/Paris')).id;
    admin = await adminOf(t);
  });
  afterAll(async () => {
    await t.close();
    await idp.stop();
  });

  const base = () => ({ institutionId, issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });

  it('stores the client secret encrypted, and never answers it nor logs it', async () => {
    const created = await connect(t, admin, { ...base(), name: 'Gustave Roussy', domains: ['GR.example'] });
    expect(created.statusCode).toBe(201);
    const provider = created.json<IdentityProvider>();
    expect(provider).toMatchObject({
      name: 'Gustave Roussy',
      domains: ['gr.example'],
      createMembers: false,
      mailLinkAllowed: true,
      secretReadable: true,
      linkedMembers: 0,
    });
    expect(created.body).not.toContain(idp.clientSecret);

    const rows = await t.app.db.q.select().from(tables.identityProviders);
    const stored = rows.find((row) => row.id === provider.id)?.clientSecret ?? '';
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(await everything(t.app.db)).not.toContain(idp.clientSecret);

    // A sign-in through it, then every answer an admin reads.
    await memberWithAddress(t, 'paul@gr.example', { institutionId });
    idp.accounts.set('paul-sub', { email: 'paul@gr.example', emailVerified: true });
    const outcome = await signInWith(t, provider.id, 'paul-sub', { query: { email: 'paul@gr.example' } });
    expect(outcome.session).toBeTruthy();
    const answers = await Promise.all(
      ['/api/admin/identity-providers', `/api/admin/identity-providers/${provider.id}`].map((url) =>
        t.app.inject({ method: 'GET', url, headers: { cookie: admin } }),
      ),
    );
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/identity-providers/${provider.id}`,
      headers: browserHeaders(t.config, admin),
      payload: { clientSecret: idp.clientSecret, mailLinkAllowed: true },
    });
    expect(changed.statusCode).toBe(200);
    for (const answer of [...answers, changed]) expect(answer.body).not.toContain(idp.clientSecret);
    expect(answers[1]?.json<IdentityProvider>()).toMatchObject({ linkedMembers: 1, secretReadable: true });
    expect(await everything(t.app.db)).not.toContain(idp.clientSecret);

    const logged = logs.lines.join('\n');
    expect(logged).toContain('/api/auth/sso/callback');
    for (const secret of [
      idp.clientSecret,
      outcome.callback.searchParams.get('code') ?? 'no code',
      outcome.callback.searchParams.get('state') ?? 'no state',
      outcome.attempt,
      (outcome.session ?? '').split('=')[1] ?? 'no session',
    ])
      expect(logged).not.toContain(secret);
    expect(logged).not.toMatch(/paul@gr\.example/i);
  });

  it('forgets members’ links when the provider becomes another issuer or client, or when an admin asks', async () => {
    const provider = (await connect(t, admin, { ...base(), domains: ['links.example'] })).json<IdentityProvider>();
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/admin/identity-providers/${provider.id}`,
        headers: browserHeaders(t.config, admin),
        payload,
      });
    const linked = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/admin/identity-providers/${provider.id}`,
          headers: { cookie: admin },
        })
      ).json<IdentityProvider>().linkedMembers;
    const lou = await memberWithAddress(t, 'lou@links.example', { institutionId });
    idp.accounts.set('lou-sub', { email: 'lou@links.example', emailVerified: true });
    const signInLou = async () => expect((await signInWith(t, provider.id, 'lou-sub')).session).toBeTruthy();

    await signInLou();
    expect(await linked()).toBe(1);
    expect((await patch({ name: 'Renamed', createMembers: true })).statusCode).toBe(200);
    expect(await linked()).toBe(1);
    expect((await patch({ clientId: 'a-new-registration' })).statusCode).toBe(200);
    expect(await linked()).toBe(0);
    expect((await patch({ clientId: idp.clientId })).statusCode).toBe(200);

    await signInLou();
    const unlink = () =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/admin/identity-providers/${provider.id}/members/${lou.id}`,
        headers: browserHeaders(t.config, admin),
      });
    expect((await unlink()).statusCode).toBe(204);
    expect(await linked()).toBe(0);
    expect((await unlink()).statusCode).toBe(404);
  });

  it('refuses an e-mail domain another provider answers for already', async () => {
    await connect(t, admin, { ...base(), domains: ['first.example'] });
    const second = await connect(t, admin, { ...base(), domains: ['second.example', 'First.example'] });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.json()).toMatchObject({ type: 'https://apoc.invalid/problems/email-domain-taken' });
    expect(second.json().detail).toContain('first.example');
  });

  it('refuses what is not a provider’s configuration with 400, never more', async () => {
    const bad = [
      { ...base(), issuer: 'ftp://files.example' },
      { ...base(), domains: ['not a domain'] },
      { ...base(), institutionId: 'no-such-institution', domains: [] },
      { ...base(), clientSecret: '' },
    ];
    for (const body of bad) expect((await connect(t, admin, body)).statusCode).toBe(400);
  });

  it('tests a connected provider and says all is well', async () => {
    const created = (await connect(t, admin, { ...base(), domains: ['ok.example'] })).json<IdentityProvider>();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/admin/identity-providers/${created.id}/test`,
      headers: browserHeaders(t.config, admin),
    });
    expect(response.statusCode).toBe(200);
    const report = response.json<ConnectionReport>();
    expect(report.ok).toBe(true);
    expect(report.redirectUri).toBe(`${t.config.publicUrl.origin}/api/auth/sso/callback`);
    expect(report.checks.map((check) => [check.check, check.outcome])).toEqual([
      ['reachable', 'passed'],
      ['issuer', 'passed'],
      ['authorization-code', 'passed'],
      ['pkce', 'passed'],
      ['scopes', 'passed'],
      ['client', 'passed'],
    ]);
  });

  it('says in plain words what is wrong with a provider before it is connected', async () => {
    const test = async (body: Record<string, unknown>) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/admin/identity-providers/test',
        headers: browserHeaders(t.config, admin),
        payload: body,
      });
      expect(response.statusCode).toBe(200);
      const report = response.json<ConnectionReport>();
      expect(report.ok).toBe(false);
      return report;
    };
    const closed = await freePort();
    expect((await test({ issuer: `http://127.0.0.1:${closed}` })).summary).toMatch(/connection refused/);
    expect((await test({ issuer: `${idp.issuer}/not-here` })).summary).toMatch(/not an OpenID Connect issuer/);
    expect((await test({ issuer: `${idp.issuer}/` })).summary).toMatch(/mind the final slash/);
    const wrongSecret = await test({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: 'not the secret' });
    expect(wrongSecret.checks.find((check) => check.check === 'client')).toMatchObject({ outcome: 'failed' });
    expect(wrongSecret.summary).toMatch(/refuses the client id or secret/);
  });
});

describe('SECRET_KEY', () => {
  it('must be long enough to be a key', () => {
    expect(() => loadConfig({ SECRET_KEY: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ SECRET_KEY: 'short' })).toThrow(/^SECRET_KEY: /);
    expect(loadConfig({ SECRET_KEY }).secretKey).toBe(SECRET_KEY);
  });

  it('without it nothing connects, and start-up says the stored secrets cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apoc-sso-'));
    try {
      const first = await buildTestApp({ dir, env: { SECRET_KEY } });
      const institutionId = (await createInstitution(first.app.db)).id;
      const admin = await adminOf(first);
      const idp = await startOidcProvider({ redirectUri: `${first.config.publicUrl.origin}/api/auth/sso/callback` });
      const body = { institutionId, issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret };
      const provider = (await connect(first, admin, { ...body, domains: ['asan.example'] })).json<IdentityProvider>();
      await first.close();

      const logs = logSink();
      const without = await buildTestApp({ dir, env: { LOG_LEVEL: 'warn' }, logStream: logs.stream });
      try {
        expect(logs.lines.join('\n')).toContain(
          "SECRET_KEY is not set: the identity providers' client secrets cannot be read",
        );
        const again = await signIn(without, 'admin@network.example');
        const list = await without.app.inject({
          method: 'GET',
          url: '/api/admin/identity-providers',
          headers: { cookie: again },
        });
        expect(list.json<IdentityProviderList>()).toMatchObject({
          secretKeySet: false,
          providers: [expect.objectContaining({ id: provider.id, secretReadable: false })],
        });
        const refused = await connect(without, again, { ...body, domains: ['other.example'] });
        expect(refused.statusCode).toBe(409);
        expect(refused.json()).toMatchObject({ type: 'https://apoc.invalid/problems/secret-key-missing' });
        const start = await without.app.inject({ method: 'GET', url: `/api/auth/sso/${provider.id}/start` });
        expect(start.headers.location).toBe(`/sign-in/problem?reason=misconfigured&provider=${provider.id}`);
      } finally {
        await without.close();
      }

      const otherLogs = logSink();
      const otherKey = await buildTestApp({
        dir,
        env: { SECRET_KEY: `${SECRET_KEY} but another one`, LOG_LEVEL: 'warn' },
        logStream: otherLogs.stream,
      });
      try {
        expect(otherLogs.lines.join('\n')).toContain('SECRET_KEY does not open the client secret');
        const again = await signIn(otherKey, 'admin@network.example');
        const report = await otherKey.app.inject({
          method: 'POST',
          url: `/api/admin/identity-providers/${provider.id}/test`,
          headers: browserHeaders(otherKey.config, again),
        });
        expect(report.json<ConnectionReport>().summary).toMatch(/cannot be opened with this SECRET_KEY/);
      } finally {
        await otherKey.close();
        await idp.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the mail link, where an institution signs in through its provider', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ env: { SECRET_KEY, SMTP_URL: sink.url }, fastOutbox: true });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('sends no link to an address whose provider does not allow it, answers as for anyone, and records it', async () => {
    const institutionId = (await createInstitution(t.app.db)).id;
    const admin = await adminOf(t);
    const idp = await startOidcProvider({ redirectUri: `${t.config.publicUrl.origin}/api/auth/sso/callback` });
    try {
      const provider = (
        await connect(t, admin, {
          institutionId,
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          domains: ['closed.example'],
          mailLinkAllowed: false,
        })
      ).json<IdentityProvider>();
      const closed = await memberWithAddress(t, 'kim@closed.example', { institutionId });
      await memberWithAddress(t, 'lee@open.example', { institutionId });

      const discovered = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sso/discover',
        headers: browserHeaders(t.config),
        payload: { email: 'kim@closed.example' },
      });
      expect(discovered.json<SsoDiscovery>()).toMatchObject({ provider: { id: provider.id }, mailLink: false });

      for (const email of ['kim@closed.example', 'lee@open.example']) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: browserHeaders(t.config),
          payload: { email },
        });
        expect(response.statusCode).toBe(202);
      }
      await t.app.auth.settled();
      const to = (address: string) =>
        sink.messages.filter((mail) => [mail.to].flat().some((field) => field?.text.includes(address)));
      // The open address's link arrives through the real SMTP server; by then the closed one's would have too.
      await expect.poll(() => to('lee@open.example').length, { timeout: 10_000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(to('kim@closed.example')).toEqual([]);
      const queued = await t.app.outbox.repository.list(undefined, 500);
      expect(queued.some((mail) => mail.recipient === 'kim@closed.example')).toBe(false);

      const trail = await t.app.db.q.select().from(tables.securityEvents);
      const withheld = trail.filter((row) => row.kind === 'sign-in-link-withheld');
      expect(withheld).toHaveLength(1);
      expect(withheld[0]?.subjectId).toBe(closed.id);
      expect(JSON.parse(String(withheld[0]?.detail))).toEqual({ provider: provider.id });
    } finally {
      await idp.stop();
    }
  });
});

describe('leavers', () => {
  const clock = new TestClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ clock: clock.now });
  });
  afterAll(async () => t.close());

  it('deactivates in bulk the members not seen for a number of days, after showing them, and ends their sign-ins', async () => {
    const here = (await createInstitution(t.app.db)).id;
    const elsewhere = (await createInstitution(t.app.db)).id;
    await memberWithAddress(t, 'admin@network.example', { role: 'admin' });
    const quiet = await memberWithAddress(t, 'quiet@here.example', { institutionId: here });
    const fresh = await memberWithAddress(t, 'fresh@here.example', { institutionId: here });
    const never = await memberWithAddress(t, 'never@here.example', { institutionId: here });
    const away = await memberWithAddress(t, 'away@elsewhere.example', { institutionId: elsewhere });
    const quietSession = await signIn(t, quiet.email);
    await signIn(t, away.email);

    clock.advance(3 * DAYS);
    await signIn(t, fresh.email);
    const admin = await signIn(t, 'admin@network.example');
    const ask = (body: Record<string, unknown>, cookie = admin) =>
      t.app.inject({
        method: 'POST',
        url: '/api/members/deactivate-inactive',
        headers: browserHeaders(t.config, cookie),
        payload: body,
      });

    const everyone = await ask({ days: 2, dryRun: true });
    expect(everyone.statusCode).toBe(200);
    expect(
      everyone
        .json<DeactivationReport>()
        .members.map((member) => member.id)
        .sort(),
    ).toEqual([quiet.id, never.id, away.id].sort());

    const preview = (await ask({ days: 2, dryRun: true, institutionId: here })).json<DeactivationReport>();
    expect(preview).toMatchObject({ dryRun: true, days: 2, count: 2 });
    const seen = Object.fromEntries(preview.members.map((member) => [member.id, member.lastSignedInAt]));
    expect(seen[never.id]).toBeNull();
    expect(Date.parse(seen[quiet.id] ?? '')).toBe(clock.now().getTime() - 3 * DAYS);
    // Looking changed nothing.
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: quietSession } })).statusCode).toBe(
      200,
    );

    const done = await ask({ days: 2, institutionId: here });
    expect(done.json<DeactivationReport>()).toMatchObject({ dryRun: false, count: 2 });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: quietSession } })).statusCode).toBe(
      401,
    );
    const directory = (
      await t.app.inject({ method: 'GET', url: '/api/members?includeInactive=true', headers: { cookie: admin } })
    ).json<DirectoryMember[]>();
    const row = (id: string) => directory.find((member) => member.id === id);
    expect(row(quiet.id)?.active).toBe(false);
    expect(row(never.id)?.active).toBe(false);
    expect(row(away.id)?.active).toBe(true);
    expect(row(fresh.id)).toMatchObject({ active: true, lastSignedInAt: clock.now().toISOString() });

    const trail = await t.app.db.q.select().from(tables.securityEvents);
    expect(
      trail.filter(
        (event) => event.kind === 'member-deactivated' && JSON.parse(String(event.detail)).inactiveDays === 2,
      ),
    ).toHaveLength(2);

    // Deactivating needs a sign-in from the last hour; looking does not.
    clock.advance(61 * 60_000);
    const stale = await ask({ days: 2 });
    expect(stale.statusCode).toBe(403);
    expect(stale.json()).toMatchObject({ type: 'https://apoc.invalid/problems/recent-sign-in-required' });
    expect((await ask({ days: 2, dryRun: true })).statusCode).toBe(200);
  });
});
