import type { DirectoryMember, IdentityProvider, Member, SignIn, SsoDiscovery, SsoProvider } from '@apoc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHeaders, buildTestApp, type TestApp } from '../helpers/app';
import { signIn } from '../helpers/auth';
import { TestClock } from '../helpers/clock';
import { tables } from '../helpers/db';
import { createInstitution } from '../helpers/factories';
import {
  idTokenFrom,
  memberWithAddress,
  SECRET_KEY,
  returnToApp,
  signInAtProvider,
  signInWith,
  startOidcProvider,
  startSignIn,
  type TestProvider,
} from '../helpers/oidc';

// Signing in with an institution's OpenID Connect provider, against a real provider (oidc-provider) on loopback whose
// login page the test fills in as a person would. The app's side is the real one: openid-client, the sealed attempt
// cookie, the database on either backend.

describe('signing in with an institution’s OpenID Connect provider', () => {
  const clock = new TestClock();
  let t: TestApp;
  let idp: TestProvider;
  let admin: string;
  let dfci: IdentityProvider;
  let institutionId: string;
  const redirectUri = () => `${t.config.publicUrl.origin}/api/auth/sso/callback`;

  const connect = async (body: Record<string, unknown>) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/admin/identity-providers',
      headers: browserHeaders(t.config, admin),
      payload: {
        institutionId,
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        ...body,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<IdentityProvider>();
  };
  const change = async (id: string, patch: Record<string, unknown>) => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/identity-providers/${id}`,
      headers: browserHeaders(t.config, admin),
      payload: patch,
    });
    expect(response.statusCode, response.body).toBe(200);
  };
  const me = async (cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }).then((r) => r.json<Member>());
  /** Whether the trail holds a refused sign-in for this reason, where the provider or the library said `said`. */
  const refusedFor = async (reason: string, said: RegExp) => {
    const refusals = (await t.app.db.q.select().from(tables.securityEvents))
      .filter((row) => row.kind === 'sign-in-failed')
      .map((row) => JSON.parse(String(row.detail)) as { reason?: string; said?: string });
    return refusals.some((refusal) => refusal.reason === reason && said.test(refusal.said ?? ''));
  };
  const problem = (reason: string, providerId = dfci.id) =>
    `/sign-in/problem?${new URLSearchParams({ reason, provider: providerId }).toString()}`;

  beforeAll(async () => {
    t = await buildTestApp({ env: { SECRET_KEY }, clock: clock.now });
    idp = await startOidcProvider({ redirectUri: `${t.config.publicUrl.origin}/api/auth/sso/callback` });
    institutionId = (await createInstitution(t.app.db, 'America/New_York')).id;
    await memberWithAddress(t, 'admin@network.example', { role: 'admin' });
    admin = await signIn(t, 'admin@network.example');
    dfci = await connect({ name: 'Dana-Farber Cancer Institute', domains: ['dfci.example'] });
  });
  afterAll(async () => {
    await t.close();
    await idp.stop();
  });

  it('lists the connected institutions for the "Sign in with …" buttons, and nothing of their configuration', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/sso/providers' });
    expect(response.statusCode).toBe(200);
    const listed = response.json<SsoProvider[]>().find((provider) => provider.id === dfci.id);
    expect(listed).toEqual({ id: dfci.id, name: 'Dana-Farber Cancer Institute', institutionId, mailLink: true });
    expect(response.body).not.toContain(idp.issuer);
    expect(response.body).not.toContain(idp.clientId);
  });

  it('tells which provider handles an address by its domain alone, in the same shape for any address', async () => {
    const discover = async (email: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sso/discover',
        headers: browserHeaders(t.config),
        payload: { email },
      });
      expect(response.statusCode).toBe(200);
      return response.json<SsoDiscovery>();
    };
    expect(await discover('Anyone@DFCI.example')).toEqual({
      provider: { id: dfci.id, name: 'Dana-Farber Cancer Institute', institutionId, mailLink: true },
      mailLink: true,
    });
    // A member's address and a stranger's of a domain without provider get the same answer.
    expect(await discover('admin@network.example')).toEqual({ provider: null, mailLink: true });
    expect(await discover('nobody@network.example')).toEqual({ provider: null, mailLink: true });
    // Only that domain, not its subdomains.
    expect(await discover('someone@lab.dfci.example')).toEqual({ provider: null, mailLink: true });
  });

  it('links an existing member by their verified address the first time, with a session listed under the provider', async () => {
    const alice = await memberWithAddress(t, 'alice@dfci.example', { institutionId });
    idp.accounts.set('alice-sub', { email: 'Alice@DFCI.example', emailVerified: true, name: 'Alice at the provider' });
    const outcome = await signInWith(t, dfci.id, 'alice-sub', {
      query: { email: 'alice@dfci.example', returnTo: '/summits?year=2027' },
    });
    // PKCE with S256, state and nonce, and the address as a hint for the provider's login page.
    expect(outcome.authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(outcome.authorization.searchParams.get('state')).toBeTruthy();
    expect(outcome.authorization.searchParams.get('nonce')).toBeTruthy();
    expect(outcome.authorization.searchParams.get('login_hint')).toBe('alice@dfci.example');
    expect(outcome.authorization.searchParams.get('scope')).toBe('openid email profile');

    expect(outcome.response.statusCode).toBe(302);
    expect(outcome.location).toBe('/summits?year=2027');
    expect(outcome.session).toBeTruthy();
    // The attempt serves once: the browser is told to forget it.
    expect(outcome.response.cookies.find((cookie) => cookie.name === 'apoc_sso')?.value).toBe('');
    const session = outcome.session ?? '';
    expect((await me(session)).id).toBe(alice.id);
    // The member keeps the name the network knows them by.
    expect((await me(session)).name).toBe(alice.name);
    // Admins see when each member last signed in, whichever way.
    const directory = await t.app.inject({ method: 'GET', url: '/api/members?q=alice', headers: { cookie: admin } });
    expect(directory.json<DirectoryMember[]>().find((member) => member.id === alice.id)?.lastSignedInAt).toBe(
      clock.now().toISOString(),
    );

    const signIns = (await t.app.inject({ method: 'GET', url: '/api/me/sign-ins', headers: { cookie: session } })).json<
      SignIn[]
    >();
    expect(signIns).toEqual([
      expect.objectContaining({ current: true, provider: { id: dfci.id, name: 'Dana-Farber Cancer Institute' } }),
    ]);
    // Revocable like any other sign-in.
    const ended = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/sign-ins/${signIns[0]?.id ?? ''}`,
      headers: browserHeaders(t.config, session),
    });
    expect(ended.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session } })).statusCode).toBe(401);
  });

  it('signs the same member in by the provider’s subject after their address changed there', async () => {
    const bruno = await memberWithAddress(t, 'bruno@dfci.example', { institutionId });
    idp.accounts.set('bruno-sub', { email: 'bruno@dfci.example', emailVerified: true });
    expect((await me((await signInWith(t, dfci.id, 'bruno-sub')).session ?? '')).id).toBe(bruno.id);

    // A new address, elsewhere and not even verified: the subject, not the address, decides once linked.
    idp.accounts.set('bruno-sub', { email: 'b.rossi@elsewhere.example', emailVerified: false });
    const again = await signInWith(t, dfci.id, 'bruno-sub');
    expect(again.location).toBe('/');
    expect((await me(again.session ?? '')).id).toBe(bruno.id);
  });

  it('creates an unknown person as a member of the institution where the provider allows it', async () => {
    await change(dfci.id, { createMembers: true });
    try {
      idp.accounts.set('nora-sub', { email: 'nora@dfci.example', emailVerified: true, name: 'Nora Newcomer' });
      const outcome = await signInWith(t, dfci.id, 'nora-sub');
      expect(outcome.location).toBe('/');
      const nora = await me(outcome.session ?? '');
      expect(nora).toMatchObject({
        email: 'nora@dfci.example',
        name: 'Nora Newcomer',
        role: 'member',
        institutionId,
        active: true,
      });
    } finally {
      await change(dfci.id, { createMembers: false });
    }
  });

  it('refuses an unknown person where the provider does not create members', async () => {
    idp.accounts.set('olga-sub', { email: 'olga@dfci.example', emailVerified: true, name: 'Olga' });
    const outcome = await signInWith(t, dfci.id, 'olga-sub');
    expect(outcome.location).toBe(problem('not-a-member'));
    expect(outcome.session).toBeNull();
    const created = await t.app.db.q.select().from(tables.members);
    expect(created.some((member) => member.email === 'olga@dfci.example')).toBe(false);
  });

  it('refuses an address the provider does not say is verified', async () => {
    await memberWithAddress(t, 'uma@dfci.example', { institutionId });
    idp.accounts.set('uma-sub', { email: 'uma@dfci.example', emailVerified: false });
    const outcome = await signInWith(t, dfci.id, 'uma-sub');
    expect(outcome.location).toBe(problem('email-unverified'));
    expect(outcome.session).toBeNull();
  });

  it('takes Microsoft Entra ID’s xms_edov for a verified address, as Entra sends no email_verified', async () => {
    const erik = await memberWithAddress(t, 'erik@dfci.example', { institutionId });
    idp.accounts.set('erik-sub', { email: 'erik@dfci.example', xmsEdov: true });
    expect((await me((await signInWith(t, dfci.id, 'erik-sub')).session ?? '')).id).toBe(erik.id);
    await memberWithAddress(t, 'edda@dfci.example', { institutionId });
    idp.accounts.set('edda-sub', { email: 'edda@dfci.example', xmsEdov: false });
    expect((await signInWith(t, dfci.id, 'edda-sub')).location).toBe(problem('email-unverified'));
  });

  it('refuses an address of a domain the provider does not own, even a member’s', async () => {
    await memberWithAddress(t, 'victim@network.example', { institutionId });
    idp.accounts.set('mallory-sub', { email: 'victim@network.example', emailVerified: true });
    const outcome = await signInWith(t, dfci.id, 'mallory-sub');
    expect(outcome.location).toBe(problem('domain-not-owned'));
    expect(outcome.session).toBeNull();
  });

  it('refuses a deactivated member', async () => {
    await memberWithAddress(t, 'left@dfci.example', { institutionId, active: false });
    idp.accounts.set('left-sub', { email: 'left@dfci.example', emailVerified: true });
    const outcome = await signInWith(t, dfci.id, 'left-sub');
    expect(outcome.location).toBe(problem('deactivated'));
    expect(outcome.session).toBeNull();
  });

  it('refuses an answer that does not carry the state this browser was given, or comes to another browser', async () => {
    await memberWithAddress(t, 'sam@dfci.example', { institutionId });
    idp.accounts.set('sam-sub', { email: 'sam@dfci.example', emailVerified: true });
    const started = await startSignIn(t, dfci.id);
    const callback = await signInAtProvider(started.location, 'sam-sub');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'a-state-of-someone-else');
    const refused = await returnToApp(t, forged, started.attempt);
    expect(refused.location).toBe(problem('state-mismatch'));
    expect(refused.session).toBeNull();
    // The right answer in a browser that did not start this sign-in (login CSRF): nothing to compare it with.
    const elsewhere = await returnToApp(t, callback, null);
    expect(elsewhere.location).toBe('/sign-in/problem?reason=expired');
    expect(elsewhere.session).toBeNull();
  });

  it('refuses a code used once already', async () => {
    await memberWithAddress(t, 'rita@dfci.example', { institutionId });
    idp.accounts.set('rita-sub', { email: 'rita@dfci.example', emailVerified: true });
    const first = await signInWith(t, dfci.id, 'rita-sub');
    expect(first.session).toBeTruthy();
    const replayed = await returnToApp(t, first.callback, first.attempt);
    expect(replayed.location).toBe(problem('code-rejected'));
    expect(await refusedFor('code-rejected', /^invalid_grant/)).toBe(true);
    expect(replayed.session).toBeNull();
  });

  it('finishes sign-ins started in several tabs of one browser, each once, in any order', async () => {
    await memberWithAddress(t, 'tabs@dfci.example', { institutionId });
    idp.accounts.set('tabs-sub', { email: 'tabs@dfci.example', emailVerified: true });
    // Two tabs restored after the session ended each leave for the provider; the cookie holds both sign-ins.
    const first = await startSignIn(t, dfci.id);
    const second = await startSignIn(t, dfci.id, {}, first.attempt);
    const firstBack = await signInAtProvider(first.location, 'tabs-sub');
    const secondBack = await signInAtProvider(second.location, 'tabs-sub');
    const cookieAfter = (outcome: Awaited<ReturnType<typeof returnToApp>>) =>
      outcome.response.cookies.find((cookie) => cookie.name === 'apoc_sso');

    // The first tab comes back first: signed in, and the second tab's sign-in stays under way.
    const one = await returnToApp(t, firstBack, second.attempt);
    expect(one.location).toBe('/');
    expect(one.session).toBeTruthy();
    const left = cookieAfter(one)?.value ?? '';
    expect(left).not.toBe('');
    // Its answer again, with what the cookie holds now: that sign-in was used.
    const again = await returnToApp(t, firstBack, left);
    expect(again.location).toBe(problem('state-mismatch'));
    expect(again.session).toBeNull();
    // The second tab: signed in too, and nothing is left under way.
    const two = await returnToApp(t, secondBack, left);
    expect(two.location).toBe('/');
    expect(two.session).toBeTruthy();
    expect(cookieAfter(two)?.value ?? '').toBe('');
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    await memberWithAddress(t, 'nina@dfci.example', { institutionId });
    idp.accounts.set('nina-sub', { email: 'nina@dfci.example', emailVerified: true });
    const outcome = await signInWith(t, dfci.id, 'nina-sub', {
      alter: (authorization) => authorization.searchParams.set('nonce', 'a-nonce-of-the-attacker'),
    });
    expect(outcome.location).toBe(problem('invalid-response'));
    expect(outcome.session).toBeNull();
    // openid-client's own check refused it, not anything before.
    expect(await refusedFor('invalid-response', /"nonce" claim/)).toBe(true);
  });

  it('refuses an ID token another issuer signed, slipped into the provider’s answer (mix-up)', async () => {
    await memberWithAddress(t, 'ivan@dfci.example', { institutionId });
    idp.accounts.set('ivan-sub', { email: 'ivan@dfci.example', emailVerified: true });
    const other = await startOidcProvider({
      redirectUri: redirectUri(),
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
    });
    other.accounts.set('ivan-sub', { email: 'ivan@dfci.example', emailVerified: true });
    try {
      const started = await startSignIn(t, dfci.id);
      const nonce = new URL(started.location).searchParams.get('nonce') ?? '';
      const foreign = await idTokenFrom(other, 'ivan-sub', nonce, redirectUri());
      idp.tamperTokens = (answer) => ({ ...answer, id_token: foreign });
      const callback = await signInAtProvider(started.location, 'ivan-sub');
      const outcome = await returnToApp(t, callback, started.attempt);
      expect(outcome.location).toBe(problem('invalid-response'));
      expect(outcome.session).toBeNull();
      expect(await refusedFor('invalid-response', /"iss" \(issuer\) claim/)).toBe(true);
    } finally {
      idp.tamperTokens = null;
      await other.stop();
    }
  });

  it('sends a person who cancels at the provider (or whom it refuses) to the problem page', async () => {
    idp.accounts.set('gone-sub', { email: 'gone@dfci.example', emailVerified: true });
    const outcome = await signInWith(t, dfci.id, 'gone-sub', { abort: true });
    expect(outcome.location).toBe(problem('denied'));
    expect(outcome.session).toBeNull();
  });

  it('refuses an answer that comes back more than 10 minutes after the sign-in started', async () => {
    await memberWithAddress(t, 'slow@dfci.example', { institutionId });
    idp.accounts.set('slow-sub', { email: 'slow@dfci.example', emailVerified: true });
    const started = await startSignIn(t, dfci.id);
    const callback = await signInAtProvider(started.location, 'slow-sub');
    clock.advance(11 * 60_000);
    try {
      const outcome = await returnToApp(t, callback, started.attempt);
      expect(outcome.location).toBe('/sign-in/problem?reason=expired');
    } finally {
      clock.set(new Date());
    }
  });

  it('sends a sign-in through a provider that refuses the client’s secret to the problem page as misconfigured', async () => {
    const wrong = await connect({ clientSecret: 'not the secret the provider knows', domains: ['wrong.example'] });
    idp.accounts.set('wendy-sub', { email: 'wendy@wrong.example', emailVerified: true });
    const outcome = await signInWith(t, wrong.id, 'wendy-sub');
    expect(outcome.location).toBe(problem('misconfigured', wrong.id));
    expect(outcome.session).toBeNull();
    expect(await refusedFor('misconfigured', /^invalid_client/)).toBe(true);
  });

  it('sends an unknown provider to the problem page, and never anywhere but this site', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/api/auth/sso/no-such-provider/start' });
    expect(unknown.statusCode).toBe(302);
    expect(unknown.headers.location).toBe('/sign-in/problem?reason=unknown-provider');
    const away = await t.app.inject({
      method: 'GET',
      url: `/api/auth/sso/${dfci.id}/start?returnTo=${encodeURIComponent('//evil.example/')}`,
    });
    expect(away.statusCode).toBe(400);
    expect(away.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('records each sign-in and each refusal in the security trail, with the provider', async () => {
    const trail = await t.app.db.q.select().from(tables.securityEvents);
    const detail = (row: (typeof trail)[number]) => JSON.parse(String(row.detail)) as Record<string, unknown>;
    expect(trail.some((row) => row.kind === 'sign-in' && detail(row).provider === dfci.id)).toBe(true);
    expect(
      trail.some(
        (row) =>
          row.kind === 'sign-in-failed' && detail(row).reason === 'state-mismatch' && detail(row).provider === dfci.id,
      ),
    ).toBe(true);
    expect(JSON.stringify(trail)).not.toMatch(/@dfci\.example/i);
  });

  it('includes the provider accounts in a member’s export, and forgets them when the member is erased', async () => {
    await memberWithAddress(t, 'erin@dfci.example', { institutionId });
    idp.accounts.set('erin-sub', { email: 'erin@dfci.example', emailVerified: true });
    const session = (await signInWith(t, dfci.id, 'erin-sub')).session ?? '';
    const exported = await t.app.inject({ method: 'GET', url: '/api/me/export', headers: { cookie: session } });
    expect(exported.json().data.linkedIdentities).toEqual([
      expect.objectContaining({ provider: 'Dana-Farber Cancer Institute', subject: 'erin-sub' }),
    ]);
    const erased = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: browserHeaders(t.config, session) });
    expect(erased.statusCode).toBe(204);
    // The account no longer leads to the pseudonym, and the address to nobody.
    const again = await signInWith(t, dfci.id, 'erin-sub');
    expect(again.location).toBe(problem('not-a-member'));
  });

  it('ends every sign-in a provider made when it is disconnected, and only those', async () => {
    const msk = await connect({ name: 'Memorial Sloan Kettering', domains: ['msk.example'] });
    const carol = await memberWithAddress(t, 'carol@msk.example', { institutionId });
    idp.accounts.set('carol-sub', { email: 'carol@msk.example', emailVerified: true });
    const throughProvider = (await signInWith(t, msk.id, 'carol-sub')).session ?? '';
    const byMail = await signIn(t, 'carol@msk.example');
    expect((await me(throughProvider)).id).toBe(carol.id);

    const disconnected = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/identity-providers/${msk.id}`,
      headers: browserHeaders(t.config, admin),
    });
    expect(disconnected.statusCode).toBe(200);
    expect(disconnected.json()).toEqual({ revoked: 1, unlinked: 1 });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: throughProvider } })).statusCode,
    ).toBe(401);
    expect((await me(byMail)).id).toBe(carol.id);
    const providers = await t.app.inject({ method: 'GET', url: '/api/auth/sso/providers' });
    expect(providers.json<SsoProvider[]>().map((provider) => provider.id)).not.toContain(msk.id);
  });
});
