import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { institutions } from './institutions';
import { members } from './members';

/** An institution's OpenID Connect provider (issue 20): its people sign in there instead of (or beside) the mail link. */
export const identityProviders = sqliteTable(
  'identity_providers',
  {
    id: text('id').primaryKey(),
    institutionId: text('institution_id')
      .notNull()
      .references(() => institutions.id),
    /** Shown on the sign-in button: "Sign in with …". */
    name: text('name').notNull(),
    /** The issuer identifier, exactly as its discovery document states it. */
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    /**
     * The client secret, sealed with AES-256-GCM under a key derived from SECRET_KEY and bound to this row's id:
     * a copy of the database alone opens no provider.
     */
    clientSecret: text('client_secret').notNull(),
    /** Whether someone of its domains who is not a member yet becomes one of the institution on first sign-in. */
    createMembers: integer('create_members', { mode: 'boolean' }).notNull().default(false),
    /** Whether addresses of its domains may still sign in by mail link. */
    mailLinkAllowed: integer('mail_link_allowed', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('identity_providers_institution_idx').on(table.institutionId)],
);

/** The e-mail domains a provider answers for, in lower case; a domain belongs to one provider at most. */
export const identityProviderDomains = sqliteTable(
  'identity_provider_domains',
  {
    domain: text('domain').primaryKey(),
    providerId: text('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
  },
  (table) => [index('identity_provider_domains_provider_idx').on(table.providerId)],
);

/**
 * A member's account at a provider: the provider's subject (`sub`), matched at every sign-in after the first, so that
 * a changed e-mail address at the provider still signs the same member in. One account per member and provider.
 */
export const linkedIdentities = sqliteTable(
  'linked_identities',
  {
    id: text('id').primaryKey(),
    providerId: text('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSignInAt: integer('last_sign_in_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    uniqueIndex('linked_identities_subject_unique').on(table.providerId, table.subject),
    uniqueIndex('linked_identities_member_unique').on(table.providerId, table.memberId),
    index('linked_identities_member_idx').on(table.memberId),
  ],
);
