import { Type, type Static } from 'typebox';
import { OUTBOX_STATUSES } from '../domain';
import { Id, Instant, Nullable } from './common';

export const OutboxStatusSchema = Type.Enum(OUTBOX_STATUSES);

/** An outbox message as admins see it: no body, since sign-in links are secrets. */
export const OutboxMessage = Type.Object({
  id: Id,
  kind: Type.String(),
  recipient: Type.String(),
  subject: Type.String(),
  status: OutboxStatusSchema,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Instant),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(Instant),
  createdAt: Instant,
});
export type OutboxMessage = Static<typeof OutboxMessage>;

export const OutboxQuery = Type.Object({
  status: Type.Optional(OutboxStatusSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
export type OutboxQuery = Static<typeof OutboxQuery>;

export const OutboxPage = Type.Object({
  counts: Type.Object({
    queued: Type.Integer(),
    sending: Type.Integer(),
    sent: Type.Integer(),
    failed: Type.Integer(),
  }),
  messages: Type.Array(OutboxMessage),
  /** Whether SMTP_URL is set. Without it nothing is sent: mail is kept in the outbox (and the dev mailbox). */
  mailServerConfigured: Type.Boolean(),
});
export type OutboxPage = Static<typeof OutboxPage>;

/** A message in the development mailbox, body included (development only). */
export const MailboxMessage = Type.Object({
  id: Id,
  kind: Type.String(),
  recipient: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
  status: OutboxStatusSchema,
  createdAt: Instant,
});
export type MailboxMessage = Static<typeof MailboxMessage>;

export const Mailbox = Type.Array(MailboxMessage);
