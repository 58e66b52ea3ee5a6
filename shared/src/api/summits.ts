import { Type, type Static } from 'typebox';
import { SESSION_KINDS, SESSION_PERSON_ROLES, SESSION_STATUSES, SUMMIT_FORMATS, SUMMIT_STATUSES } from '../domain';
import { Accreditation, CreditHours } from './certificates';
import { ByLanguage, CalendarDate, Id, Instant, Nullable, TimeZone } from './common';

export const SummitFormatSchema = Type.Enum(SUMMIT_FORMATS);
export const SummitStatusSchema = Type.Enum(SUMMIT_STATUSES);
export const SessionKindSchema = Type.Enum(SESSION_KINDS);
export const SessionStatusSchema = Type.Enum(SESSION_STATUSES);
export const SessionPersonRoleSchema = Type.Enum(SESSION_PERSON_ROLES);

export const Venue = Type.Object({
  name: Type.String(),
  address: Nullable(Type.String()),
  city: Nullable(Type.String()),
});
export type Venue = Static<typeof Venue>;

export const Track = Type.Object({
  id: Id,
  name: Type.String(),
  color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
});
export type Track = Static<typeof Track>;

export const Room = Type.Object({
  id: Id,
  name: Type.String(),
  capacity: Nullable(Type.Integer()),
});
export type Room = Static<typeof Room>;

export const SessionPerson = Type.Object({
  memberId: Id,
  name: Type.String(),
  role: SessionPersonRoleSchema,
  institutionId: Nullable(Id),
});
export type SessionPerson = Static<typeof SessionPerson>;

/** A session as the public agenda shows it: never its join URL. */
export const AgendaSession = Type.Object({
  id: Id,
  summitId: Id,
  title: Type.String(),
  abstract: Type.String(),
  kind: SessionKindSchema,
  status: SessionStatusSchema,
  startsAt: Nullable(Instant),
  endsAt: Nullable(Instant),
  roomId: Nullable(Id),
  trackId: Nullable(Id),
  seatLimit: Nullable(Type.Integer()),
  /** CME/CPD credit hours of an accredited session; absent when it earns none (and in versions published before). */
  credits: Type.Optional(CreditHours),
  people: Type.Array(SessionPerson),
});
export type AgendaSession = Static<typeof AgendaSession>;

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 20_000 });
/** A translation left empty is none: the original shows. */
const TranslatedTitle = Type.String({ maxLength: 200 });

/** A summit's title in other languages: what lists show. */
export const TitleTranslations = ByLanguage(
  Type.Object({ title: Type.Optional(TranslatedTitle) }, { additionalProperties: false }),
);
export type TitleTranslations = Static<typeof TitleTranslations>;

/** A summit's title and description in other languages (Markdown, as written); session titles stay as written. */
export const SummitTranslations = ByLanguage(
  Type.Object(
    { title: Type.Optional(TranslatedTitle), description: Type.Optional(Description) },
    { additionalProperties: false },
  ),
);
export type SummitTranslations = Static<typeof SummitTranslations>;

export const SummitSummary = Type.Object({
  id: Id,
  title: Type.String(),
  edition: Nullable(Type.String()),
  format: SummitFormatSchema,
  status: SummitStatusSchema,
  timeZone: TimeZone,
  startDate: CalendarDate,
  endDate: CalendarDate,
  /** The instants at which the summit's first day starts and its last day ends, in its zone. */
  startsAt: Instant,
  endsAt: Instant,
  /**
   * When the summit actually happens: the first scheduled (not cancelled) session's start and the last
   * one's end, in the published agenda (a draft's work in progress for organisers); null while no
   * session is scheduled (then `startsAt`/`endsAt` are the best known bounds).
   */
  firstSessionStartsAt: Nullable(Instant),
  lastSessionEndsAt: Nullable(Instant),
  venue: Nullable(Venue),
  hostInstitutionId: Nullable(Id),
  seats: Type.Object({ inPerson: Nullable(Type.Integer()), virtual: Nullable(Type.Integer()) }),
  sessionCount: Type.Integer(),
  trackIds: Type.Array(Id),
  registration: Type.Object({
    /** When registration opens and closes (by default: from publication to the end of the last day). */
    opensAt: Nullable(Instant),
    closesAt: Instant,
    requiresApproval: Type.Boolean(),
  }),
  translations: TitleTranslations,
});
export type SummitSummary = Static<typeof SummitSummary>;

export const SummitList = Type.Array(SummitSummary);
export type SummitList = Static<typeof SummitList>;

export const SummitDetail = Type.Object({
  ...SummitSummary.properties,
  description: Type.String({ description: 'Markdown' }),
  translations: SummitTranslations,
  /** The summit's CME/CPD accreditation; null when it is not accredited. */
  accreditation: Nullable(Accreditation),
  tracks: Type.Array(Track),
  rooms: Type.Array(Room),
  sessions: Type.Array(AgendaSession),
});
export type SummitDetail = Static<typeof SummitDetail>;

const Seats = Type.Integer({ minimum: 0, maximum: 100_000 });

export const VenueInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    city: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);

export const CreateSummit = Type.Object(
  {
    title: Title,
    format: SummitFormatSchema,
    timeZone: TimeZone,
    startDate: CalendarDate,
    endDate: CalendarDate,
    edition: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    description: Type.Optional(Description),
    /** Replaces the summit's translations as a whole; an empty text is no translation. */
    translations: Type.Optional(SummitTranslations),
    seats: Type.Optional(
      Type.Object(
        { inPerson: Type.Optional(Nullable(Seats)), virtual: Type.Optional(Nullable(Seats)) },
        { additionalProperties: false },
      ),
    ),
    venue: Type.Optional(Nullable(VenueInput)),
    hostInstitutionId: Type.Optional(Nullable(Id)),
    registrationOpensAt: Type.Optional(Nullable(Instant)),
    registrationClosesAt: Type.Optional(Nullable(Instant)),
    requiresApproval: Type.Optional(Type.Boolean()),
    offerWindowHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 336 })),
    joinWindowMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    streamUrl: Type.Optional(Nullable(Type.String({ maxLength: 2000, pattern: '^https?://[^\\s]+$' }))),
  },
  { additionalProperties: false },
);
export type CreateSummit = Static<typeof CreateSummit>;

export const UpdateSummit = Type.Object(
  {
    ...Type.Partial(CreateSummit).properties,
    status: Type.Optional(SummitStatusSchema),
    /** Accredits the summit (replacing its accreditation as a whole), or withdraws it with null. */
    accreditation: Type.Optional(Nullable(Accreditation)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSummit = Static<typeof UpdateSummit>;

/** "Plan the next edition": the skeleton copied to new dates, in the other format by default. */
export const NextEdition = Type.Object(
  {
    startDate: CalendarDate,
    title: Type.Optional(Title),
    edition: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    format: Type.Optional(SummitFormatSchema),
    timeZone: Type.Optional(TimeZone),
  },
  { additionalProperties: false },
);
export type NextEdition = Static<typeof NextEdition>;
