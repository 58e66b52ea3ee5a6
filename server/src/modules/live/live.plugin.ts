import { LIVE_LIMITS } from '@apoc/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { AgendaRepository } from '../agenda/agenda.repository';
import { SummitsRepository } from '../summits/summits.repository';
import { LiveConnections } from './live.connection';
import { InProcessLiveHub, type LiveHub } from './live.hub';
import { LiveRepository } from './live.repository';
import liveRoutes from './live.routes';
import { LiveService } from './live.service';

/** How often open live connections are checked against the database for access that ended. */
const LIVE_RECHECK_MS = 2000;

declare module 'fastify' {
  interface FastifyInstance {
    live: { service: LiveService; hub: LiveHub; connections: LiveConnections };
  }
}

/** Live Q&A, polls and presence: the service, the fan-out hub, this server's connections, and the routes. */
export default fp(
  async function live(app: FastifyInstance, { config }: { config: Config }) {
    const hub = new InProcessLiveHub();
    const service = new LiveService(
      app.db,
      new LiveRepository(app.db),
      new AgendaRepository(app.db),
      app.summits,
      new SummitsRepository(app.db),
      hub,
      app.clock,
      app.log,
    );
    const connections = new LiveConnections(service, hub, app.log);
    app.decorate('live', { service, hub, connections });

    // Counts committed just before the last stop were never announced: announce them now.
    service.sendLeftoverCounts();
    service.closeAbandonedPresence();
    const heartbeat = setInterval(() => {
      connections.heartbeat();
      service.presenceSeen();
    }, LIVE_LIMITS.heartbeatMs);
    heartbeat.unref();
    // Access that changed elsewhere (sign-out everywhere, a revoked sign-in, a deactivation, a role change, a
    // cancelled registration) closes the connections it no longer covers within a couple of seconds.
    const recheck = setInterval(() => {
      try {
        connections.recheck();
      } catch (error) {
        app.log.error({ err: error }, 'live access re-check failed');
      }
    }, LIVE_RECHECK_MS);
    recheck.unref();

    // preClose runs while the server still listens, onClose once it has stopped. The WebSocket plugin's own
    // preClose would close every socket without a code (1005) before this hook: app.ts replaces it.
    app.addHook('preClose', async () => {
      clearInterval(heartbeat);
      clearInterval(recheck);
      connections.goAway();
    });
    // Counts still waiting, up to the last message handled, are committed here; clients get them when they
    // resume on the next start. Those still connected leave now: their presence ends with the server's.
    app.addHook('onClose', async () => {
      service.flush();
      service.departAll();
      hub.close();
    });

    await app.register(liveRoutes, { config });
  },
  { name: 'live', dependencies: ['database', 'authentication', 'summits', '@fastify/websocket'] },
);
