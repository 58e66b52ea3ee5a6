import { Type, type Static } from 'typebox';
import { FEED_SCOPES } from '../domain';

/** A member's personal calendar feed: its secret URL and subscribe links for the common applications. */
export const CalendarFeed = Type.Object({
  url: Type.String({ description: 'The secret https URL of my feed' }),
  webcalUrl: Type.String({ description: 'The same, for "subscribe" in Apple Calendar and Outlook' }),
  googleUrl: Type.String(),
  outlookUrl: Type.String(),
  scope: Type.Enum(FEED_SCOPES),
});
export type CalendarFeed = Static<typeof CalendarFeed>;

export const UpdateCalendarFeed = Type.Object({ scope: Type.Enum(FEED_SCOPES) }, { additionalProperties: false });
export type UpdateCalendarFeed = Static<typeof UpdateCalendarFeed>;
