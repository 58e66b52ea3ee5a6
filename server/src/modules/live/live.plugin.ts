import { LIVE_LIMITS } from '@apoc/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { LiveConnections } from './live.connection';
import { InProcessLiveHub, type LiveHub } from './live.hub';
import { PostgresLiveHub } from './live.hub-postgres';
import { LiveLedger } from './live.ledger';
import { LivePolls } from './live.polls';
import { LivePresence } from './live.presence';
import { LivePresenceRepository } from './live.presence.repository';
import { LiveRepository } from './live.repository';
import liveRoutes from './live.routes';
import { LiveService } from './live.service';

/** How often open live connections are checked against the database for access that ended. */
const LIVE_RECHECK_MS = 2000;
/** How often an instance among several announces counts that an instance which died left unannounced. */
const ORPHANED_COUNTS_MS = 3000;

declare module 'fastify' {
  interface FastifyInstance {
    live: { service: LiveService; hub: LiveHub; connections: LiveConnections; presence: LivePresence };
  }
}

/** Live Q&A, polls and presence: the service, the fan-out hub, this server's connections, and the routes. */
export default fp(
  async function live(app: FastifyInstance, { config }: { config: Config }) {
    const repository = new LiveRepository(app.db);
    const intervals = new LivePresenceRepository(app.db);
    // Instances sharing PostgreSQL fan out through it; the embedded SQLite file has one instance.
    let hub: LiveHub;
    if (app.db.pubsub) {
      const shared = new PostgresLiveHub(app.db.pubsub, repository, intervals, app.log);
      await shared.start();
      hub = shared;
    } else {
      hub = new InProcessLiveHub();
    }
    const ledger = new LiveLedger(app.db, repository, hub, app.clock, app.log);
    const polls = new LivePolls(repository, ledger, hub);
    const service = new LiveService(repository, ledger, polls, app.agenda.repository, app.summits, hub, app.clock);
    const presence = new LivePresence(intervals, app.clock);
    const connections = new LiveConnections(service, presence, hub, app.log);
    app.decorate('live', { service, hub, connections, presence });

    // Counts committed just before the last stop were never announced: announce them now.
    await ledger.sendLeftoverCounts();
    await presence.closeAbandoned();
    const heartbeat = setInterval(() => {
      connections.heartbeat();
      presence.seen().catch((error: unknown) => app.log.error({ err: error }, 'live presence could not be kept'));
    }, LIVE_LIMITS.heartbeatMs);
    heartbeat.unref();
    // Access that changed elsewhere (sign-out everywhere, a revoked sign-in, a deactivation, a role change, a
    // cancelled registration) closes the connections it no longer covers within a couple of seconds.
    const recheck = setInterval(() => {
      connections.recheck().catch((error: unknown) => app.log.error({ err: error }, 'live access re-check failed'));
    }, LIVE_RECHECK_MS);
    recheck.unref();
    // With several instances, one that dies between acknowledging a vote and announcing the count (coalesced,
    // LIVE_LIMITS.coalesceMs later) leaves that count unannounced. Every instance looks for such counts every few
    // seconds and announces them; taking them is one statement, so one instance does, once.
    const orphans = app.db.pubsub
      ? setInterval(() => {
          ledger
            .sendOrphanedCounts()
            .catch((error: unknown) => app.log.error({ err: error }, 'live counts left over could not be announced'));
        }, ORPHANED_COUNTS_MS)
      : null;
    orphans?.unref();

    // preClose runs while the server still listens, onClose once it has stopped. The WebSocket plugin's own
    // preClose would close every socket without a code (1005) before this hook: app.ts replaces it.
    app.addHook('preClose', async () => {
      clearInterval(heartbeat);
      clearInterval(recheck);
      if (orphans) clearInterval(orphans);
      connections.goAway();
    });
    // Counts still waiting, up to the last message handled, are committed here; clients get them when they
    // resume on the next start. Those still connected leave now: their presence ends with the server's.
    app.addHook('onClose', async () => {
      await ledger.flush();
      await presence.departAll();
      hub.close();
    });

    await app.register(liveRoutes, { config });
  },
  { name: 'live', dependencies: ['database', 'authentication', 'summits', 'agenda', '@fastify/websocket'] },
);
