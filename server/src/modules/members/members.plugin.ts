import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** The member directory, profiles and the admins' management of members. */
    members: MembersService;
  }
}

export default fp(
  async function members(app: FastifyInstance) {
    app.decorate('members', new MembersService(app.db, new MembersRepository(app.db), app.audit, app.clock));
  },
  { name: 'members', dependencies: ['database', 'audit'] },
);
