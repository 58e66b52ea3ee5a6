import * as oidc from 'openid-client';
import type { SsoFailure } from '@apoc/shared';

// The relying party's protocol work, all of it done by openid-client (a certified relying-party library): discovery,
// the authorization request with PKCE (S256), state and nonce, the code exchange and every check of the answer and
// of the ID token (issuer, audience, nonce, expiry, RFC 9207's `iss`). Nothing here checks a token by hand.

/** What sign-in asks every provider for. */
export const SCOPES = 'openid email profile';

/** How long the platform waits for a provider's answer (when signing in, and when testing the connection). */
export const TIMEOUT_SECONDS = 10;

/** Discovered metadata is kept this long per instance; a changed provider (new issuer, secret) is rediscovered at once. */
const DISCOVERY_TTL_MS = 60 * 60_000;

export interface ProviderCredentials {
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Changes whenever the provider does (its updatedAt): a cached configuration of an older version is dropped. */
  version: number;
}

/** The claims the platform reads, from the ID token and, for what it leaves out, the UserInfo endpoint. */
export interface IdentityClaims {
  subject: string;
  email: string | null;
  /** `email_verified` true, or Microsoft Entra ID's `xms_edov` (the address's domain is verified by its owner). */
  emailVerified: boolean;
  name: string | null;
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A step of the protocol that failed, with the reason the person will read. */
export class ProtocolFailure extends Error {
  constructor(
    readonly reason: SsoFailure,
    /** For the audit trail and the logs: what the library or the provider said (never a token). */
    readonly said: string,
  ) {
    super(said);
    this.name = 'ProtocolFailure';
  }
}

const truthy = (value: unknown) => value === true || value === 'true';

export class OidcClients {
  private readonly cache = new Map<string, { version: number; until: number; configuration: oidc.Configuration }>();

  constructor(
    private readonly options: {
      /** Whether http:// issuers are accepted (outside production, for providers on the machine itself). */
      allowHttp: boolean;
      now: () => number;
    },
  ) {}

  private execute(issuer: string) {
    return this.options.allowHttp && issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [];
  }

  /** The provider's discovered configuration with this client's credentials, from the cache when fresh. */
  async configuration(provider: ProviderCredentials): Promise<oidc.Configuration> {
    const now = this.options.now();
    const cached = this.cache.get(provider.id);
    if (cached && cached.version === provider.version && cached.until > now) return cached.configuration;
    const configuration = await this.discover(provider.issuer, provider.clientId, provider.clientSecret);
    this.cache.set(provider.id, { version: provider.version, until: now + DISCOVERY_TTL_MS, configuration });
    return configuration;
  }

  forget(providerId: string): void {
    this.cache.delete(providerId);
  }

  /**
   * Discovers the issuer and configures the client, authenticating with the method the provider prefers: HTTP Basic
   * (the default of the specification) unless it only accepts the secret in the body.
   */
  async discover(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
    const execute = this.execute(issuer);
    try {
      const discovered = await oidc.discovery(
        new URL(issuer),
        clientId,
        { client_secret: clientSecret },
        oidc.ClientSecretBasic(clientSecret),
        { execute, timeout: TIMEOUT_SECONDS },
      );
      const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
      let configuration = discovered;
      if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
        configuration = new oidc.Configuration(
          discovered.serverMetadata(),
          clientId,
          { client_secret: clientSecret },
          oidc.ClientSecretPost(clientSecret),
        );
        for (const extension of execute) extension(configuration);
      }
      configuration.timeout = TIMEOUT_SECONDS;
      return configuration;
    } catch (error) {
      throw failure(error, 'discovery');
    }
  }

