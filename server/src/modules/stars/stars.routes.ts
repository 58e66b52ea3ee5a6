import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Problem } from '@apoc/shared';
import { Type } from 'typebox';
import { Failures, NoContent } from '../../schemas';
import { signedInMember } from '../auth/auth.plugin';

const starsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/sessions/:id/star',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Star a session: it joins my agenda (422 for a break, which is not starrable)',
        params: IdParams,
        response: { ...NoContent, ...Failures, 422: Problem },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      await app.stars.star(signedInMember(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/api/sessions/:id/star',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Unstar a session',
        params: IdParams,
        response: { ...NoContent, ...Failures },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      await app.stars.unstar(signedInMember(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/me/stars',
    {
      schema: {
        tags: ['agenda'],
        summary: 'The sessions I starred',
        response: { 200: Type.Array(Type.String()), 401: Problem },
      },
      config: { access: 'member' },
    },
    async (request) => app.stars.starred(signedInMember(request).id),
  );
};

export default starsRoutes;
