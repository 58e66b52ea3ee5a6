import { Type, type Static } from 'typebox';
import { FEED_SCOPES } from '../domain';

/** A member's personal calendar feed: its secret URL and subscribe links for the common applications. */
/**
 * My personal feed. Only a hash of its secret is stored, so its address (`url` and the subscribe links) comes
 * once, in the answer of `POST /api/me/calendar/token` that makes it; afterwards `exists` says there is one.
 */
export const CalendarFeed = Type.Object({
  exists: Type.Boolean({ description: 'Whether I have a feed address (made earlier)' }),
  url: Type.Optional(Type.String({ description: 'The secret https URL of my feed: only when just made' })),
  webcalUrl: Type.Optional(Type.String({ description: 'The same, for "subscribe" in Apple Calendar and Outlook' })),
  googleUrl: Type.Optional(Type.String()),
  outlookUrl: Type.Optional(Type.String()),
  scope: Type.Enum(FEED_SCOPES),
});
export type CalendarFeed = Static<typeof CalendarFeed>;

export const UpdateCalendarFeed = Type.Object({ scope: Type.Enum(FEED_SCOPES) }, { additionalProperties: false });
export type UpdateCalendarFeed = Static<typeof UpdateCalendarFeed>;
