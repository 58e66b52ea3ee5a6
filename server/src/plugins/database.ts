import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openPlatformDatabase, seedDemo, type Database } from '@apoc/db';
import type { Config } from '../config';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

/**
 * Opens (and migrates) the database before any route is served: PostgreSQL when DATABASE_URL is set, else the
 * SQLite file. Seeds the demo network when asked and the database is empty, and closes it last.
 */
export default fp(
  async function database(app: FastifyInstance, { config }: { config: Config }) {
    const db = await openPlatformDatabase({ url: config.databaseUrl ?? undefined, path: config.databasePath });
    app.decorate('db', db);
    app.addHook('onClose', async () => db.close());
    if (config.seed === 'demo') {
      // Placed relative to the app's clock, so that tests which move time see the demo where they expect it.
      const report = await seedDemo(db, app.clock());
      if (report.seeded) app.log.info({ seed: report }, 'seeded the demo network');
    }
  },
  { name: 'database' },
);
