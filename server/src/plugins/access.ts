import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Who may call a route. Sign-in (a later module) enforces it; every /api route must declare one. */
export type Access = 'public' | 'member' | 'organiser' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/**
 * Refuses to start an app in which an API route forgets to say who may call it, so that a route
 * added later without a decision fails every test instead of silently being public.
 */
export default fp(
  async function access(app: FastifyInstance) {
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/') || route.method === 'HEAD') return;
      const declared = (route.config as { access?: Access } | undefined)?.access;
      if (!declared) throw new Error(`Route ${String(route.method)} ${route.url} does not declare its access`);
    });
  },
  { name: 'access' },
);
