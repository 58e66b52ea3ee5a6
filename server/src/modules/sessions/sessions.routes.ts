import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Problem, SessionDetail } from '@apoc/shared';

const sessionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'One session as published (organisers: as being edited, with its join URL)',
        params: IdParams,
        response: { 200: SessionDetail, 400: Problem, 403: Problem, 404: Problem },
      },
      config: { access: 'public' },
    },
    async (request) => app.sessions.detail(request.params.id, request.member),
  );
};

export default sessionsRoutes;
