import { Type, type Static } from 'typebox';
import { Id, Instant, Nullable } from './common';
import { NextPath } from './auth';
import { Email } from './members';

// Signing in with an institution's OpenID Connect provider (issue 20), and the admins' connection of providers.
//
// The browser's part of a sign-in is two navigations, not JSON calls:
//   GET /api/auth/sso/{providerId}/start?email=&returnTo=   → 302 to the provider
//   GET /api/auth/sso/callback?code=&state=…                → 302 to returnTo, signed in,
//                                                             or to /sign-in/problem?reason=<SsoFailure>&provider=<id>
// (SSO_FAILURES and SSO_PROBLEM_PAGE are in ../domain.ts, which the web app imports without TypeBox).

/** An e-mail domain such as `dfci.harvard.edu` (kept in lower case): exactly this domain, not its subdomains. */
export const EmailDomain = Type.String({
  minLength: 3,
  maxLength: 253,
  pattern: '^([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]$',
});

/** An issuer's URL (its discovery document is at `{issuer}/.well-known/openid-configuration`). */
export const IssuerUrl = Type.String({ minLength: 8, maxLength: 500, pattern: '^https?://[^\\s?#]+$' });

const ClientId = Type.String({ minLength: 1, maxLength: 500 });
const ClientSecret = Type.String({ minLength: 1, maxLength: 2000 });
const ProviderName = Type.String({ minLength: 1, maxLength: 120 });
const Domains = Type.Array(EmailDomain, { maxItems: 50, uniqueItems: true });

/** A connected provider as the public sign-in page shows it: "Sign in with Asan Medical Center". */
export const SsoProvider = Type.Object({
  id: Id,
  name: Type.String(),
  institutionId: Id,
  /** Whether people of this institution may still sign in by mail link (the problem page offers it or not). */
  mailLink: Type.Boolean(),
});
export type SsoProvider = Static<typeof SsoProvider>;

export const SsoProviderList = Type.Array(SsoProvider);

export const SsoDiscoverRequest = Type.Object({ email: Email }, { additionalProperties: false });
export type SsoDiscoverRequest = Static<typeof SsoDiscoverRequest>;

/**
 * Which provider handles an address, by its domain alone: the same shape for any address, member or not. `provider`
 * null: no provider, sign in by mail link. `mailLink` false: only the provider (the mail link sends nothing).
 */
export const SsoDiscovery = Type.Object({ provider: Nullable(SsoProvider), mailLink: Type.Boolean() });
export type SsoDiscovery = Static<typeof SsoDiscovery>;

export const ProviderMemberParams = Type.Object({ id: Id, memberId: Id });
export type ProviderMemberParams = Static<typeof ProviderMemberParams>;

export const SsoStartParams = Type.Object({ providerId: Id });
export type SsoStartParams = Static<typeof SsoStartParams>;

export const SsoStartQuery = Type.Object({
  /** Passed on as the provider's `login_hint` when its domain is the provider's; ignored otherwise. */
  email: Type.Optional(Type.String({ maxLength: 254 })),
  /** A path of this site to land on once signed in (default `/`). */
  returnTo: Type.Optional(NextPath),
});
export type SsoStartQuery = Static<typeof SsoStartQuery>;

/** The provider's answer (RFC 6749 §4.1.2, RFC 9207): providers may add parameters of their own. */
export const SsoCallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4096 })),
    state: Type.Optional(Type.String({ maxLength: 512 })),
    iss: Type.Optional(Type.String({ maxLength: 500 })),
    error: Type.Optional(Type.String({ maxLength: 200 })),
    error_description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: true },
);
export type SsoCallbackQuery = Static<typeof SsoCallbackQuery>;

