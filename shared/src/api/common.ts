import { Type, type Static, type TSchema } from 'typebox';
import { LANGUAGES, type Language } from '../domain';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

/** An instant, written in UTC (`2027-03-09T13:00:00.000Z`). */
export const Instant = Type.String({ format: 'date-time' });

/** A calendar date in some zone that travels beside it (`2027-03-09`). */
export const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** An IANA zone name; the server also checks that the time-zone database knows it. */
export const TimeZone = Type.String({ minLength: 1, maxLength: 64, examples: ['Asia/Seoul'] });

/** RFC 9457 problem details, the body of every error answer. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof Problem>;

/**
 * Texts organisers give in other languages (issue 18), one optional entry per language: each person reads their
 * language's, else what was written.
 */
export const ByLanguage = <T extends ReturnType<typeof Type.Object>>(entry: T) =>
  Type.Object(
    Object.fromEntries(LANGUAGES.map((language) => [language, Type.Optional(entry)])) as Record<
      Language,
      ReturnType<typeof Type.Optional<T>>
    >,
    { additionalProperties: false },
  );
