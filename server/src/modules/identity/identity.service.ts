import type { Database } from '@apoc/db';
import {
  type ConnectionReport,
  type ConnectionTestRequest,
  type CreateIdentityProvider,
  type Disconnected,
  type IdentityProvider,
  type IdentityProviderList,
  type SsoDiscovery,
  type SsoProvider,
  type UpdateIdentityProvider,
} from '@apoc/shared';
import type { Config } from '../../config';
import { InvalidInput, NotFound } from '../../errors';
import { newId } from '../../ids';
import type { Audit } from '../audit/audit.plugin';
import type { AuthService } from '../auth/auth.service';
import type { MembersRepository, MemberWithZone } from '../members/members.repository';
import { testConnection } from './identity.connection';
import { EmailDomainTaken, SecretKeyMissing } from './identity.errors';
import type { OidcClients } from './identity.oidc';
import type { IdentityRepository, ProviderRow, ProviderUsage, ProviderWithDomains } from './identity.repository';
import { openClientSecret, SECRET_KEY_MISSING, type Sealer } from './identity.secrets';
import { domainOf, type ProviderSignIn } from './identity.sign-in';

type Viewer = Pick<MemberWithZone, 'id'>;

/** Connecting institutions' providers (admins), and which provider handles an address (everyone). */
export class IdentityService {
  readonly redirectUri: string;

  constructor(
    private readonly db: Database,
    readonly repository: IdentityRepository,
    private readonly members: MembersRepository,
    private readonly auth: AuthService,
    private readonly audit: Audit,
    private readonly clients: OidcClients,
    private readonly sealer: Sealer | null,
    /** Signing in through a provider: start and finish. */
    readonly signIn: ProviderSignIn,
    private readonly config: Config,
    private readonly clock: () => Date,
  ) {
    this.redirectUri = signIn.redirectUri;
  }

  // ----- What start-up says -----

  /** Warnings for the operator: providers whose client secret cannot be opened (no SECRET_KEY, or another one). */
  async startupWarnings(): Promise<string[]> {
    const providers = await this.repository.list();
    if (providers.length === 0) return [];
    if (!this.sealer)
      return [
        `${SECRET_KEY_MISSING}. ${providers.length} identity provider(s) are connected, and nobody can sign in through them until SECRET_KEY is set to the key they were stored with.`,
      ];
    return providers
      .filter((provider) => this.clientSecret(provider) === null)
      .map(
        (provider) =>
          `SECRET_KEY does not open the client secret of the identity provider "${provider.name}" (${provider.id}): was the key changed? Set the former key, or enter the client secret again.`,
      );
  }

  // ----- Admins: connecting providers -----

  private clientSecret(provider: ProviderRow): string | null {
    return openClientSecret(this.sealer, provider);
  }

  private toProvider(provider: ProviderWithDomains, usage: ProviderUsage | undefined): IdentityProvider {
    return {
      id: provider.id,
      institutionId: provider.institutionId,
      name: provider.name,
      issuer: provider.issuer,
      clientId: provider.clientId,
      domains: provider.domains,
      createMembers: provider.createMembers,
      mailLinkAllowed: provider.mailLinkAllowed,
      secretReadable: this.clientSecret(provider) !== null,
      linkedMembers: usage?.linkedMembers ?? 0,
      lastSignInAt: usage?.lastSignInAt?.toISOString() ?? null,
      createdAt: provider.createdAt.toISOString(),
      updatedAt: provider.updatedAt.toISOString(),
    };
  }

  async list(): Promise<IdentityProviderList> {
    const [providers, usage] = await Promise.all([this.repository.list(), this.repository.usage()]);
    return {
      redirectUri: this.redirectUri,
      secretKeySet: this.sealer !== null,
      providers: providers.map((provider) => this.toProvider(provider, usage.get(provider.id))),
    };
  }

  async get(id: string): Promise<IdentityProvider> {
    const provider = await this.repository.find(id);
    if (!provider) throw new NotFound('identity provider', id);
    return this.toProvider(provider, (await this.repository.usage()).get(id));
  }

