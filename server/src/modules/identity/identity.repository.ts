import { and, count, eq, inArray, max, ne, sql } from 'drizzle-orm';
import { first, type Database, type tables } from '@apoc/db';
import { newId } from '../../ids';

export type ProviderRow = typeof tables.identityProviders.$inferSelect;
export type LinkedIdentityRow = typeof tables.linkedIdentities.$inferSelect;

export interface ProviderWithDomains extends ProviderRow {
  domains: string[];
}

export interface ProviderUsage {
  linkedMembers: number;
  lastSignInAt: Date | null;
}

export type ProviderFields = Omit<ProviderRow, 'id' | 'createdAt' | 'updatedAt'>;

/**
 * Identity providers, the e-mail domains they answer for, and members' accounts at them. Writes join the caller's
 * unit of work, or make one of their own.
 */
export class IdentityRepository {
  private readonly providerByDomain;

  constructor(private readonly db: Database) {
    const { identityProviders, identityProviderDomains } = db.tables;
    this.providerByDomain = db.prepare((q) =>
      q
        .select({ provider: identityProviders })
        .from(identityProviderDomains)
        .innerJoin(identityProviders, eq(identityProviders.id, identityProviderDomains.providerId))
        .where(eq(identityProviderDomains.domain, sql.placeholder('domain')))
        .prepare(),
    );
  }

  private get t() {
    return this.db.tables;
  }

  private async withDomains(rows: ProviderRow[]): Promise<ProviderWithDomains[]> {
    if (rows.length === 0) return [];
    const { identityProviderDomains } = this.t;
    const domains = await this.db.q
      .select()
      .from(identityProviderDomains)
      .where(
        inArray(
          identityProviderDomains.providerId,
          rows.map((row) => row.id),
        ),
      );
    return rows.map((row) => ({
      ...row,
      domains: domains
        .filter((domain) => domain.providerId === row.id)
        .map((domain) => domain.domain)
        .sort(),
    }));
  }

  async list(): Promise<ProviderWithDomains[]> {
    const { identityProviders } = this.t;
    return this.withDomains(await this.db.q.select().from(identityProviders).orderBy(identityProviders.name));
  }

  async find(id: string): Promise<ProviderWithDomains | undefined> {
    const { identityProviders } = this.t;
    const rows = await this.db.q.select().from(identityProviders).where(eq(identityProviders.id, id));
    return (await this.withDomains(rows))[0];
  }

  /** The provider that answers for an e-mail domain (lower case), if any. */
  async findByDomain(domain: string): Promise<ProviderRow | undefined> {
    return (await first(this.providerByDomain().execute({ domain })))?.provider;
  }

  /** Which of `domains` another provider than `exceptId` answers for already. */
  async domainsTaken(domains: string[], exceptId: string | null): Promise<{ domain: string; providerId: string }[]> {
    if (domains.length === 0) return [];
    const { identityProviderDomains } = this.t;
    return this.db.q
      .select()
      .from(identityProviderDomains)
      .where(
        and(
          inArray(identityProviderDomains.domain, domains),
          exceptId ? ne(identityProviderDomains.providerId, exceptId) : undefined,
        ),
      );
  }

  /** Linked members and the last sign-in through each provider. */
  async usage(): Promise<Map<string, ProviderUsage>> {
    const { linkedIdentities } = this.t;
    const rows = await this.db.q
      .select({ providerId: linkedIdentities.providerId, n: count(), last: max(linkedIdentities.lastSignInAt) })
      .from(linkedIdentities)
      .groupBy(linkedIdentities.providerId);
    return new Map(
      rows.map((row) => [row.providerId, { linkedMembers: Number(row.n), lastSignInAt: row.last ?? null }]),
    );
  }

  async create(id: string, fields: ProviderFields, domains: string[], now: Date): Promise<void> {
    const { identityProviders, identityProviderDomains } = this.t;
    await this.db.unit(async () => {
      await this.db.q.insert(identityProviders).values({ id, ...fields, createdAt: now, updatedAt: now });
      if (domains.length > 0)
        await this.db.q.insert(identityProviderDomains).values(domains.map((domain) => ({ domain, providerId: id })));
    });
  }

  async update(id: string, fields: Partial<ProviderFields>, domains: string[] | undefined, now: Date): Promise<void> {
    const { identityProviders, identityProviderDomains } = this.t;
    await this.db.unit(async () => {
      await this.db.q
        .update(identityProviders)
        .set({ ...fields, updatedAt: now })
        .where(eq(identityProviders.id, id));
      if (domains === undefined) return;
      await this.db.q.delete(identityProviderDomains).where(eq(identityProviderDomains.providerId, id));
      if (domains.length > 0)
        await this.db.q.insert(identityProviderDomains).values(domains.map((domain) => ({ domain, providerId: id })));
    });
  }

  /** Forgets every member's link to the provider; answers how many went. */
  async unlinkAll(id: string): Promise<number> {
    const { linkedIdentities } = this.t;
    const unlinked = await this.db.unit(() =>
      this.db.q
        .delete(linkedIdentities)
        .where(eq(linkedIdentities.providerId, id))
        .returning({ id: linkedIdentities.id }),
    );
    return unlinked.length;
  }

  /** Deletes the provider, its domains and its members' links; answers how many links went. */
  async delete(id: string): Promise<number> {
    const { identityProviders } = this.t;
    return this.db.unit(async () => {
      const unlinked = await this.unlinkAll(id);
      await this.db.q.delete(identityProviders).where(eq(identityProviders.id, id));
      return unlinked;
    });
  }

  async findLink(providerId: string, subject: string): Promise<LinkedIdentityRow | undefined> {
    const { linkedIdentities } = this.t;
    return first(
      this.db.q
        .select()
        .from(linkedIdentities)
        .where(and(eq(linkedIdentities.providerId, providerId), eq(linkedIdentities.subject, subject))),
    );
  }

  async findLinkOfMember(providerId: string, memberId: string): Promise<LinkedIdentityRow | undefined> {
    const { linkedIdentities } = this.t;
    return first(
      this.db.q
        .select()
        .from(linkedIdentities)
        .where(and(eq(linkedIdentities.providerId, providerId), eq(linkedIdentities.memberId, memberId))),
    );
  }

  async link(providerId: string, subject: string, memberId: string, now: Date): Promise<void> {
    const { linkedIdentities } = this.t;
    await this.db.unit(() =>
      this.db.q
        .insert(linkedIdentities)
        .values({ id: newId(), providerId, subject, memberId, createdAt: now, lastSignInAt: now }),
    );
  }

  async touchLink(id: string, now: Date): Promise<void> {
    const { linkedIdentities } = this.t;
    await this.db.unit(() =>
      this.db.q.update(linkedIdentities).set({ lastSignInAt: now }).where(eq(linkedIdentities.id, id)),
    );
  }

  async unlink(providerId: string, memberId: string): Promise<boolean> {
    const { linkedIdentities } = this.t;
    const removed = await this.db.unit(() =>
      this.db.q
        .delete(linkedIdentities)
        .where(and(eq(linkedIdentities.providerId, providerId), eq(linkedIdentities.memberId, memberId)))
        .returning({ id: linkedIdentities.id }),
    );
    return removed.length > 0;
  }
}
