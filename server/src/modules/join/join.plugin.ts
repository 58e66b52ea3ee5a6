import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { JoinRepository } from './join.repository';
import { JoinService } from './join.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** Joining virtual sessions inside their window, and the attendance it records. */
    join: JoinService;
  }
}

export default fp(
  async function join(app: FastifyInstance) {
    app.decorate(
      'join',
      new JoinService(
        new JoinRepository(app.db),
        app.agenda.repository,
        app.registrations.repository,
        app.summits,
        app.clock,
      ),
    );
  },
  { name: 'join', dependencies: ['database', 'agenda', 'registrations', 'summits'] },
);
