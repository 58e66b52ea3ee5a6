import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Who may call a route. The authentication plugin (modules/auth) enforces it; every /api route must declare one. */
export type Access = 'public' | 'member' | 'organiser' | 'admin';

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every /api route with who may call it: what the OpenAPI and authorisation tests walk. */
    apiRoutes: ApiRoute[];
  }
}

/**
 * Refuses to start an app in which an API route forgets to say who may call it, so that a route
 * added later without a decision fails every test instead of silently being public.
 */
export default fp(
  async function access(app: FastifyInstance) {
    const apiRoutes: ApiRoute[] = [];
    app.decorate('apiRoutes', apiRoutes);
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return;
      const declared = (route.config as { access?: Access } | undefined)?.access;
      if (!declared) throw new Error(`Route ${String(route.method)} ${route.url} does not declare its access`);
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, access: declared });
      }
    });
  },
  { name: 'access' },
);