/** A provider as admins manage it. The client secret never leaves the server. */
export const IdentityProvider = Type.Object({
  id: Id,
  institutionId: Id,
  /** Shown on the sign-in button: "Sign in with {name}". */
  name: Type.String(),
  issuer: Type.String(),
  clientId: Type.String(),
  /** The e-mail domains of the institution: their addresses sign in here, and only here are they matched. */
  domains: Type.Array(Type.String()),
  /** Whether someone of these domains who is not a member yet becomes a member of the institution on first sign-in. */
  createMembers: Type.Boolean(),
  /** Whether addresses of these domains may still sign in by mail link. */
  mailLinkAllowed: Type.Boolean(),
  /** False when SECRET_KEY is unset or is not the key the client secret was stored with: sign-in cannot work. */
  secretReadable: Type.Boolean(),
  /** How many members have signed in with this provider (and are linked to it). */
  linkedMembers: Type.Integer(),
  lastSignInAt: Nullable(Instant),
  createdAt: Instant,
  updatedAt: Instant,
});
export type IdentityProvider = Static<typeof IdentityProvider>;

export const IdentityProviderList = Type.Object({
  /** The redirect URI to register at every provider: `{PUBLIC_URL}/api/auth/sso/callback`. */
  redirectUri: Type.String(),
  /** False: SECRET_KEY is not set, so no provider can be connected (or used) yet. */
  secretKeySet: Type.Boolean(),
  providers: Type.Array(IdentityProvider),
});
export type IdentityProviderList = Static<typeof IdentityProviderList>;

export const CreateIdentityProvider = Type.Object(
  {
    institutionId: Id,
    /** Defaults to the institution's name. */
    name: Type.Optional(ProviderName),
    issuer: IssuerUrl,
    clientId: ClientId,
    clientSecret: ClientSecret,
    domains: Domains,
    /** Default false: people must exist as members already. */
    createMembers: Type.Optional(Type.Boolean()),
    /** Default true. */
    mailLinkAllowed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateIdentityProvider = Static<typeof CreateIdentityProvider>;

/**
 * Any of the fields; `clientSecret` replaces the stored one (leave it out to keep it). Another `issuer` or `clientId`
 * forgets every member's link to the provider: subjects mean something only there, so people are matched by e-mail
 * again at their next sign-in.
 */
export const UpdateIdentityProvider = Type.Object(
  {
    institutionId: Type.Optional(Id),
    name: Type.Optional(ProviderName),
    issuer: Type.Optional(IssuerUrl),
    clientId: Type.Optional(ClientId),
    clientSecret: Type.Optional(ClientSecret),
    domains: Type.Optional(Domains),
    createMembers: Type.Optional(Type.Boolean()),
    mailLinkAllowed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateIdentityProvider = Static<typeof UpdateIdentityProvider>;

/** What to test before saving: the issuer alone, or with the client's credentials. */
export const ConnectionTestRequest = Type.Object(
  { issuer: IssuerUrl, clientId: Type.Optional(ClientId), clientSecret: Type.Optional(ClientSecret) },
  { additionalProperties: false },
);
export type ConnectionTestRequest = Static<typeof ConnectionTestRequest>;

export const CONNECTION_CHECKS = ['reachable', 'issuer', 'authorization-code', 'pkce', 'scopes', 'client'] as const;
export type ConnectionCheckName = (typeof CONNECTION_CHECKS)[number];

export const ConnectionCheck = Type.Object({
  check: Type.Enum(CONNECTION_CHECKS),
  /** `warning`: sign-in may still work; `failed`: it cannot; `skipped`: an earlier check failed, or no credentials. */
  outcome: Type.Enum(['passed', 'warning', 'failed', 'skipped']),
  /** What was found, in plain words. */
  detail: Type.String(),
});
export type ConnectionCheck = Static<typeof ConnectionCheck>;

export const ConnectionReport = Type.Object({
  /** True when no check failed. */
  ok: Type.Boolean(),
  /** One sentence: all is well, or the first thing that is wrong. */
  summary: Type.String(),
  checks: Type.Array(ConnectionCheck),
  /** The redirect URI the provider must accept. */
  redirectUri: Type.String(),
});
export type ConnectionReport = Static<typeof ConnectionReport>;

export const Disconnected = Type.Object({
  /** How many sign-ins (browsers) made through the provider ended. */
  revoked: Type.Integer(),
  /** How many members' links to the provider were forgotten. */
  unlinked: Type.Integer(),
});
export type Disconnected = Static<typeof Disconnected>;
