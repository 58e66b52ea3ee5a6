import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { identityProviders } from './identity';
import { members } from './members';

/** Single-use sign-in links. Only a hash of the token is kept, so a copy of the database signs no one in. */
export const signInTokens = sqliteTable(
  'sign_in_tokens',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    /** Where the member was going, a path of this site. */
    next: text('next'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    /** Set when a newer link was asked for, or the member signed out everywhere: the link no longer works. */
    voidedAt: integer('voided_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('sign_in_tokens_member_idx').on(table.memberId)],
);

/** A signed-in browser: the server side of the session cookie, which carries a secret whose hash is kept here. */
export const signIns = sqliteTable(
  'sign_ins',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    secretHash: text('secret_hash').notNull().unique(),
    /** A description of the browser for the member's list of sign-ins ("Chrome on macOS"). */
    device: text('device').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    /** The identity provider the member signed in through; null for a mail link. Disconnecting it ends the sign-in. */
    providerId: text('provider_id').references(() => identityProviders.id, { onDelete: 'set null' }),
  },
  (table) => [index('sign_ins_member_idx').on(table.memberId), index('sign_ins_provider_idx').on(table.providerId)],
);
