import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';

/** The channel on which instances tell each other that a summit was published. */
const PUBLISHED_CHANNEL = 'apoc_published';

declare module 'fastify' {
  interface FastifyInstance {
    /** iCal: the summits' feeds, members' personal feeds, one session's event, registration invitations. */
    calendar: CalendarService;
  }
}

export default fp(
  async function calendar(app: FastifyInstance, { config }: { config: Config }) {
    const repository = new CalendarRepository(app.db);
    const hashed = await repository.hashReadableTokens();
    if (hashed > 0) app.log.info({ feeds: hashed }, 'kept only the hashes of personal feed secrets stored readable');
    const calendar = new CalendarService(repository, app.summits, config, app.clock);
    app.decorate('calendar', calendar);
    // Instances sharing PostgreSQL: a publication on one makes every other forget the version it knew. Sent in the
    // publication's own transaction, the message arrives when it commits.
    const pubsub = app.db.pubsub;
    if (pubsub) {
      const subscription = await pubsub.listen(PUBLISHED_CHANNEL, (summitId) => calendar.forget(summitId));
      app.summits.onPublished(({ state }) => pubsub.notify(PUBLISHED_CHANNEL, state.summit.id));
      app.addHook('onClose', async () => subscription.close());
    }
  },
  { name: 'calendar', dependencies: ['database', 'summits'] },
);
