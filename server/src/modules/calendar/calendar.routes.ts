import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CalendarFeed, IdParams, Problem, UpdateCalendarFeed } from '@apoc/shared';
import { Type } from 'typebox';
import { holds } from '../../answers';
import { signedInMember } from '../auth/auth.plugin';
import type { Feed } from './calendar.service';

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';
const SUMMIT_FEED_CACHING = 'public, max-age=300';

/** RFC 9110 conditional GET: a matching ETag, or no change since the date the client has. */
function notModified(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  if (request.headers['if-none-match'] !== undefined) return holds(request, etag);
  const since = request.headers['if-modified-since'];
  return since !== undefined && Math.floor(lastModified.getTime() / 1000) <= Math.floor(Date.parse(since) / 1000);
}

function validators(reply: FastifyReply, etag: string, lastModified: Date, cacheControl: string): FastifyReply {
  return reply
    .header('etag', etag)
    .header('last-modified', lastModified.toUTCString())
    .header('cache-control', cacheControl);
}

function sendFeed(request: FastifyRequest, reply: FastifyReply, feed: Feed, cacheControl: string, filename: string) {
  validators(reply, feed.etag, feed.lastModified, cacheControl);
  if (notModified(request, feed.etag, feed.lastModified)) return reply.status(304).send();
  return reply.type(CALENDAR_TYPE).header('content-disposition', `inline; filename="${filename}"`).send(feed.body);
}

const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const calendar = app.calendar;
  const ics = {
    200: Type.String({ description: 'text/calendar' }),
    304: Type.Null(),
    400: Problem,
    404: Problem,
    429: Problem,
  };

  app.get(
    '/api/summits/:id/calendar.ics',
    {
      schema: {
        tags: ['calendar'],
        summary: "A published summit's agenda as an iCalendar feed",
        params: IdParams,
        produces: ['text/calendar'],
        response: ics,
      },
      config: { access: 'public', rateLimit: { max: 600, timeWindow: 60_000 } },
      // Calendar applications poll this feed, mostly to hear that it has not changed. That answer is
      // given first, from the latest version's id held in memory, before validation.
      onRequest: async (request, reply) => {
        const current = await calendar.summitEtag(request.params.id);
        if (current && notModified(request, current.etag, current.lastModified)) {
          return validators(reply, current.etag, current.lastModified, SUMMIT_FEED_CACHING).status(304).send();
        }
      },
    },
    async (request, reply) => {
      const feed = await calendar.summitFeed(request.params.id);
      return sendFeed(request, reply, feed, SUMMIT_FEED_CACHING, `summit-${request.params.id}.ics`);
    },
  );

  app.get(
    '/api/sessions/:id/calendar.ics',
    {
      schema: {
        tags: ['calendar'],
        summary: 'One published session as an iCalendar file',
        params: IdParams,
        produces: ['text/calendar'],
        response: ics,
      },
      config: { access: 'public', rateLimit: { max: 600, timeWindow: 60_000 } },
    },
    async (request, reply) =>
      sendFeed(
        request,
        reply,
        await calendar.sessionFeed(request.params.id),
        'public, max-age=300',
        `session-${request.params.id}.ics`,
      ),
  );

  app.get(
    '/api/calendar/:token.ics',
    {
      schema: {
        tags: ['calendar'],
        summary: 'A member’s personal iCalendar feed (the URL is the secret)',
        params: Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,100}$' }) }),
        produces: ['text/calendar'],
        response: ics,
      },
      // Calendar servers (Google's, Microsoft's) fetch many people's feeds from few addresses: limited per feed.
      config: {
        access: 'public',
        rateLimit: {
          max: 60,
          timeWindow: 60_000,
          keyGenerator: (request) => `feed:${(request.params as { token?: string }).token ?? request.ip}`,
        },
      },
    },
    async (request, reply) => {
      const feed = await calendar.personalFeed(request.params.token);
      // Personal: never stored by shared caches (proxies, CDNs), only by the member's own client.
      return sendFeed(request, reply, feed, 'private, max-age=300', 'apoc-summits.ics');
    },
  );

  app.get(
    '/api/me/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Whether I have a personal feed and what it holds (its address is shown once, when made)',
        response: { 200: CalendarFeed, 401: Problem },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return calendar.myFeed(signedInMember(request).id);
    },
  );

  app.post(
    '/api/me/calendar/token',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Make my secret feed URL, shown this once with subscribe links (an earlier one stops working)',
        response: { 200: CalendarFeed, 401: Problem, 403: Problem },
      },
      config: { access: 'member' },
    },
    async (request) => calendar.regenerate(signedInMember(request).id),
  );

  app.patch(
    '/api/me/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Choose what my feed holds: my summits’ whole agendas, or only starred sessions',
        body: UpdateCalendarFeed,
        response: { 200: CalendarFeed, 400: Problem, 401: Problem, 403: Problem },
      },
      config: { access: 'member' },
    },
    async (request) => calendar.setScope(signedInMember(request).id, request.body.scope),
  );
};

export default calendarRoutes;
