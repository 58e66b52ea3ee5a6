import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { StarsRepository } from './stars.repository';
import { StarsService } from './stars.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** Members' starred sessions (their own agenda, their personal feed's "starred only"). */
    stars: StarsService;
  }
}

export default fp(
  async function stars(app: FastifyInstance) {
    app.decorate('stars', new StarsService(new StarsRepository(app.db), app.sessions, app.clock));
  },
  { name: 'stars', dependencies: ['database', 'sessions'] },
);
