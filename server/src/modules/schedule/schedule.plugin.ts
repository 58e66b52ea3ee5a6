import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { ScheduleService } from './schedule.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** Published agendas in the frab formats (schedule.json / schedule.xml) that conference apps read. */
    schedule: ScheduleService;
  }
}

export default fp(
  async function schedule(app: FastifyInstance, { config }: { config: Config }) {
    app.decorate('schedule', new ScheduleService(app.summits, config.publicUrl));
  },
  { name: 'schedule', dependencies: ['summits'] },
);
