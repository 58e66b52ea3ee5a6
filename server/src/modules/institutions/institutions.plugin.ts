import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { InstitutionsRepository } from './institutions.repository';

declare module 'fastify' {
  interface FastifyInstance {
    /** The network's centres (read only: they change with the network, by migration). */
    institutions: InstitutionsRepository;
  }
}

export default fp(
  async function institutions(app: FastifyInstance) {
    app.decorate('institutions', new InstitutionsRepository(app.db));
  },
  { name: 'institutions', dependencies: ['database'] },
);
