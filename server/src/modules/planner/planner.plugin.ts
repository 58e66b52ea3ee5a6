import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PlannerRepository } from './planner.repository';
import { PlannerService } from './planner.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** The planner: start times weighed for every centre's comfort, with the rotation of burden between editions. */
    planner: PlannerService;
  }
}

export default fp(
  async function planner(app: FastifyInstance) {
    app.decorate(
      'planner',
      new PlannerService(new PlannerRepository(app.db), app.summits, app.registrations.repository),
    );
  },
  { name: 'planner', dependencies: ['database', 'summits', 'registrations'] },
);
