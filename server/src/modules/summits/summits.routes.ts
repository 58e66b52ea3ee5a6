import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Problem, SummitDetail, SummitList } from '@apoc/shared';
import { SummitsRepository } from './summits.repository';
import { SummitsService } from './summits.service';

const summitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const summits = new SummitsService(new SummitsRepository(app.db));

  app.get(
    '/api/summits',
    {
      schema: {
        tags: ['summits'],
        summary: 'Summits visible to the caller, earliest first',
        response: { 200: SummitList },
      },
      config: { access: 'public' },
    },
    async () => summits.list(),
  );

  app.get(
    '/api/summits/:id',
    {
      schema: {
        tags: ['summits'],
        summary: 'One summit with its tracks, rooms and agenda',
        params: IdParams,
        response: { 200: SummitDetail, 400: Problem, 404: Problem },
      },
      config: { access: 'public' },
    },
    async (request) => summits.agenda(request.params.id),
  );
};

export default summitsRoutes;
