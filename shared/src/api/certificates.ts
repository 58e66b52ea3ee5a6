import { Type, type Static } from 'typebox';
import { CalendarDate, Id, Instant, Nullable, TimeZone } from './common';
import { LANGUAGES } from '../domain';
import { AttendanceModeSchema } from './registrations';

// CME/CPD credits (issue 19): organisers accredit a summit and give sessions credit hours; attendance the
// platform verified (the desk's check-in per day, presence in the live room) earns them; a certificate states
// them and can be verified by its code.

/** Credit hours of a session: quarter hours, 0.25 to 12. */
export const CreditHours = Type.Number({ minimum: 0.25, maximum: 12, multipleOf: 0.25 });

/** Certificates once the summit's last session has ended ('end'), or one per day after each day's last session. */
export const CertificateIssue = Type.Union([Type.Literal('end'), Type.Literal('daily')]);
export type CertificateIssue = Static<typeof CertificateIssue>;

/** The evaluation attendees fill before their certificate when the accreditation requires it. */
export const EvaluationSettings = Type.Object(
  {
    required: Type.Boolean(),
    /** Questions rated 1–5, in order; the form always ends with a free comment. */
    questions: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 12 }),
  },
  { additionalProperties: false },
);
export type EvaluationSettings = Static<typeof EvaluationSettings>;

/** A summit's accreditation, as organisers set it. */
export const Accreditation = Type.Object(
  {
    /** The accrediting body's wording, printed as given ("The APoC Summit is accredited by the EACCME® …"). */
    statement: Type.String({ minLength: 1, maxLength: 2000 }),
    /** What the credits are called on the certificate ("AMA PRA Category 1 Credits™", "ECMEC®s"). */
    creditName: Type.String({ minLength: 1, maxLength: 120 }),
    signatoryName: Type.String({ minLength: 1, maxLength: 200 }),
    signatoryTitle: Type.String({ maxLength: 200 }),
    /** The attendance rule: a session's credits are earned from this share of its duration (live room). */
    minimumPercent: Type.Integer({ minimum: 1, maximum: 100 }),
    issue: CertificateIssue,
    evaluation: EvaluationSettings,
  },
  { additionalProperties: false },
);
export type Accreditation = Static<typeof Accreditation>;

/** An accredited session, as a certificate states it and the credits list it: its times and credit hours. */
export const CreditedSession = Type.Object({
  sessionId: Id,
  title: Type.String(),
  startsAt: Instant,
  endsAt: Instant,
  credits: Type.Number(),
});
export type CreditedSession = Static<typeof CreditedSession>;

/** Everything a certificate states, frozen when it is issued. */
export const CertificateDocument = Type.Object({
  code: Type.String(),
  language: Type.Enum(LANGUAGES),
  name: Type.String(),
  institution: Nullable(Type.String()),
  summitTitle: Type.String(),
  summitTimeZone: TimeZone,
  startDate: CalendarDate,
  endDate: CalendarDate,
  /** For a certificate of one day. */
  day: Nullable(CalendarDate),
  venue: Nullable(Type.String()),
  sessions: Type.Array(CreditedSession),
  totalCredits: Type.Number(),
  creditName: Type.String(),
  statement: Type.String(),
  signatoryName: Type.String(),
  signatoryTitle: Type.String(),
  issuedAt: Instant,
  /** The public page that verifies the code (printed with its QR code). */
  verifyUrl: Type.String(),
});
export type CertificateDocument = Static<typeof CertificateDocument>;

export const CertificateStatus = Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('replaced')]);
export type CertificateStatus = Static<typeof CertificateStatus>;

/** `GET /api/certificates/{code}`: what a licensing body may check. */
export const CertificateVerification = Type.Object({
  valid: Type.Boolean(),
  status: CertificateStatus,
  name: Type.String(),
  summit: Type.String(),
  hours: Type.Number(),
  creditName: Type.String(),
  issuedAt: Instant,
  day: Nullable(CalendarDate),
  startDate: CalendarDate,
  endDate: CalendarDate,
  revokedAt: Nullable(Instant),
  /** The code of the certificate that replaced this one. */
  replacedBy: Nullable(Type.String()),
});
export type CertificateVerification = Static<typeof CertificateVerification>;

export const CertificateCodeParams = Type.Object({
  code: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }),
});
export type CertificateCodeParams = Static<typeof CertificateCodeParams>;

/** `?day=YYYY-MM-DD`: the day of a certificate, for summits that issue one per day. */
export const CertificateDayQuery = Type.Object({ day: Type.Optional(CalendarDate) }, { additionalProperties: false });
export type CertificateDayQuery = Static<typeof CertificateDayQuery>;

/** `POST /api/certificates/{code}/revoke`: why it was issued in error, kept with it. */
export const RevokeCertificate = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type RevokeCertificate = Static<typeof RevokeCertificate>;

export const ReissueParams = Type.Object({ id: Id, memberId: Id });
export type ReissueParams = Static<typeof ReissueParams>;

/** A certificate as its owner lists it. */
export const IssuedCertificate = Type.Object({
  code: Type.String(),
  day: Nullable(CalendarDate),
  hours: Type.Number(),
  issuedAt: Instant,
});
export type IssuedCertificate = Static<typeof IssuedCertificate>;

