import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SummitsRepository } from './summits.repository';
import { SummitsService } from './summits.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** One instance for every feature, so that the cache of published versions is shared. */
    summits: SummitsService;
  }
}

export default fp(
  async function summits(app: FastifyInstance) {
    const service = new SummitsService(app.db, new SummitsRepository(app.db), app.clock);
    app.decorate('summits', service);
    // Members read frozen versions only: give published summits without one (a fresh seed) their first.
    const backfilled = await service.publishInitialVersions();
    if (backfilled > 0) app.log.info({ summits: backfilled }, 'published first agenda versions');
  },
  { name: 'summits', dependencies: ['database'] },
);
