import { Type, type Static } from 'typebox';
import { CONFLICT_KINDS } from '../agenda/conflicts';
import { LIVE_ROLES } from '../domain';
import { CreditHours } from './certificates';
import { Id, Instant, Nullable, Problem } from './common';
import {
  AgendaSession,
  SessionKindSchema,
  SessionPersonRoleSchema,
  SessionStatusSchema,
  SummitDetail,
  Track,
  Room,
} from './summits';

const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });

export const CreateTrack = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 80 }), color: Color, position: Type.Optional(Type.Integer()) },
  { additionalProperties: false },
);
export type CreateTrack = Static<typeof CreateTrack>;
export const UpdateTrack = Type.Object(
  { ...Type.Partial(CreateTrack).properties },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTrack = Static<typeof UpdateTrack>;

export const CreateRoom = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000 }))),
    position: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type CreateRoom = Static<typeof CreateRoom>;
export const UpdateRoom = Type.Object(
  { ...Type.Partial(CreateRoom).properties },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateRoom = Static<typeof UpdateRoom>;

export const SessionPersonInput = Type.Object(
  { memberId: Id, role: SessionPersonRoleSchema },
  { additionalProperties: false },
);

/** Only http and https: a join URL is opened by members' browsers. */
export const JoinUrl = Type.String({ maxLength: 2000, pattern: '^https?://[^\\s]+$' });

export const CreateSession = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    kind: SessionKindSchema,
    startsAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'ISO 8601 with an offset' }))),
    endsAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'ISO 8601 with an offset' }))),
    roomId: Type.Optional(Nullable(Id)),
    trackId: Type.Optional(Nullable(Id)),
    abstract: Type.Optional(Type.String({ maxLength: 10_000 })),
    seatLimit: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000 }))),
    joinUrl: Type.Optional(Nullable(JoinUrl)),
    recordingUrl: Type.Optional(Nullable(JoinUrl)),
    people: Type.Optional(Type.Array(SessionPersonInput, { maxItems: 50 })),
    /** CME/CPD credit hours (quarter hours); null for none. Breaks and networking earn none. */
    credits: Type.Optional(Nullable(CreditHours)),
  },
  { additionalProperties: false },
);
export type CreateSession = Static<typeof CreateSession>;

