import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { SECURITY_EVENT_KINDS } from '@apoc/shared';
import { members } from './members';

/**
 * The security audit trail, readable by admins: sign-ins and failures, role changes, deactivations,
 * erasures, imports, outbox retries. Rows outlive an erasure: the member row they point at is then a
 * pseudonym ("Former member …"), so the trail stays whole without keeping the person.
 */
export const securityEvents = sqliteTable(
  'security_events',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: SECURITY_EVENT_KINDS }).notNull(),
    /** Who acted: null for the platform itself or an anonymous caller. */
    actorId: text('actor_id').references(() => members.id, { onDelete: 'set null' }),
    /** Whom it concerns, when a member. */
    subjectId: text('subject_id').references(() => members.id, { onDelete: 'set null' }),
    /** The client address (behind TRUST_PROXY, the real one); null when not from a request. */
    address: text('address'),
    /** JSON object with what else matters (old and new role, counts); never secrets or e-mail addresses. */
    detail: text('detail').notNull().default('{}'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    index('security_events_at_idx').on(table.at),
    index('security_events_subject_idx').on(table.subjectId, table.at),
  ],
);
