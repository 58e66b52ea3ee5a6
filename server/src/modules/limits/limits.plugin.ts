import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MemoryRateWindows, SharedRateWindows, type RateWindows } from './limits';
import { LimitsRepository } from './limits.repository';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Rate limits beyond what @fastify/rate-limit counts per route (e.g. sign-in links per address): in memory for
     * one instance, in the database when several share PostgreSQL.
     */
    limits: { repository: LimitsRepository; windows: RateWindows };
  }
}

const FORGET_EVERY_MS = 10 * 60_000;
/** The longest window of any limit: rows older than this count for nothing. */
const LONGEST_WINDOW_MS = 60 * 60_000;

export default fp(
  async function limits(app: FastifyInstance) {
    const repository = new LimitsRepository(app.db);
    const shared = app.db.dialect === 'postgres';
    const windows = shared ? new SharedRateWindows(repository) : new MemoryRateWindows();
    app.decorate('limits', { repository, windows });
    if (shared) {
      const forget = setInterval(() => {
        repository
          .forget(new Date(Date.now() - LONGEST_WINDOW_MS))
          .catch((error: unknown) => app.log.error({ err: error }, 'rate limits: old windows not forgotten'));
      }, FORGET_EVERY_MS);
      forget.unref();
      app.addHook('onClose', async () => clearInterval(forget));
    }
  },
  { name: 'limits', dependencies: ['database'] },
);
