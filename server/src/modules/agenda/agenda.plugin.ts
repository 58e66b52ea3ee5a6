import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AgendaRepository } from './agenda.repository';
import { AgendaService } from './agenda.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** The agenda builder: tracks, rooms, sessions and their people, in the work in progress. */
    agenda: AgendaService;
  }
}

export default fp(
  async function agenda(app: FastifyInstance) {
    app.decorate(
      'agenda',
      new AgendaService(app.db, new AgendaRepository(app.db), app.summits, app.members.repository, app.clock),
    );
  },
  { name: 'agenda', dependencies: ['database', 'summits', 'members'] },
);