  /** Checks what an admin gives; answers the institution named, and the domains cleaned (when given). */
  private async checkFields(
    fields: { institutionId?: string | undefined; issuer?: string | undefined; domains?: string[] | undefined },
    exceptId: string | null,
  ): Promise<{ institution: { name: string } | undefined; domains: string[] | undefined }> {
    const institution = fields.institutionId
      ? (await this.members.institutions()).find((i) => i.id === fields.institutionId)
      : undefined;
    if (fields.institutionId && !institution)
      throw new InvalidInput(`No institution has the id "${fields.institutionId}".`);
    if (fields.issuer?.startsWith('http:') && this.config.production)
      throw new InvalidInput('The issuer must be an https:// URL.');
    if (fields.issuer) {
      try {
        new URL(fields.issuer);
      } catch {
        throw new InvalidInput(`"${fields.issuer}" is not a URL.`);
      }
    }
    if (!fields.domains) return { institution, domains: undefined };
    const domains = [...new Set(fields.domains.map((domain) => domain.trim().toLowerCase()))];
    const taken = await this.repository.domainsTaken(domains, exceptId);
    if (taken.length > 0) {
      const owners = await this.repository.list();
      const named = taken.map(
        ({ domain, providerId }) => `${domain} (${owners.find((p) => p.id === providerId)?.name ?? providerId})`,
      );
      throw new EmailDomainTaken(
        `Each e-mail domain belongs to one provider; these belong to another already: ${named.join(', ')}.`,
      );
    }
    return { institution, domains };
  }

  async create(admin: Viewer, input: CreateIdentityProvider, address: string): Promise<IdentityProvider> {
    if (!this.sealer) throw new SecretKeyMissing();
    const sealer = this.sealer;
    const id = newId();
    const now = this.clock();
    await this.db.unit(async () => {
      const checked = await this.checkFields(input, null);
      const domains = checked.domains ?? [];
      await this.repository.create(
        id,
        {
          institutionId: input.institutionId,
          name: input.name?.trim() || checked.institution?.name || input.institutionId,
          issuer: input.issuer.trim(),
          clientId: input.clientId.trim(),
          clientSecret: sealer.seal('client-secret', input.clientSecret, id),
          createMembers: input.createMembers ?? false,
          mailLinkAllowed: input.mailLinkAllowed ?? true,
        },
        domains,
        now,
      );
      await this.audit.record({
        kind: 'identity-provider-connected',
        actorId: admin.id,
        address,
        detail: { provider: id, institution: input.institutionId, issuer: input.issuer, domains },
      });
    });
    return this.get(id);
  }

  async update(admin: Viewer, id: string, patch: UpdateIdentityProvider, address: string): Promise<IdentityProvider> {
    if (patch.clientSecret !== undefined && !this.sealer) throw new SecretKeyMissing();
    const now = this.clock();
    await this.db.unit(async () => {
      const provider = await this.repository.find(id);
      if (!provider) throw new NotFound('identity provider', id);
      const { domains } = await this.checkFields(patch, id);
      await this.repository.update(
        id,
        {
          ...(patch.institutionId ? { institutionId: patch.institutionId } : {}),
          ...(patch.name ? { name: patch.name.trim() } : {}),
          ...(patch.issuer ? { issuer: patch.issuer.trim() } : {}),
          ...(patch.clientId ? { clientId: patch.clientId.trim() } : {}),
          ...(patch.clientSecret && this.sealer
            ? { clientSecret: this.sealer.seal('client-secret', patch.clientSecret, id) }
            : {}),
          ...(patch.createMembers === undefined ? {} : { createMembers: patch.createMembers }),
          ...(patch.mailLinkAllowed === undefined ? {} : { mailLinkAllowed: patch.mailLinkAllowed }),
        },
        domains,
        now,
      );
      // A subject means something only at its issuer, and for some providers (Microsoft Entra ID) only for one
      // client: another issuer or client id makes every link meaningless, and people are matched by e-mail again.
      const elsewhere =
        (patch.issuer !== undefined && patch.issuer.trim() !== provider.issuer) ||
        (patch.clientId !== undefined && patch.clientId.trim() !== provider.clientId);
      const unlinked = elsewhere ? await this.repository.unlinkAll(id) : 0;
      await this.audit.record({
        kind: 'identity-provider-changed',
        actorId: admin.id,
        address,
        // The names of the fields changed, never the secret.
        detail: { provider: id, changed: Object.keys(patch).sort(), ...(unlinked ? { unlinked } : {}) },
      });
    });
    this.clients.forget(id);
    return this.get(id);
  }

