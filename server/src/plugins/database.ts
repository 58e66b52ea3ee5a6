import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { closeDatabase, openDatabase, seedDemo, type Db } from '@apoc/db';
import type { Config } from '../config';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

/**
 * Opens (and migrates) the SQLite database before any route is served, seeds the demo network when
 * asked and the database is empty, and closes it last when the app closes.
 */
export default fp(
  async function database(app: FastifyInstance, { config }: { config: Config }) {
    const db = openDatabase({ path: config.databasePath });
    app.decorate('db', db);
    app.addHook('onClose', async () => closeDatabase(db));
    if (config.seed === 'demo') {
      // Placed relative to the app's clock, so that tests which move time see the demo where they expect it.
      const report = seedDemo(db, app.clock());
      if (report.seeded) app.log.info({ seed: report }, 'seeded the demo network');
    }
  },
  { name: 'database' },
);
