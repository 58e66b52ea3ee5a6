import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InstitutionList } from '@apoc/shared';

const institutionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const institutions = app.institutions;

  app.get(
    '/api/institutions',
    {
      schema: { tags: ['institutions'], summary: "The network's organisations", response: { 200: InstitutionList } },
      config: { access: 'public' },
    },
    async () => institutions.list(),
  );
};

export default institutionsRoutes;
