import { Type, type Static } from 'typebox';
import { SECURITY_EVENT_KINDS } from '../domain';
import { Id, Instant, Nullable } from './common';

export const SecurityEventKindSchema = Type.Enum(SECURITY_EVENT_KINDS);

const Person = Type.Object({ id: Id, name: Type.String() });

/** One entry of the security audit trail, as admins read it. */
export const SecurityEvent = Type.Object({
  id: Id,
  kind: SecurityEventKindSchema,
  at: Instant,
  actor: Nullable(Person),
  subject: Nullable(Person),
  address: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type SecurityEvent = Static<typeof SecurityEvent>;

export const SecurityEventQuery = Type.Object({
  kind: Type.Optional(SecurityEventKindSchema),
  /** Events done by or concerning this member. */
  memberId: Type.Optional(Id),
  /** Older than this instant: the `nextBefore` of the previous page. */
  before: Type.Optional(Instant),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type SecurityEventQuery = Static<typeof SecurityEventQuery>;

export const SecurityEventPage = Type.Object({
  events: Type.Array(SecurityEvent),
  /** Pass as `before` for the next (older) page; null on the last one. */
  nextBefore: Nullable(Instant),
});
export type SecurityEventPage = Static<typeof SecurityEventPage>;