  /** The URL that sends the browser to the provider, and the values the callback must check it against. */
  async authorizationRequest(
    configuration: oidc.Configuration,
    redirectUri: string,
    loginHint: string | null,
  ): Promise<AuthorizationRequest> {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: SCOPES,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(loginHint ? { login_hint: loginHint } : {}),
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Checks the provider's answer (`callbackUrl`: the redirect URI with the query it came back with), exchanges the
   * code, checks the ID token, and reads the claims; asks the UserInfo endpoint for what the ID token left out.
   */
  async redeem(
    configuration: oidc.Configuration,
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<IdentityClaims> {
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw failure(error, 'token');
    }
    const idToken = tokens.claims();
    if (!idToken) throw new ProtocolFailure('invalid-response', 'the token response carried no ID token');
    const token: Record<string, unknown> = idToken;
    // Many providers keep the address and the name for UserInfo: asked there for what the ID token leaves out. The
    // address is read with its verification from one document, never the address from one and "verified" from the
    // other. A name missing is not worth failing a sign-in for.
    const verification = (from: Record<string, unknown>) => from.email_verified ?? from.xms_edov;
    let address = { email: token.email, verified: verification(token) };
    let profile = token;
    const needed = address.email === undefined || address.verified === undefined;
    if (
      (needed || token.name === undefined) &&
      tokens.access_token &&
      configuration.serverMetadata().userinfo_endpoint
    ) {
      try {
        // The subject must be the ID token's (the library checks it).
        const userInfo: Record<string, unknown> = await oidc.fetchUserInfo(
          configuration,
          tokens.access_token,
          idToken.sub,
        );
        if (needed && userInfo.email !== undefined)
          address = {
            email: userInfo.email,
            verified: verification(userInfo) ?? (userInfo.email === token.email ? address.verified : undefined),
          };
        profile = { ...userInfo, ...Object.fromEntries(Object.entries(token).filter(([, v]) => v !== undefined)) };
      } catch (error) {
        if (needed) throw failure(error, 'userinfo');
      }
    }
    const email = typeof address.email === 'string' && address.email.includes('@') ? address.email.trim() : null;
    const name =
      typeof profile.name === 'string' && profile.name.trim()
        ? profile.name.trim()
        : [profile.given_name, profile.family_name]
            .filter((part) => typeof part === 'string' && part.trim())
            .join(' ') || null;
    return { subject: idToken.sub, email, emailVerified: truthy(address.verified), name };
  }

  /**
   * Tries the client's credentials at the token endpoint with a made-up code: a provider that authenticates the
   * client refuses the code (`invalid_grant`), one that does not accept the credentials says `invalid_client`.
   */
  async tryCredentials(
    configuration: oidc.Configuration,
    redirectUri: string,
  ): Promise<{ accepted: boolean | null; said: string }> {
    try {
      await oidc.genericGrantRequest(configuration, 'authorization_code', {
        code: oidc.randomState(),
        redirect_uri: redirectUri,
        code_verifier: oidc.randomPKCECodeVerifier(),
      });
      return { accepted: null, said: 'the token endpoint accepted a made-up code' };
    } catch (error) {
      const refused = oauthError(error);
      if (refused) {
        if (refused.error === 'invalid_grant') return { accepted: true, said: refused.said };
        if (refused.error === 'invalid_client' || refused.error === 'unauthorized_client')
          return { accepted: false, said: refused.said };
        return { accepted: null, said: refused.said };
      }
      const failed = failure(error, 'token');
      return { accepted: null, said: failed.said };
    }
  }
}

/**
 * The OAuth error a server answered with: in a JSON body, or (a client refused at the token endpoint with HTTP Basic)
 * in the WWW-Authenticate challenge of a 401.
 */
function oauthError(error: unknown): { error: string; said: string } | null {
  let code: string | undefined;
  let description: string | undefined;
  if (error instanceof oidc.ResponseBodyError) {
    code = error.error;
    description = error.error_description;
  } else if (error instanceof oidc.WWWAuthenticateChallengeError) {
    const parameters = error.cause[0]?.parameters;
    code = parameters?.error ?? (error.status === 401 ? 'invalid_client' : undefined);
    description = parameters?.error_description;
  }
  if (!code) return null;
  return { error: code, said: description ? `${code}: ${description}` : code };
}

/** Why a step failed, in the reasons the problem page knows. */
function failure(error: unknown, step: 'discovery' | 'token' | 'userinfo'): ProtocolFailure {
  if (error instanceof ProtocolFailure) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    const said = error.error_description ? `${error.error}: ${error.error_description}` : error.error;
    switch (error.error) {
      case 'access_denied':
      case 'login_required':
      case 'interaction_required':
      case 'consent_required':
      case 'account_selection_required':
        return new ProtocolFailure('denied', said);
      case 'invalid_request':
      case 'unauthorized_client':
      case 'unsupported_response_type':
      case 'invalid_scope':
      case 'invalid_client':
        return new ProtocolFailure('misconfigured', said);
      default:
        return new ProtocolFailure('provider-error', said);
    }
  }
  const refused = oauthError(error);
  if (refused) {
    if (refused.error === 'invalid_grant') return new ProtocolFailure('code-rejected', refused.said);
    if (refused.error === 'invalid_client' || refused.error === 'unauthorized_client')
      return new ProtocolFailure('misconfigured', refused.said);
    // The UserInfo endpoint refusing the access token it was just given is the provider's own trouble.
    return new ProtocolFailure('provider-error', refused.said);
  }
  // fetch() failing: a name that does not resolve, a refused connection, an untrusted certificate.
  if (error instanceof TypeError) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return new ProtocolFailure('provider-unreachable', cause?.code ?? cause?.message ?? error.message);
  }
  if (error instanceof oidc.ClientError) {
    const code = error.code ?? '';
    const said = `${code} ${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`.trim();
    if (code === 'OAUTH_TIMEOUT' || code === 'OAUTH_ABORT') return new ProtocolFailure('provider-unreachable', said);
    // A page or an error status where JSON was due: a provider in trouble (or, at discovery, not an issuer at all).
    if ((code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON') && step !== 'discovery')
      return new ProtocolFailure('provider-error', said);
    // Discovery that fails its checks (not an issuer, another issuer's document, http:// refused) is a setup mistake.
    if (step === 'discovery') return new ProtocolFailure('misconfigured', said);
    return new ProtocolFailure('invalid-response', said);
  }
  return new ProtocolFailure(step === 'discovery' ? 'misconfigured' : 'invalid-response', String(error));
}
