import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DataExport, IdParams, localDate, Problem } from '@apoc/shared';
import { Type } from 'typebox';
import { requireRecentSignIn, signedInMember } from '../auth/auth.plugin';
import { Refusals } from '../../schemas';

/** GDPR: a member's export of their data, their erasure, and an admin's erasure of a member. */
const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const privacy = app.privacy;

  app.get(
    '/api/me/export',
    {
      schema: {
        tags: ['members'],
        summary: 'Everything held about the caller, as one JSON document (a download)',
        response: { 200: DataExport, ...Refusals, 429: Problem },
      },
      config: { access: 'member', rateLimit: { max: 10, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const member = signedInMember(request);
      const document = await privacy.export(member.id, request.ip);
      // The member's own date: at 08:00 in Seoul the UTC date is still yesterday's.
      const day = localDate(Date.parse(document.exportedAt), member.effectiveTimeZone);
      return reply.header('content-disposition', `attachment; filename="apoc-export-${day}.json"`).send(document);
    },
  );

  app.delete(
    '/api/me',
    {
      schema: {
        tags: ['members'],
        summary: 'Erase the caller: anonymised in place, registrations cancelled; needs a sign-in from the last hour',
        response: { 204: Type.Null(), ...Refusals },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      requireRecentSignIn(request, app.clock());
      const member = signedInMember(request);
      await privacy.erase(member.id, member.id, request.ip);
      app.setSessionCookie(reply, null);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/members/:id/erase',
    {
      schema: {
        tags: ['members'],
        summary: 'Erase a member (admins; needs a sign-in from the last hour)',
        params: IdParams,
        response: { 204: Type.Null(), ...Refusals },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      requireRecentSignIn(request, app.clock());
      await privacy.erase(request.params.id, signedInMember(request).id, request.ip);
      return reply.status(204).send(null);
    },
  );
};

export default privacyRoutes;
