import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, SecurityEventPage, SecurityEventQuery } from '@apoc/shared';

/** The security audit trail, for admins: newest first, by kind and by member, a page at a time. */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/security-events',
    {
      schema: {
        tags: ['members'],
        summary: 'The security audit trail: sign-ins and failures, role changes, erasures, imports, … (admins)',
        querystring: SecurityEventQuery,
        response: { 200: SecurityEventPage, 400: Problem, 401: Problem, 403: Problem },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const rows = await app.audit.repository.list({
        ...(request.query.kind ? { kind: request.query.kind } : {}),
        ...(request.query.memberId ? { memberId: request.query.memberId } : {}),
        ...(request.query.before ? { before: new Date(request.query.before) } : {}),
        limit,
      });
      const events = rows.map(({ event, actorName, subjectName }) => ({
        id: event.id,
        kind: event.kind,
        at: event.at.toISOString(),
        actor: event.actorId ? { id: event.actorId, name: actorName ?? '' } : null,
        subject: event.subjectId ? { id: event.subjectId, name: subjectName ?? '' } : null,
        address: event.address,
        detail: JSON.parse(event.detail) as Record<string, unknown>,
      }));
      const last = events.at(-1);
      return { events, nextBefore: events.length === limit && last ? last.at : null };
    },
  );
};

export default auditRoutes;
