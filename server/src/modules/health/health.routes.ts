import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health } from '@apoc/shared';

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      schema: { tags: ['health'], summary: 'Ready once the database is open and migrated', response: { 200: Health } },
      config: { access: 'public' },
    },
    // The database plugin opens and migrates before any route is served, so reaching here means ready.
    async () => ({ status: 'ok' as const }),
  );
};

export default healthRoutes;
