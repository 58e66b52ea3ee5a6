import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AuditRepository, type SecurityEvent } from './audit.repository';

export interface Audit {
  repository: AuditRepository;
  /**
   * Records a security event at the app's clock. Await it inside the unit of work of the change it describes, so
   * the change and its trail commit together.
   */
  record(event: SecurityEvent): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: Audit;
  }
}

/** The security audit trail (sign-ins, role changes, erasures, imports, …) that every module writes to. */
export default fp(
  async function audit(app: FastifyInstance) {
    const repository = new AuditRepository(app.db);
    app.decorate('audit', {
      repository,
      record: async (event: SecurityEvent) => {
        await repository.record(event, app.clock());
      },
    });
  },
  { name: 'audit', dependencies: ['database'] },
);
