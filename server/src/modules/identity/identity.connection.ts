import type { ConnectionCheck, ConnectionCheckName, ConnectionReport } from '@apoc/shared';
import { TIMEOUT_SECONDS, type OidcClients } from './identity.oidc';

// "Test the connection": what an admin needs to hear before people try to sign in, in plain words. The discovery
// document is fetched here only to explain what is wrong with it; the client's credentials are tried through
// openid-client, as sign-in would use them.

type Metadata = Record<string, unknown>;

const list = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null;

/** Why fetch() could not reach a host, in words. */
function unreachable(error: unknown, url: URL): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? '';
  const name = (error as { name?: string }).name;
  const host = url.host;
  if (name === 'TimeoutError' || name === 'AbortError')
    return `${host} did not answer within ${TIMEOUT_SECONDS} seconds.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `The name ${url.hostname} does not resolve (${code}): check the issuer URL.`;
  if (code === 'ECONNREFUSED') return `Nothing answers at ${host} (connection refused): check the issuer URL and port.`;
  if (code === 'ECONNRESET') return `${host} closed the connection before answering.`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code))
    return `The TLS certificate of ${host} is not trusted by this server (${code}).`;
  return `${host} cannot be reached${code ? ` (${code})` : ''}.`;
}

function discoveryUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
}

const EXAMPLES =
  'Microsoft Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0; Okta: https://<your org>.okta.com or ' +
  'https://<your org>.okta.com/oauth2/default; Keycloak: https://<host>/realms/<realm>';

/** Fetches and reads the discovery document: the metadata, or why there is none. */
async function fetchDiscovery(issuer: string): Promise<{ metadata: Metadata; at: URL } | { failed: string }> {
  const at = discoveryUrl(issuer);
  let response: Response;
  try {
    response = await fetch(at, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
    });
  } catch (error) {
    return { failed: unreachable(error, at) };
  }
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    return {
      failed: `${at.href} answered with a redirect${location ? ` to ${location}` : ''}: a discovery document is served where the issuer says, not elsewhere. Check the issuer URL.`,
    };
  }
  if (response.status === 404)
    return {
      failed: `${at.href} answered 404: there is no OpenID Connect discovery document there, so this URL is not an OpenID Connect issuer (${EXAMPLES}).`,
    };
  if (response.status !== 200)
    return { failed: `${at.href} answered HTTP ${response.status} instead of the discovery document.` };
  let metadata: unknown;
  try {
    metadata = await response.json();
  } catch {
    return { failed: `${at.href} answered, but not with JSON: this is not an OpenID Connect issuer.` };
  }
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    return { failed: `${at.href} answered with JSON that is not a discovery document.` };
  const missing = ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'].filter(
    (field) => typeof (metadata as Metadata)[field] !== 'string',
  );
  if (missing.length > 0)
    return {
      failed: `The document at ${at.href} lacks ${missing.join(', ')}: this is not an OpenID Connect issuer.`,
    };
  return { metadata: metadata as Metadata, at };
}

function issuerCheck(configured: string, stated: string): Omit<ConnectionCheck, 'check'> {
  if (stated === configured)
    return { outcome: 'passed', detail: `The provider calls itself ${stated}, as configured.` };
  if (/\{tenant(id)?\}/i.test(stated))
    return {
      outcome: 'failed',
      detail:
        "This is Microsoft's multi-tenant endpoint, whose ID tokens name each tenant: use your own tenant's issuer, https://login.microsoftonline.com/<tenant id>/v2.0.",
    };
  if (stated.replace(/\/+$/, '') === configured.replace(/\/+$/, ''))
    return {
      outcome: 'failed',
      detail: `The provider calls itself "${stated}" (mind the final slash), not "${configured}": ID tokens would be refused. Enter the issuer exactly as "${stated}".`,
    };
  return {
    outcome: 'failed',
    detail: `The provider calls itself "${stated}", not "${configured}": ID tokens would be refused. Enter "${stated}" as the issuer if that is the right provider.`,
  };
}

function codeFlowCheck(metadata: Metadata): Omit<ConnectionCheck, 'check'> {
  const responseTypes = list(metadata.response_types_supported) ?? [];
  const grants = list(metadata.grant_types_supported) ?? ['authorization_code', 'implicit'];
  if (!responseTypes.includes('code'))
    return {
      outcome: 'failed',
      detail: `The provider does not offer the authorization code flow (its response types: ${responseTypes.join(', ') || 'none'}).`,
    };
  if (!grants.includes('authorization_code'))
    return {
      outcome: 'failed',
      detail: 'The provider does not offer the authorization_code grant at its token endpoint.',
    };
  return { outcome: 'passed', detail: 'The provider offers the authorization code flow.' };
}

function pkceCheck(metadata: Metadata): Omit<ConnectionCheck, 'check'> {
  const methods = list(metadata.code_challenge_methods_supported);
  if (methods === null)
    return {
      outcome: 'warning',
      detail:
        'The provider does not say whether it supports PKCE. Sign-in sends PKCE (S256) anyway, with state and nonce; most providers accept it without saying so.',
    };
  if (!methods.includes('S256'))
    return {
      outcome: 'failed',
      detail: `The provider supports PKCE only as ${methods.join(', ') || 'nothing'}, not S256, which sign-in requires.`,
    };
  return { outcome: 'passed', detail: 'The provider supports PKCE with S256.' };
}

function scopesCheck(metadata: Metadata): Omit<ConnectionCheck, 'check'> {
  const scopes = list(metadata.scopes_supported);
  const claims = list(metadata.claims_supported);
  const notes: string[] = [];
  if (scopes && !scopes.includes('email'))
    notes.push('It does not list the "email" scope: people cannot be matched by e-mail on their first sign-in.');
  if (claims && !claims.includes('email_verified') && !claims.includes('xms_edov'))
    notes.push(
      'It does not list the "email_verified" claim: first sign-ins are refused unless the ID token says the address is verified (on Microsoft Entra ID, add the optional claims "email" and "xms_edov").',
    );
  if (notes.length > 0) return { outcome: 'warning', detail: notes.join(' ') };
  return { outcome: 'passed', detail: 'The provider offers the scopes openid, email and profile.' };
}

export async function testConnection(
  clients: OidcClients,
  input: {
    issuer: string;
    /** The client's credentials, when known; `secretProblem` says why the stored secret cannot be used. */
    clientId?: string | undefined;
    clientSecret?: string | undefined;
    secretProblem?: string | undefined;
  },
  options: { redirectUri: string; allowHttp: boolean },
): Promise<ConnectionReport> {
  const checks: ConnectionCheck[] = [];
  const add = (check: ConnectionCheckName, result: Omit<ConnectionCheck, 'check'>) => checks.push({ check, ...result });
  const skipRest = (from: readonly ConnectionCheckName[]) => {
    for (const check of from) add(check, { outcome: 'skipped', detail: 'Not checked: an earlier check failed.' });
  };
  const report = (): ConnectionReport => {
    const failed = checks.find((check) => check.outcome === 'failed');
    return {
      ok: !failed,
      summary: failed
        ? failed.detail
        : `The provider is ready. Make sure it accepts the redirect URI ${options.redirectUri}.`,
      checks,
      redirectUri: options.redirectUri,
    };
  };

  if (input.issuer.startsWith('http:') && !options.allowHttp) {
    add('reachable', {
      outcome: 'failed',
      detail: 'The issuer must use https:// (http:// is accepted only outside production).',
    });
    skipRest(['issuer', 'authorization-code', 'pkce', 'scopes', 'client']);
    return report();
  }
  const discovered = await fetchDiscovery(input.issuer);
  if ('failed' in discovered) {
    add('reachable', { outcome: 'failed', detail: discovered.failed });
    skipRest(['issuer', 'authorization-code', 'pkce', 'scopes', 'client']);
    return report();
  }
  add('reachable', { outcome: 'passed', detail: `Found the discovery document at ${discovered.at.href}.` });
  const issuer = issuerCheck(input.issuer, String(discovered.metadata.issuer));
  add('issuer', issuer);
  add('authorization-code', codeFlowCheck(discovered.metadata));
  add('pkce', pkceCheck(discovered.metadata));
  add('scopes', scopesCheck(discovered.metadata));

  if (input.secretProblem) {
    add('client', { outcome: 'failed', detail: input.secretProblem });
  } else if (!input.clientId || !input.clientSecret) {
    add('client', { outcome: 'skipped', detail: 'Give the client id and secret to check them too.' });
  } else if (issuer.outcome === 'failed') {
    add('client', { outcome: 'skipped', detail: 'Not checked: the issuer must be right first.' });
  } else {
    try {
      const configuration = await clients.discover(input.issuer, input.clientId, input.clientSecret);
      const tried = await clients.tryCredentials(configuration, options.redirectUri);
      if (tried.accepted === true)
        add('client', {
          outcome: 'passed',
          detail: 'The provider accepts the client id and secret (it refused a made-up code, as it should).',
        });
      else if (tried.accepted === false)
        add('client', {
          outcome: 'failed',
          detail: `The provider refuses the client id or secret (${tried.said}): copy them again from the provider.`,
        });
      else
        add('client', {
          outcome: 'warning',
          detail: `The client id and secret could not be confirmed: the token endpoint answered "${tried.said}".`,
        });
    } catch (error) {
      const said = (error as { said?: string }).said ?? String(error);
      add('client', {
        outcome: 'failed',
        detail: `The provider's configuration was refused by the sign-in library: ${said}`,
      });
    }
  }
  return report();
}
