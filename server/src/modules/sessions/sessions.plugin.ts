import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SessionsService } from './sessions.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** A session's own page, as each caller may see it. */
    sessions: SessionsService;
  }
}

export default fp(
  async function sessions(app: FastifyInstance) {
    app.decorate('sessions', new SessionsService(app.agenda, app.summits, app.join));
  },
  { name: 'sessions', dependencies: ['agenda', 'summits', 'join'] },
);
