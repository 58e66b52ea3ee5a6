import { Type, type Static } from 'typebox';
import { LANGUAGES, MEMBER_ROLES, REMINDER_PREFERENCES } from '../domain';
import { Id, Instant, Nullable, TimeZone } from './common';

export const MemberRoleSchema = Type.Enum(MEMBER_ROLES);

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });

/** A member as the directory shows them; `email` only for organisers and admins. */
export const DirectoryMember = Type.Object({
  id: Id,
  name: Type.String(),
  role: MemberRoleSchema,
  institutionId: Nullable(Id),
  email: Type.Optional(Type.String()),
  active: Type.Optional(Type.Boolean()),
  /** Admins only: when the member last signed in (a link followed, or through their institution's provider), or null if never. */
  lastSignedInAt: Type.Optional(Nullable(Instant)),
});
export type DirectoryMember = Static<typeof DirectoryMember>;

export const MemberDirectory = Type.Array(DirectoryMember);

export const MemberQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description:
        'Part of a name, an institution’s name or its city; for organisers and admins also of an e-mail address',
    }),
  ),
  institutionId: Type.Optional(Id),
  includeInactive: Type.Optional(Type.Boolean({ description: 'Admins only' })),
});
export type MemberQuery = Static<typeof MemberQuery>;

/** Everything about one member, for themselves and for admins. */
export const Member = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: MemberRoleSchema,
  institutionId: Nullable(Id),
  /** The zone the member chose, or null for "my institution's". */
  timeZone: Nullable(TimeZone),
  /** The zone in which the member sees times: their choice, else their institution's, else UTC. */
  effectiveTimeZone: TimeZone,
  /** Reminder e-mails 15 minutes before sessions: starred ones, all of my summits', or none. */
  reminders: Type.Enum(REMINDER_PREFERENCES),
  /** The language the member chose, or null for "my browser's". */
  language: Nullable(Type.Enum(LANGUAGES)),
  active: Type.Boolean(),
  createdAt: Instant,
});
export type Member = Static<typeof Member>;

const Name = Type.String({ minLength: 1, maxLength: 120 });

export const CreateMember = Type.Object(
  {
    email: Email,
    name: Name,
    role: MemberRoleSchema,
    institutionId: Type.Optional(Nullable(Id)),
    timeZone: Type.Optional(Nullable(TimeZone)),
  },
  { additionalProperties: false },
);
export type CreateMember = Static<typeof CreateMember>;

export const UpdateMember = Type.Object(
  {
    name: Type.Optional(Name),
    /** A new address (409 if another member has it); sign-in links mailed to the old one stop working. */
    email: Type.Optional(Email),
    role: Type.Optional(MemberRoleSchema),
    institutionId: Type.Optional(Nullable(Id)),
    timeZone: Type.Optional(Nullable(TimeZone)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMember = Static<typeof UpdateMember>;

export const UpdateProfile = Type.Object(
  {
    name: Type.Optional(Name),
    timeZone: Type.Optional(Nullable(TimeZone)),
    reminders: Type.Optional(Type.Enum(REMINDER_PREFERENCES)),
    /** en, fr, de, es or ko; null goes back to the browser's language. */
    language: Type.Optional(Nullable(Type.Enum(LANGUAGES))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProfile = Static<typeof UpdateProfile>;

export const ImportMembers = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      maxLength: 200_000,
      description: 'CSV with a header row: name, email, institution (id, name or short name; empty for guests), role',
    }),
    dryRun: Type.Optional(Type.Boolean({ description: 'Report what would happen without changing anything' })),
  },
  { additionalProperties: false },
);
export type ImportMembers = Static<typeof ImportMembers>;

export const ImportRow = Type.Object({
  /** Line number in the CSV, the header being line 1. */
  line: Type.Integer(),
  email: Type.String(),
  outcome: Type.Enum(['created', 'updated', 'unchanged', 'rejected']),
  reason: Type.Optional(Type.String()),
  memberId: Type.Optional(Id),
});
export type ImportRow = Static<typeof ImportRow>;

export const ImportReport = Type.Object({
  dryRun: Type.Boolean(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  rows: Type.Array(ImportRow),
});
export type ImportReport = Static<typeof ImportReport>;

/** Deactivates, at once, the members nobody has seen for `days` days (leavers whose provider no longer signs them in). */
export const DeactivateInactive = Type.Object(
  {
    /** Not signed in for this many days (never signed in: created this many days ago). */
    days: Type.Integer({ minimum: 1, maximum: 3650 }),
    /** Report who would be deactivated without changing anything. */
    dryRun: Type.Optional(Type.Boolean()),
    /** Only members of this institution. */
    institutionId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type DeactivateInactive = Static<typeof DeactivateInactive>;

export const InactiveMember = Type.Object({
  id: Id,
  name: Type.String(),
  email: Type.String(),
  role: MemberRoleSchema,
  institutionId: Nullable(Id),
  lastSignedInAt: Nullable(Instant),
  createdAt: Instant,
});
export type InactiveMember = Static<typeof InactiveMember>;

export const DeactivationReport = Type.Object({
  dryRun: Type.Boolean(),
  days: Type.Integer(),
  /** Members last seen before this instant were (or would be) deactivated. */
  before: Instant,
  count: Type.Integer(),
  /** Longest unseen first. */
  members: Type.Array(InactiveMember),
});
export type DeactivationReport = Static<typeof DeactivationReport>;