  /** Disconnects a provider: every sign-in made through it ends, and its members' links are forgotten. */
  async disconnect(admin: Viewer, id: string, address: string): Promise<Disconnected> {
    const result = await this.db.unit(async () => {
      const provider = await this.repository.find(id);
      if (!provider) throw new NotFound('identity provider', id);
      const revoked = await this.auth.endProviderSignIns(id);
      const unlinked = await this.repository.delete(id);
      await this.audit.record({
        kind: 'identity-provider-disconnected',
        actorId: admin.id,
        address,
        detail: { provider: id, name: provider.name, revoked, unlinked },
      });
      return { revoked, unlinked };
    });
    this.clients.forget(id);
    return result;
  }

  /** Forgets a member's account at a provider: their next sign-in there is matched by e-mail again. */
  async unlink(admin: Viewer, id: string, memberId: string, address: string): Promise<void> {
    await this.db.unit(async () => {
      if (!(await this.repository.unlink(id, memberId)))
        throw new NotFound('account linked to this provider', memberId);
      await this.audit.record({
        kind: 'identity-provider-changed',
        actorId: admin.id,
        subjectId: memberId,
        address,
        detail: { provider: id, unlinked: memberId },
      });
    });
  }

  async test(id: string): Promise<ConnectionReport> {
    const provider = await this.repository.find(id);
    if (!provider) throw new NotFound('identity provider', id);
    const secret = this.clientSecret(provider);
    return testConnection(
      this.clients,
      {
        issuer: provider.issuer,
        clientId: provider.clientId,
        ...(secret === null
          ? {
              secretProblem: this.sealer
                ? 'The stored client secret cannot be opened with this SECRET_KEY (was the key changed?): enter the client secret again.'
                : `${SECRET_KEY_MISSING}.`,
            }
          : { clientSecret: secret }),
      },
      { redirectUri: this.redirectUri, allowHttp: !this.config.production },
    );
  }

  async testUnsaved(input: ConnectionTestRequest): Promise<ConnectionReport> {
    return testConnection(this.clients, input, { redirectUri: this.redirectUri, allowHttp: !this.config.production });
  }

  // ----- Everyone: which provider, and the mail link -----

  private static publicView(provider: ProviderRow): SsoProvider {
    return {
      id: provider.id,
      name: provider.name,
      institutionId: provider.institutionId,
      mailLink: provider.mailLinkAllowed,
    };
  }

  async providers(): Promise<SsoProvider[]> {
    return (await this.repository.list()).map((provider) => IdentityService.publicView(provider));
  }

  /** Which provider handles an address, by its domain alone: no member is looked up, so nothing about one is told. */
  async discover(email: string): Promise<SsoDiscovery> {
    const provider = await this.repository.findByDomain(domainOf(email));
    if (!provider) return { provider: null, mailLink: true };
    return { provider: IdentityService.publicView(provider), mailLink: provider.mailLinkAllowed };
  }

  /** The provider that keeps the mail link from this address, if its institution signs in only through it. */
  async mailLinkWithheld(email: string): Promise<{ providerId: string } | null> {
    const provider = await this.repository.findByDomain(domainOf(email));
    return provider && !provider.mailLinkAllowed ? { providerId: provider.id } : null;
  }
}
