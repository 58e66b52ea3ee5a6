import { timingSafeEqual } from 'node:crypto';
import type { Database } from '@apoc/db';
import type { FastifyBaseLogger } from 'fastify';
import { SSO_PROBLEM_PAGE, type SsoFailure } from '@apoc/shared';
import type { Config } from '../../config';
import type { Audit } from '../audit/audit.plugin';
import type { AuthService } from '../auth/auth.service';
import type { MembersRepository, MemberWithZone } from '../members/members.repository';
import { SignInFailed } from './identity.errors';
import { ProtocolFailure, type IdentityClaims, type OidcClients } from './identity.oidc';
import type { IdentityRepository, ProviderRow, ProviderWithDomains } from './identity.repository';
import { openClientSecret, SECRET_KEY_MISSING, type Sealer } from './identity.secrets';

/** How long a sign-in started at a provider may take before its answer is refused. */
export const SIGN_IN_ATTEMPT_MS = 10 * 60_000;

/** What the browser keeps (sealed, in a short-lived cookie) between leaving for the provider and coming back. */
interface SignInAttempt {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  expiresAt: number;
}

/** The context an attempt is sealed for: it opens as nothing else. */
const ATTEMPT_CONTEXT = 'sign-in attempt';

/**
 * How many sign-ins one browser may have under way at once: tabs restored after a session ended each start one, and
 * each must finish (the cookie stays well under the 4 KB browsers keep).
 */
const ATTEMPTS_KEPT = 3;

/** The domain of an e-mail address, in lower case. */
export function domainOf(email: string): string {
  return email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
}

