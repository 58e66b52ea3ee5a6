import { Type, type Static } from 'typebox';
import { ATTENDANCE_MODES, REGISTRATION_AUDIT_ACTIONS, REGISTRATION_STATUSES } from '../domain';
import { Id, Instant, Nullable, Problem } from './common';

export const AttendanceModeSchema = Type.Enum(ATTENDANCE_MODES);
export const RegistrationStatusSchema = Type.Enum(REGISTRATION_STATUSES);

const Needs = Type.String({ maxLength: 1000 });

export const RegisterRequest = Type.Object(
  {
    mode: AttendanceModeSchema,
    dietaryNeeds: Type.Optional(Needs),
    accessibilityNeeds: Type.Optional(Needs),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'A note to the organisers' })),
    /** Whether other members may see my name on the summit's attendee list (organisers always see it). */
    listed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RegisterRequest = Static<typeof RegisterRequest>;

export const UpdateRegistration = Type.Object(
  {
    mode: Type.Optional(AttendanceModeSchema),
    dietaryNeeds: Type.Optional(Needs),
    accessibilityNeeds: Type.Optional(Needs),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    listed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateRegistration = Static<typeof UpdateRegistration>;

/** A registration as its member sees it. */
export const Registration = Type.Object({
  id: Id,
  summitId: Id,
  mode: AttendanceModeSchema,
  status: RegistrationStatusSchema,
  /** 1-based place in the waitlist of this mode, while waitlisted. */
  waitlistPosition: Type.Optional(Type.Integer()),
  offerExpiresAt: Nullable(Instant),
  dietaryNeeds: Type.String(),
  accessibilityNeeds: Type.String(),
  note: Type.String(),
  /** Whether other members see my name on the attendee list (always sent by the server). */
  listed: Type.Optional(Type.Boolean()),
  /** For in-person attendees holding a seat: the code their QR image carries. */
  checkInCode: Type.Optional(Type.String()),
  checkedInAt: Nullable(Instant),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Registration = Static<typeof Registration>;

export const RegistrationList = Type.Array(Registration);

/** A registration as organisers see it, with who registered. */
export const RegistrationRow = Type.Object({
  ...Registration.properties,
  memberId: Id,
  name: Type.String(),
  email: Type.String(),
  institutionId: Nullable(Id),
});
export type RegistrationRow = Static<typeof RegistrationRow>;

export const RegistrationCounts = Type.Object({
  byStatus: Type.Record(Type.String(), Type.Integer()),
  byMode: Type.Record(Type.String(), Type.Integer()),
  /** Seat-holding in-person registrations per institution ('guests' for people without one). */
  byInstitution: Type.Record(Type.String(), Type.Integer()),
  checkedIn: Type.Integer(),
  seats: Type.Object({
    inPerson: Nullable(Type.Integer()),
    virtual: Nullable(Type.Integer()),
    inPersonHeld: Type.Integer(),
    virtualHeld: Type.Integer(),
  }),
});
export type RegistrationCounts = Static<typeof RegistrationCounts>;

export const RegistrationOverview = Type.Object({
  counts: RegistrationCounts,
  registrations: Type.Array(RegistrationRow),
});
export type RegistrationOverview = Static<typeof RegistrationOverview>;

export const RegistrationQuery = Type.Object({
  status: Type.Optional(RegistrationStatusSchema),
  mode: Type.Optional(AttendanceModeSchema),
  institutionId: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export type RegistrationQuery = Static<typeof RegistrationQuery>;

/** `summitId` narrows "all my registrations" to one summit: an empty list, not a 404, before registering. */
export const MyRegistrationsQuery = Type.Object({ summitId: Type.Optional(Id) });
export type MyRegistrationsQuery = Static<typeof MyRegistrationsQuery>;

/** What an audit entry says beyond its action and statuses (RegistrationAuditDetail in the domain). */
export const RegistrationEventDetail = Type.Object({
  /** An offered seat's deadline. */
  until: Type.Optional(Instant),
  /** A change of attendance mode. */
  from: Type.Optional(Type.Enum(ATTENDANCE_MODES)),
  to: Type.Optional(Type.Enum(ATTENDANCE_MODES)),
  /** Why a registration ended (a rejection's reason, a declined or expired offer, an erasure). */
  reason: Type.Optional(Type.String()),
  /** An approval that found no seat free: the registration joined the waitlist. */
  waitlisted: Type.Optional(Type.Boolean()),
  /** A check-in at a session's room door: that session's title when it was scanned. */
  session: Type.Optional(Type.String()),
});

export const RegistrationEvent = Type.Object({
  registrationId: Id,
  memberName: Type.String(),
  action: Type.Enum(REGISTRATION_AUDIT_ACTIONS),
  fromStatus: Nullable(Type.Enum(REGISTRATION_STATUSES)),
  toStatus: Nullable(Type.Enum(REGISTRATION_STATUSES)),
  actorName: Nullable(Type.String()),
  detail: RegistrationEventDetail,
  at: Instant,
});
export type RegistrationEvent = Static<typeof RegistrationEvent>;

export const RegistrationAudit = Type.Array(RegistrationEvent);

export const Quotas = Type.Object(
  {
    /** Seats reserved per institution id. */
    quotas: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
    releaseAt: Nullable(Instant),
  },
  { additionalProperties: false },
);
export type Quotas = Static<typeof Quotas>;

export const CheckInRequest = Type.Object(
  {
    code: Type.String({ minLength: 4, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }),
    confirm: Type.Optional(
      Type.Boolean({
        description:
          'The organiser confirmed a check-in outside the window (the summit’s days and the evening before, from 16:00 in its zone; at a room door, from 30 minutes before its session until it ends)',
      }),
    ),
    sessionId: Type.Optional({
      ...Id,
      description:
        'A scan at this session’s room door (a scheduled session of the summit’s latest published agenda) rather than at the summit’s desk: it records the attendance of that session, and of its day if the desk has not yet',
    }),
  },
  { additionalProperties: false },
);
export type CheckInRequest = Static<typeof CheckInRequest>;

/** A badge scanned at a session's room door. */
export const DoorScan = Type.Object({
  sessionId: Id,
  title: Type.String(),
  /** When the badge was scanned at this door: now, or, when `alreadyScanned`, the first time. */
  scannedAt: Instant,
  /** True when this badge had already been scanned at this door: nothing new was recorded. */
  alreadyScanned: Type.Boolean(),
  scanned: Type.Integer({ description: 'How many badges have been scanned at this door' }),
});
export type DoorScan = Static<typeof DoorScan>;

/** `GET /api/summits/{id}/check-in/doors`: how many badges each room door has scanned, for a door's tablet reloaded. */
export const DoorCounts = Type.Object({
  doors: Type.Array(
    Type.Object({ sessionId: Id, scanned: Type.Integer({ description: 'Badges scanned at this door, each once' }) }),
  ),
});
export type DoorCounts = Static<typeof DoorCounts>;

export const CheckInResult = Type.Object({
  registration: RegistrationRow,
  /**
   * True when this scan recorded no arrival at the summit: the code had already been checked in that day (or, outside
   * the summit's days, at all); registration.checkedInAt says when first.
   */
  alreadyCheckedIn: Type.Boolean(),
  checkedIn: Type.Integer({ description: 'How many are checked in now' }),
  /** A scan at a session's room door (the request's `sessionId`): which session, and what the door recorded. */
  door: Type.Optional(DoorScan),
});
export type CheckInResult = Static<typeof CheckInResult>;

/** Why the desk is asked to confirm: the check-in window, and on which side of it the attempt fell. */
export const CheckInWindowSchema = Type.Object({
  timing: Type.Enum(['early', 'late']),
  opensAt: Instant,
  closesAt: Instant,
  timeZone: Type.String({ description: 'The summit’s zone, in which the window is set' }),
});
export type CheckInWindowInfo = Static<typeof CheckInWindowSchema>;

/**
 * A refused check-in. Outside the window (409) it carries `checkIn`, and the request may be sent again with
 * `confirm: true`; at a room door, the window is its session's (from 30 minutes before it starts until it ends). A
 * refused door scan carries `sessionId`: outside its window, or (400, 404) a session that has no door to scan at, being
 * cancelled or not in the summit's latest published agenda.
 */
export const CheckInProblem = Type.Object({
  ...Problem.properties,
  checkIn: Type.Optional(CheckInWindowSchema),
  sessionId: Type.Optional(Id),
});
export type CheckInProblem = Static<typeof CheckInProblem>;

export const RegistrationAction = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type RegistrationAction = Static<typeof RegistrationAction>;

/** Who comes to a summit: to members, those who agreed to be listed and how many others; to organisers, all. */
export const AttendeeList = Type.Object({
  attendees: Type.Array(
    Type.Object({
      name: Type.String(),
      institutionId: Nullable(Id),
      mode: AttendanceModeSchema,
      /** Organisers only: whether this person agreed to be listed to other members. */
      listed: Type.Optional(Type.Boolean()),
    }),
  ),
  /** People holding a place who chose not to be listed. */
  others: Type.Integer({ minimum: 0 }),
});
export type AttendeeList = Static<typeof AttendeeList>;
