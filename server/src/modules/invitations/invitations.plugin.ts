import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** Guests from outside the network, invited to one summit each. */
    invitations: InvitationsService;
  }
}

export default fp(
  async function invitations(app: FastifyInstance, { config }: { config: Config }) {
    app.decorate(
      'invitations',
      new InvitationsService(
        app.db,
        new InvitationsRepository(app.db),
        app.summits.repository,
        app.members.repository,
        app.outbox,
        app.audit,
        config,
        app.clock,
      ),
    );
  },
  { name: 'invitations', dependencies: ['database', 'summits', 'members', 'outbox', 'audit'] },
);
