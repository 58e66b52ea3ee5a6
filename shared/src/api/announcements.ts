import { Type, type Static } from 'typebox';
import { ANNOUNCEMENT_AUDIENCES, ANNOUNCEMENT_BODY_MAX, ANNOUNCEMENT_TITLE_MAX } from '../domain';
import { Id, Instant, Nullable } from './common';

export const AnnouncementAudienceSchema = Type.Enum(ANNOUNCEMENT_AUDIENCES);

/** Something other than white space: a title or body of blanks says nothing. */
const NOT_BLANK = '\\S';
/** One line (it becomes the e-mail's subject) that is not blank. */
const ONE_LINE = '^[^\\r\\n]*\\S[^\\r\\n]*$';

const AudienceFields = {
  audience: AnnouncementAudienceSchema,
  /** Required with the `institution` audience, refused with the others. */
  institutionId: Type.Optional(Id),
};

export const CreateAnnouncement = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: ANNOUNCEMENT_TITLE_MAX, pattern: ONE_LINE }),
    body: Type.String({
      minLength: 1,
      maxLength: ANNOUNCEMENT_BODY_MAX,
      pattern: NOT_BLANK,
      description: 'Markdown: paragraphs, headings, lists, **strong**, *emphasis*, `code`, [links](https://…)',
    }),
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
