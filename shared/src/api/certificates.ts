import { Type, type Static } from 'typebox';
import { CalendarDate, Id, Instant, Nullable, TimeZone } from './common';
import { LANGUAGES } from '../domain';

// CME/CPD credits (issue 19): organisers accredit a summit and give sessions credit hours; attendance the
// platform verified (the desk's check-in per day, presence in the live room) earns them; a certificate states
// them and can be verified by its code.

/** Credit hours of a session: quarter hours, 0.25 to 12. */
export const CreditHours = Type.Number({ minimum: 0.25, maximum: 12, multipleOf: 0.25 });

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
    /** Certificates once the summit's last session has ended, or one per day after each day's last session. */
    issue: Type.Union([Type.Literal('end'), Type.Literal('daily')]),
    evaluation: EvaluationSettings,
  },
  { additionalProperties: false },
);
export type Accreditation = Static<typeof Accreditation>;

/** One session as a certificate states it. */
export const CertificateSession = Type.Object({
  sessionId: Id,
  title: Type.String(),
  startsAt: Instant,
  endsAt: Instant,
  credits: Type.Number(),
});
export type CertificateSession = Static<typeof CertificateSession>;

/** Everything a certificate states, frozen when it is issued. */
export const CertificateDocument = Type.Object({
  code: Type.String(),
  language: Type.Union(LANGUAGES.map((language) => Type.Literal(language))),
  name: Type.String(),
  institution: Nullable(Type.String()),
  summitTitle: Type.String(),
  summitTimeZone: TimeZone,
  startDate: CalendarDate,
  endDate: CalendarDate,
  /** For a certificate of one day. */
  day: Nullable(CalendarDate),
  venue: Nullable(Type.String()),
  sessions: Type.Array(CertificateSession),
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
