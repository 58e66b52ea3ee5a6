import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SUMMITS_CHANNEL, SummitsRepository } from './summits.repository';
import { SummitsService } from './summits.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** One instance for every feature, so that the cache of published versions is shared. */
    summits: SummitsService;
  }
}

export default fp(
  async function summits(app: FastifyInstance) {
    const repository = new SummitsRepository(app.db);
    const service = new SummitsService(app.db, repository, app.clock);
    app.decorate('summits', service);
    // What is built from summits (answers, feeds) is forgotten once a change commits: on this instance at once, on
    // the others sharing PostgreSQL when the change's notification reaches them. One that could not listen for a
    // while may have missed some: it forgets everything.
    repository.onChanged((summitId) => service.stale(summitId));
    const pubsub = app.db.pubsub;
    if (pubsub) {
      const subscription = await pubsub.listen(
        SUMMITS_CHANNEL,
        (summitId) => service.stale(summitId),
        () => service.stale(null),
      );
      app.addHook('onClose', async () => subscription.close());
    }
    // Members read frozen versions only: give published summits without one (a fresh seed) their first.
    const backfilled = await service.publishInitialVersions();
    if (backfilled > 0) app.log.info({ summits: backfilled }, 'published first agenda versions');
  },
  { name: 'summits', dependencies: ['database'] },
);
