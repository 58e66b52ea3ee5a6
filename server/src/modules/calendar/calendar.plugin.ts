import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';

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
  },
  { name: 'calendar', dependencies: ['database', 'summits'] },
);