/** What a member did of one accredited session, and whether it earned its credits. */
export const SessionAttended = Type.Object({
  sessionId: Id,
  /** Whole minutes in the live room while it ran; null when the member never was in it. */
  minutesPresent: Nullable(Type.Integer()),
  /** Checked in at the desk (in person) on the session's day. */
  checkedIn: Type.Boolean(),
  earned: Type.Boolean(),
});
export type SessionAttended = Static<typeof SessionAttended>;

/** One accredited session and what the member did of it. */
export const MySessionCredits = Type.Object({ ...CreditedSession.properties, ...SessionAttended.properties });
export type MySessionCredits = Static<typeof MySessionCredits>;

/** For summits that issue a certificate per day: each day with accredited sessions. */
export const MyCreditDay = Type.Object({
  day: CalendarDate,
  earnedCredits: Type.Number(),
  /** When that day's last accredited session ends. */
  availableAt: Instant,
});
export type MyCreditDay = Static<typeof MyCreditDay>;

/**
 * `GET /api/summits/{id}/credits/me`: the caller's credits at a summit. Before an accreditation (`accredited`
 * false) the lists are empty and the accreditation's fields null.
 */
export const MyCredits = Type.Object({
  accredited: Type.Boolean(),
  creditName: Nullable(Type.String()),
  minimumPercent: Nullable(Type.Integer()),
  issue: Nullable(CertificateIssue),
  sessions: Type.Array(MySessionCredits),
  /** Hours earned at the whole summit. */
  earnedCredits: Type.Number(),
  evaluation: Type.Object({ required: Type.Boolean(), submitted: Type.Boolean() }),
  /**
   * When the certificate can be downloaded: after the last accredited session ('end'), or after the first
   * day's ('daily', see `days`); null while no accredited session is scheduled.
   */
  availableAt: Nullable(Instant),
  /** Per day ('daily'); empty for summits that issue one certificate at the end. */
  days: Type.Array(MyCreditDay),
  /** The caller's valid certificates. */
  certificates: Type.Array(IssuedCertificate),
});
export type MyCredits = Static<typeof MyCredits>;

const Rating = Type.Integer({ minimum: 1, maximum: 5 });

/** `PUT /api/summits/{id}/evaluation`: one rating per question, in order, the attended sessions rated, a comment. */
export const EvaluationAnswer = Type.Object(
  {
    ratings: Type.Array(Rating, { maxItems: 12 }),
    sessionRatings: Type.Record(Id, Rating),
    comment: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type EvaluationAnswer = Static<typeof EvaluationAnswer>;

/** `GET /api/summits/{id}/evaluation`: the form the caller fills, and their answer once submitted. */
export const EvaluationForm = Type.Object({
  required: Type.Boolean(),
  questions: Type.Array(Type.String()),
  /** The accredited sessions the caller attended, to rate. */
  sessions: Type.Array(Type.Object({ sessionId: Id, title: Type.String() })),
  submitted: Nullable(
    Type.Object({
      ratings: Type.Array(Type.Integer()),
      sessionRatings: Type.Record(Type.String(), Type.Integer()),
      comment: Type.String(),
      submittedAt: Instant,
    }),
  ),
  /** When the form opens: the summit's first session's start (null while none is scheduled). */
  opensAt: Nullable(Instant),
});
export type EvaluationForm = Static<typeof EvaluationForm>;

/** `GET /api/summits/{id}/evaluation/results`: the answers aggregated, never with names. */
export const EvaluationResults = Type.Object({
  responses: Type.Integer(),
  questions: Type.Array(
    Type.Object({
      text: Type.String(),
      responses: Type.Integer(),
      average: Nullable(Type.Number()),
      /** How many rated 1, 2, 3, 4 and 5. */
      counts: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
    }),
  ),
  sessions: Type.Array(
    Type.Object({ sessionId: Id, title: Type.String(), responses: Type.Integer(), average: Nullable(Type.Number()) }),
  ),
  /** The comments that are not empty, in an order that says nothing of who wrote them or when. */
  comments: Type.Array(Type.String()),
});
export type EvaluationResults = Static<typeof EvaluationResults>;

/** `GET /api/summits/{id}/credits`: who earned how many hours, for organisers. */
export const CreditsReport = Type.Object({
  summitId: Id,
  creditName: Type.String(),
  sessions: Type.Array(CreditedSession),
  /** Members registered (confirmed), and anyone else whose attendance was recorded (speakers, chairs). */
  rows: Type.Array(
    Type.Object({
      memberId: Id,
      name: Type.String(),
      institution: Nullable(Type.String()),
      /** Null for someone who attended without a registration (a speaker). */
      mode: Nullable(AttendanceModeSchema),
      earnedCredits: Type.Number(),
      sessions: Type.Array(SessionAttended),
      evaluationSubmitted: Type.Boolean(),
      /** Their latest certificate (for summits that issue per day, the latest day's). */
      certificate: Nullable(Type.Object({ code: Type.String(), status: CertificateStatus, issuedAt: Instant })),
    }),
  ),
});
export type CreditsReport = Static<typeof CreditsReport>;
