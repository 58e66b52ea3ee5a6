import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health, Problem } from '@apoc/shared';
import { Unavailable } from '../../errors';

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Ready: the database is open, migrated, and answers now',
        description:
          'Readiness for a load balancer or an orchestrator: 503 while this instance cannot reach its database (PostgreSQL down, or the instance shutting down), so that requests go to another one.',
        response: { 200: Health, 503: Problem },
      },
      config: { access: 'public' },
    },
    async () => {
      if (app.draining) throw new Unavailable('This instance is shutting down.');
      try {
        await app.db.ping();
      } catch {
        throw new Unavailable('The database does not answer.');
      }
      return { status: 'ok' as const };
    },
  );
};

export default healthRoutes;
