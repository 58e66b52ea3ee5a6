import { Type, type Static } from 'typebox';
import { ANNOUNCEMENT_AUDIENCES, ANNOUNCEMENT_BODY_MAX, ANNOUNCEMENT_TITLE_MAX } from '../domain';
import { ByLanguage, Id, Instant, Nullable } from './common';

export const AnnouncementAudienceSchema = Type.Enum(ANNOUNCEMENT_AUDIENCES);

/** Something other than white space: a title or body of blanks says nothing. */
const NOT_BLANK = '\\S';
/** One line (it becomes the e-mail's subject) that is not blank. */
const ONE_LINE = '^[^\\r\\n]*\\S[^\\r\\n]*$';
/** One line, or nothing: a translation left empty is none. */
const ONE_LINE_OR_EMPTY = '^[^\\r\\n]*$';

const AudienceFields = {
  audience: AnnouncementAudienceSchema,
  /** Required with the `institution` audience, refused with the others. */
  institutionId: Type.Optional(Id),
};

const TranslatedWords = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: ANNOUNCEMENT_TITLE_MAX, pattern: ONE_LINE_OR_EMPTY })),
    body: Type.Optional(Type.String({ maxLength: ANNOUNCEMENT_BODY_MAX, description: 'Markdown, as the body' })),
  },
  { additionalProperties: false },
);

/**
 * The title and body in other languages, as the organiser gave them: each recipient reads their language's,
 * else the original (a title without a body translated reads with the original body, and the reverse).
 */
export const AnnouncementTranslations = ByLanguage(TranslatedWords);
export type AnnouncementTranslations = Static<typeof AnnouncementTranslations>;

export const CreateAnnouncement = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: ANNOUNCEMENT_TITLE_MAX, pattern: ONE_LINE }),
    body: Type.String({
      minLength: 1,
      maxLength: ANNOUNCEMENT_BODY_MAX,
      pattern: NOT_BLANK,
      description: 'Markdown: paragraphs, headings, lists, **strong**, *emphasis*, `code`, [links](https://…)',
    }),
    /** Trimmed; an empty text is no translation. */
    translations: Type.Optional(AnnouncementTranslations),
    ...AudienceFields,
  },
  { additionalProperties: false },
);
export type CreateAnnouncement = Static<typeof CreateAnnouncement>;

/** The audience alone, to ask how many registrants an announcement would reach. */
export const AnnouncementPreviewRequest = Type.Object(AudienceFields, { additionalProperties: false });
export type AnnouncementPreviewRequest = Static<typeof AnnouncementPreviewRequest>;

export const AnnouncementPreview = Type.Object({
  /** How many members would receive it now (seat holders matching the audience, active, each once). */
  recipients: Type.Integer({ minimum: 0 }),
});
export type AnnouncementPreview = Static<typeof AnnouncementPreview>;

export const Announcement = Type.Object({
  id: Id,
  summitId: Id,
  title: Type.String(),
  /** Markdown, as the organiser wrote it. */
  body: Type.String(),
  /** The languages it was also sent in: the texts given, trimmed ({} when none). */
  translations: AnnouncementTranslations,
  audience: AnnouncementAudienceSchema,
  /** The institution written to, with the `institution` audience; null otherwise. */
  institutionId: Nullable(Id),
  author: Type.Object({ id: Id, name: Type.String() }),
  /** How many members it was e-mailed to when it was sent. */
  recipientCount: Type.Integer({ minimum: 0 }),
  createdAt: Instant,
});
export type Announcement = Static<typeof Announcement>;

export const AnnouncementList = Type.Array(Announcement);
