import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PrivacyRepository } from './privacy.repository';
import { PrivacyService } from './privacy.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** A member's own data: its export, and erasure. */
    privacy: PrivacyService;
  }
}

export default fp(
  async function privacy(app: FastifyInstance) {
    app.decorate(
      'privacy',
      new PrivacyService(
        app.db,
        new PrivacyRepository(app.db),
        app.members.repository,
        app.registrations,
        app.audit,
        app.clock,
      ),
    );
  },
  { name: 'privacy', dependencies: ['database', 'members', 'registrations', 'audit'] },
);