export const UpdateSession = Type.Object(
  { ...Type.Partial(CreateSession).properties, status: Type.Optional(SessionStatusSchema) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSession = Static<typeof UpdateSession>;

export const ConflictSchema = Type.Object({
  kind: Type.Enum(CONFLICT_KINDS),
  severity: Type.Enum(['error', 'warning']),
  sessionIds: Type.Array(Id),
  memberIds: Type.Array(Id),
  roomId: Type.Optional(Id),
  message: Type.String(),
});

/** What changed in one session between two published versions. */
export const SessionChange = Type.Object({
  sessionId: Id,
  title: Type.String(),
  changes: Type.Array(Type.Enum(['added', 'removed', 'cancelled', 'reinstated', 'time', 'room', 'people', 'details'])),
  before: Nullable(
    Type.Object({
      startsAt: Nullable(Instant),
      endsAt: Nullable(Instant),
      roomId: Nullable(Id),
      status: SessionStatusSchema,
    }),
  ),
  after: Nullable(
    Type.Object({
      startsAt: Nullable(Instant),
      endsAt: Nullable(Instant),
      roomId: Nullable(Id),
      status: SessionStatusSchema,
    }),
  ),
});
export type SessionChange = Static<typeof SessionChange>;

export const ScheduleVersion = Type.Object({
  number: Type.Integer(),
  comment: Type.String(),
  publishedAt: Instant,
  changes: Type.Array(SessionChange),
});
export type ScheduleVersion = Static<typeof ScheduleVersion>;

export const Changelog = Type.Object({
  summitId: Id,
  timeZone: Type.String(),
  rooms: Type.Array(Room),
  /** Newest first. */
  versions: Type.Array(ScheduleVersion),
});
export type Changelog = Static<typeof Changelog>;

export const PublishRequest = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type PublishRequest = Static<typeof PublishRequest>;

/** The organisers' view: the work in progress, its conflicts, and how it differs from what members see. */
export const DraftAgenda = Type.Object({
  ...SummitDetail.properties,
  conflicts: Type.Array(ConflictSchema),
  publishedVersion: Nullable(Type.Integer()),
  /** Changes not yet published, as they would appear in the changelog. */
  pendingChanges: Type.Array(SessionChange),
});
export type DraftAgenda = Static<typeof DraftAgenda>;

/** When and whether the caller may join a virtual or hybrid session. */
export const JoinInfo = Type.Object({
  /** The join URL is revealed from this moment (the summit's join window before the start)… */
  opensAt: Instant,
  /** …until the session ends. */
  closesAt: Instant,
  /** Registered online (or speaker, chair, organiser). */
  entitled: Type.Boolean(),
  /** Entitled and inside the window now. */
  open: Type.Boolean(),
  hasRecording: Type.Boolean(),
});
export type JoinInfo = Static<typeof JoinInfo>;

/** One session as its page shows it; `joinUrl` only for organisers (and, later, entitled attendees in the join window). */
/** A session's own page: the agenda's session, with its track, room, summit and the caller's join and live place. */
export const SessionDetail = Type.Object({
  ...AgendaSession.properties,
  track: Nullable(Track),
  room: Nullable(Room),
  summit: Type.Object({ id: Id, title: Type.String(), timeZone: Type.String(), format: Type.String() }),
  sequence: Type.Integer(),
  joinUrl: Type.Optional(Nullable(Type.String())),
  /** For virtual and hybrid summits: the join window and the caller's entitlement. */
  join: Type.Optional(JoinInfo),
  recordingUrl: Type.Optional(Nullable(Type.String())),
  /**
   * The caller's place in the live Q&A and polls (`GET /api/sessions/{id}/live`): absent for anonymous
   * callers, null for members who may not take part (not registered for the summit, or a cancelled session).
   */
  live: Type.Optional(Nullable(Type.Enum(LIVE_ROLES))),
});
export type SessionDetail = Static<typeof SessionDetail>;

export const PublishResult = Type.Object({ version: Type.Integer(), changes: Type.Array(SessionChange) });
export type PublishResult = Static<typeof PublishResult>;

export const PublishBlockedProblem = Type.Object({
  ...Problem.properties,
  conflicts: Type.Array(ConflictSchema),
});

export const ImportSessions = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      maxLength: 500_000,
      description:
        'CSV with a header row: title, kind, date (YYYY-MM-DD), start and end (HH:mm in the summit’s zone), track, room, abstract, speakers, chairs (e-mail addresses separated by ";")',
    }),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ImportSessions = Static<typeof ImportSessions>;

export const SessionImportReport = Type.Object({
  dryRun: Type.Boolean(),
  created: Type.Integer(),
  rejected: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      line: Type.Integer(),
      title: Type.String(),
      outcome: Type.Enum(['created', 'rejected']),
      reason: Type.Optional(Type.String()),
      sessionId: Type.Optional(Id),
    }),
  ),
});
export type SessionImportReport = Static<typeof SessionImportReport>;

export const JoinResult = Type.Object({ joinUrl: Type.String() });
export type JoinResult = Static<typeof JoinResult>;

export const AttendeeSchema = Type.Object({
  memberId: Id,
  name: Type.String(),
  institutionId: Nullable(Type.String()),
  joinedInWindow: Type.Boolean({ description: 'Clicked Join inside the join window' }),
  minutesPresent: Nullable(
    Type.Integer({
      minimum: 0,
      description:
        'Minutes in the live room while the session ran (tabs counted once); null when never in it (Join only: time on the video platform is not known)',
    }),
  ),
});
export type Attendee = Static<typeof AttendeeSchema>;

export const AttendanceReport = Type.Object({
  summitId: Id,
  sessions: Type.Array(
    Type.Object({
      sessionId: Id,
      title: Type.String(),
      startsAt: Nullable(Instant),
      endsAt: Nullable(Instant),
      attendees: Type.Integer({
        description:
          'Distinct members who clicked Join inside the join window or were in the live room while the session ran',
      }),
      byInstitution: Type.Record(Type.String(), Type.Integer()),
      people: Type.Array(AttendeeSchema, { description: 'Each attendee, by name' }),
    }),
  ),
});
export type AttendanceReport = Static<typeof AttendanceReport>;