/** What a provider or the library said, fit for the audit trail: e-mail addresses masked, kept short. */
function fitForTrail(said: string): string {
  return said.replace(/[^\s@"'<>]+@[^\s@"'<>]+/g, '[address]').slice(0, 300);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Where a failed sign-in lands: the page that says what happened and offers the mail link where allowed. */
export function problemPage(reason: SsoFailure, providerId: string | null): string {
  const query = new URLSearchParams({ reason, ...(providerId ? { provider: providerId } : {}) });
  return `${SSO_PROBLEM_PAGE}?${query.toString()}`;
}

/**
 * Signing in through an institution's provider: the member the provider vouches for gets the same kind of sign-in as
 * one who followed a mail link. Every failure ends on the problem page, with a reason, and in the audit trail.
 */
export class ProviderSignIn {
  readonly redirectUri: string;

  constructor(
    private readonly db: Database,
    private readonly repository: IdentityRepository,
    private readonly members: MembersRepository,
    private readonly auth: AuthService,
    private readonly audit: Audit,
    private readonly clients: OidcClients,
    private readonly sealer: Sealer | null,
    config: Config,
    private readonly clock: () => Date,
    private readonly log: FastifyBaseLogger,
  ) {
    this.redirectUri = new URL('/api/auth/sso/callback', config.publicUrl).href;
  }

  private async configurationOf(provider: ProviderRow) {
    if (!this.sealer) throw new SignInFailed('misconfigured', provider.id, null, SECRET_KEY_MISSING);
    const secret = openClientSecret(this.sealer, provider);
    if (secret === null)
      throw new SignInFailed('misconfigured', provider.id, null, 'SECRET_KEY does not open the client secret');
    try {
      return await this.clients.configuration({
        id: provider.id,
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: secret,
        version: provider.updatedAt.getTime(),
      });
    } catch (error) {
      throw this.protocolFailure(error, provider.id);
    }
  }

  private protocolFailure(error: unknown, providerId: string): SignInFailed {
    if (error instanceof ProtocolFailure) return new SignInFailed(error.reason, providerId, null, error.said);
    throw error;
  }

  /**
   * Starts a sign-in at a provider: where to send the browser, and the attempt it keeps until it comes back (sealed:
   * the browser can neither read nor change it). A failure sends the browser to the problem page instead.
   */
  async start(
    providerId: string,
    query: { email?: string | undefined; returnTo?: string | undefined },
    sealedAttempts: string | undefined,
    address: string,
  ): Promise<{ location: string; attempts: string | null }> {
    try {
      const provider = await this.repository.find(providerId);
      if (!provider) throw new SignInFailed('unknown-provider', null);
      const configuration = await this.configurationOf(provider);
      const email = query.email?.trim();
      const hint = email && email.includes('@') && provider.domains.includes(domainOf(email)) ? email : null;
      const request = await this.clients
        .authorizationRequest(configuration, this.redirectUri, hint)
        .catch((error: unknown) => {
          throw this.protocolFailure(error, provider.id);
        });
      const attempt: SignInAttempt = {
        providerId: provider.id,
        state: request.state,
        nonce: request.nonce,
        codeVerifier: request.codeVerifier,
        returnTo: query.returnTo ?? '/',
        expiresAt: this.clock().getTime() + SIGN_IN_ATTEMPT_MS,
      };
      // The sign-ins this browser has under way in other tabs stay, the oldest beyond ATTEMPTS_KEPT dropped.
      const kept = [...this.readAttempts(sealedAttempts), attempt].slice(-ATTEMPTS_KEPT);
      return { location: request.url.href, attempts: this.sealAttempts(kept) };
    } catch (error) {
      return {
        location: await this.failed(error, address),
        attempts: this.sealAttempts(this.readAttempts(sealedAttempts)),
      };
    }
  }

  private sealAttempts(attempts: SignInAttempt[]): string | null {
    if (attempts.length === 0 || !this.sealer) return null;
    return this.sealer.seal('sign-in-attempt', JSON.stringify(attempts), ATTEMPT_CONTEXT);
  }

  /** The browser's sign-ins under way that have not expired, oldest first (none when the cookie does not open). */
  private readAttempts(sealed: string | undefined): SignInAttempt[] {
    if (!sealed || !this.sealer) return [];
    const opened = this.sealer.open('sign-in-attempt', sealed, ATTEMPT_CONTEXT);
    if (!opened) return [];
    try {
      const parsed = JSON.parse(opened) as SignInAttempt[] | SignInAttempt;
      // A cookie of the version before several attempts held one attempt, not a list.
      const attempts = Array.isArray(parsed) ? parsed : [parsed];
      return attempts.filter((attempt) => attempt.expiresAt > this.clock().getTime());
    } catch {
      return [];
    }
  }

  /**
   * Finishes a sign-in when the browser comes back from the provider: checks that the answer belongs to the attempt
   * this browser started, lets openid-client redeem and check it, and matches (or creates) the member. Answers where
   * to send the browser, with the new sign-in's secret for the session cookie when it succeeded.
   */
  async finish(
    query: { state?: string | undefined },
    rawQuery: string,
    sealedAttempts: string | undefined,
    device: string,
    address: string,
  ): Promise<{
    location: string;
    session: { secret: string; expiresAt: Date } | null;
    /** The browser's other sign-ins under way, sealed again (null: none left, the cookie goes). */
    attempts: string | null;
  }> {
    const attempts = this.readAttempts(sealedAttempts);
    // Used or not, an attempt serves once; the others wait for their own tabs.
    const { state } = query;
    const attempt = state ? attempts.find((candidate) => sameText(state, candidate.state)) : undefined;
    const others = this.sealAttempts(attempts.filter((candidate) => candidate !== attempt));
    try {
      const latest = attempts.at(-1);
      if (!latest) throw new SignInFailed('expired', null);
      if (!attempt) throw new SignInFailed('state-mismatch', latest.providerId);
      const provider = await this.repository.find(attempt.providerId);
      if (!provider) throw new SignInFailed('unknown-provider', null);
      const configuration = await this.configurationOf(provider);
      const callback = new URL(this.redirectUri);
      callback.search = rawQuery;
      const claims = await this.clients.redeem(configuration, callback, attempt).catch((error: unknown) => {
        throw this.protocolFailure(error, provider.id);
      });
      const session = await this.signInVouched(provider, claims, device, address);
      return { location: attempt.returnTo, session, attempts: others };
    } catch (error) {
      return { location: await this.failed(error, address), session: null, attempts: others };
    }
  }

  /** The member the provider vouches for: by its subject once linked, else by a verified address of its domains. */
  private async signInVouched(provider: ProviderWithDomains, claims: IdentityClaims, device: string, address: string) {
    const now = this.clock();
    const fail = (reason: SsoFailure, memberId: string | null = null) =>
      new SignInFailed(reason, provider.id, memberId);
    return this.db.unit(async () => {
      const link = await this.repository.findLink(provider.id, claims.subject);
      let member: MemberWithZone | undefined;
      if (link) {
        // Linked: the subject decides, whatever address the provider gives now (it may have changed).
        member = await this.members.findById(link.memberId);
        if (!member?.active) throw fail('deactivated', link.memberId);
        await this.repository.touchLink(link.id, now);
      } else {
        if (!claims.email) throw fail('email-missing');
        if (!claims.emailVerified) throw fail('email-unverified');
        // A provider speaks for its institution's domains only: an address elsewhere could be anyone's.
        if (!provider.domains.includes(domainOf(claims.email))) throw fail('domain-not-owned');
        member = await this.members.findByEmail(claims.email);
        if (member) {
          if (!member.active) throw fail('deactivated', member.id);
          // Another account of this provider signed this member in before (an address given to someone new?).
          if (await this.repository.findLinkOfMember(provider.id, member.id)) throw fail('account-conflict', member.id);
        } else {
          if (!provider.createMembers) throw fail('not-a-member');
          member = await this.createMember(provider, claims.email, claims.name, address, now);
        }
        await this.repository.link(provider.id, claims.subject, member.id, now);
      }
      const session = await this.auth.startSession(member, { device, address, providerId: provider.id }, now);
      return { secret: session.secret, expiresAt: session.expiresAt };
    });
  }

  private async createMember(
    provider: ProviderRow,
    email: string,
    name: string | null,
    address: string,
    now: Date,
  ): Promise<MemberWithZone> {
    const id = await this.members.create(
      {
        email,
        name: (name ?? email.slice(0, email.lastIndexOf('@'))).slice(0, 120),
        role: 'member',
        institutionId: provider.institutionId,
        timeZone: null,
      },
      now,
    );
    await this.audit.record({
      kind: 'member-created',
      subjectId: id,
      address,
      detail: { role: 'member', provider: provider.id },
    });
    const member = await this.members.findById(id);
    if (!member) throw new Error('the member just created cannot be read');
    return member;
  }

  /** Records a failed sign-in and answers the problem page to send the browser to. */
  private async failed(error: unknown, address: string): Promise<string> {
    let failure: SignInFailed;
    if (error instanceof SignInFailed) failure = error;
    else {
      this.log.error({ err: error }, 'a sign-in with an identity provider failed unexpectedly');
      failure = new SignInFailed('internal', null);
    }
    const said = failure.said ? fitForTrail(failure.said) : null;
    this.log.info({ reason: failure.reason, provider: failure.providerId, said }, 'sign-in with a provider refused');
    await this.audit.record({
      kind: 'sign-in-failed',
      subjectId: failure.memberId,
      address,
      detail: {
        reason: failure.reason,
        ...(failure.providerId ? { provider: failure.providerId } : {}),
        ...(said ? { said } : {}),
      },
    });
    return problemPage(failure.reason, failure.providerId);
  }
}
