import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { AnnouncementsRepository } from './announcements.repository';
import { AnnouncementsService } from './announcements.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** Organisers' announcements to a summit's registrants, by e-mail through the outbox. */
    announcements: AnnouncementsService;
  }
}

export default fp(
  async function announcements(app: FastifyInstance, { config }: { config: Config }) {
    app.decorate(
      'announcements',
      new AnnouncementsService(
        app.db,
        new AnnouncementsRepository(app.db),
        app.summits.repository,
        app.outbox,
        config,
        app.clock,
      ),
    );
  },
  { name: 'announcements', dependencies: ['database', 'summits', 'outbox'] },
);
