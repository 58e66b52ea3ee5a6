import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { MemberRole } from '@apoc/shared';
import type { TestApp } from './app';
import { createMember } from './factories';

// A real OpenID provider for tests: oidc-provider (the certified Node implementation) on a loopback port, with test
// accounts whose claims the test controls, and its development login and consent pages, which `signInAtProvider`
// fills in as a person would, with plain fetch (redirects followed by hand, cookies kept per provider).

export interface TestAccount {
  email?: string;
  emailVerified?: boolean;
  /** Microsoft Entra ID's claim that the address's domain is verified by its owner (Entra sends no email_verified). */
  xmsEdov?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's people, by subject: change them between sign-ins (a new address, unverified…). */
  accounts: Map<string, TestAccount>;
  /** Rewrites the token endpoint's answer before it leaves, as an attacker in the middle (mix-up) would. */
  tamperTokens: ((answer: Record<string, unknown>) => Record<string, unknown>) | null;
  stop(): Promise<void>;
}

export async function startOidcProvider(options: {
  redirectUri: string;
  clientId?: string;
  clientSecret?: string;
}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientId = options.clientId ?? 'apoc-summit';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    async findAccount(_ctx, sub) {
      if (!accounts.has(sub)) return undefined;
      return {
        accountId: sub,
        // Read at each sign-in, so that a test may change the account in between.
        async claims() {
          const account = accounts.get(sub) ?? {};
          return {
            sub,
            ...(account.email === undefined ? {} : { email: account.email }),
            ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
            ...(account.xmsEdov === undefined ? {} : { xms_edov: account.xmsEdov }),
            ...(account.name === undefined ? {} : { name: account.name }),
          };
        },
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' } as never] },
  });
  const handle: TestProvider = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tamperTokens: null,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.status === 200 && handle.tamperTokens && typeof ctx.body === 'object') {
      ctx.body = handle.tamperTokens(ctx.body as Record<string, unknown>);
    }
  });
  const handleRequest = provider.callback();
  server.on('request', (request, response) => void handleRequest(request, response));
  return handle;
}

/** The Cookie header for what a jar holds. */
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

function keep(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

/**
 * Follows an authorization URL through the provider as a browser would: signs in as `subject` on its login page,
 * consents, and stops at the redirect that leaves the provider (the app's callback, with `code` and `state`).
 * `abort` cancels on the login page instead, as a person who changed their mind (or was refused) would.
 */
export async function signInAtProvider(
  authorizationUrl: string | URL,
  subject: string,
  options: { abort?: boolean; jar?: Map<string, string> } = {},
): Promise<URL> {
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  const jar = options.jar ?? new Map<string, string>();
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
    keep(jar, response);
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location') ?? '', url);
      if (next.origin !== origin) return next;
      url = next;
      continue;
    }
    const page = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (response.status !== 200 || !prompt) throw new Error(`unexpected ${response.status} at ${url.href}: ${page}`);
    if (options.abort) {
      url = new URL(`${url.pathname}/abort`, url);
      continue;
    }
    const form: Record<string, string> =
      prompt === 'login' ? { prompt, login: subject, password: 'any password will do' } : { prompt: 'consent' };
    const submitted = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    keep(jar, submitted);
    url = new URL(submitted.headers.get('location') ?? '', url);
  }
  throw new Error('the provider kept the browser going round');
}

/**
 * An ID token the provider issues for its client through a sign-in of its own (not the app's): with the `nonce` the
 * test chooses, and PKCE and state of the test's own. What a mix-up attacker holding an account there could obtain.
 */
export async function idTokenFrom(provider: TestProvider, subject: string, nonce: string, redirectUri: string) {
  const verifier = randomBytes(32).toString('base64url');
  const authorization = new URL(`${provider.issuer}/auth`);
  authorization.search = new URLSearchParams({
    client_id: provider.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    state: randomBytes(8).toString('hex'),
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const back = await signInAtProvider(authorization, subject);
  const response = await fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${provider.clientId}:${provider.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  const answer = (await response.json()) as { id_token?: string };
  if (!answer.id_token) throw new Error(`no ID token from ${provider.issuer}: ${JSON.stringify(answer)}`);
  return answer.id_token;
}

/** What came back to the app from a sign-in at a provider. */
export interface SignInOutcome {
  /** The app's answer to the provider's redirect: a 302. */
  response: LightResponse;
  /** Where the app sent the browser: the page to return to, or the problem page. */
  location: string;
  /** `apoc_session=…` when signed in. */
  session: string | null;
  /** The provider's redirect to the app's callback, and the sealed attempt cookie, for replaying them. */
  callback: URL;
  attempt: string;
  /** The provider's authorization URL the app sent the browser to. */
  authorization: URL;
}

type LightResponse = Awaited<ReturnType<TestApp['app']['inject']>>;

/** Starts a sign-in at the app (GET …/start): the authorization URL and the sealed attempt cookie. */
export async function startSignIn(
  t: TestApp,
  providerId: string,
  query: Record<string, string> = {},
  /** The attempt cookie of sign-ins this browser has under way already (in other tabs). */
  attempts?: string,
) {
  const search = new URLSearchParams(query).toString();
  const started = await t.app.inject({
    method: 'GET',
    url: `/api/auth/sso/${providerId}/start${search ? `?${search}` : ''}`,
    headers: attempts ? { cookie: `apoc_sso=${attempts}` } : {},
  });
  if (started.statusCode !== 302) throw new Error(`start answered ${started.statusCode}: ${started.body}`);
  const attempt = started.cookies.find((cookie) => cookie.name === 'apoc_sso')?.value ?? '';
  return { location: String(started.headers.location), attempt };
}

/** The browser coming back to the app's callback with the provider's answer (and, unless null, its attempt cookie). */
export async function returnToApp(t: TestApp, callback: URL, attempt: string | null) {
  const response = await t.app.inject({
    method: 'GET',
    url: `${callback.pathname}${callback.search}`,
    headers: attempt === null ? {} : { cookie: `apoc_sso=${attempt}` },
  });
  const session = response.cookies.find((cookie) => cookie.name === 'apoc_session' && cookie.value);
  return {
    response,
    location: String(response.headers.location),
    session: session ? `apoc_session=${session.value}` : null,
  };
}

/**
 * A whole sign-in through a provider, as a browser: the app's start, the provider's login and consent as `subject`, the
 * way back. `alter` changes the authorization URL on its way through the browser (as an attacker could).
 */
export async function signInWith(
  t: TestApp,
  providerId: string,
  subject: string,
  options: { query?: Record<string, string>; alter?: (authorization: URL) => void; abort?: boolean } = {},
): Promise<SignInOutcome> {
  const started = await startSignIn(t, providerId, options.query);
  const authorization = new URL(started.location);
  if (authorization.protocol !== 'http:') throw new Error(`not sent to the provider but to ${started.location}`);
  options.alter?.(authorization);
  const callback = await signInAtProvider(authorization, subject, { abort: options.abort ?? false });
  const back = await returnToApp(t, callback, started.attempt);
  return { ...back, callback, attempt: started.attempt, authorization };
}

/** The SECRET_KEY of test apps that connect providers. */
export const SECRET_KEY = 'a test key that is long enough to derive from, 0123456789';

/** A member written through the real schema, with the address the test needs. */
export function memberWithAddress(
  t: TestApp,
  email: string,
  options: { institutionId?: string; role?: MemberRole; active?: boolean } = {},
) {
  const { institutionId = null, ...fixture } = options;
  return createMember(t.app.db, institutionId, `Member ${email.split('@')[0] ?? ''}`, { email, ...fixture });
}
