import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problemType } from '@apoc/shared';
import type { Config } from '../config';
import { sendProblem } from './problems';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>APoC Summits</title></head>
<body><main><h1>The web app is not built</h1><p>Run <code>pnpm build</code> (or <code>pnpm start</code>, which builds it) and reload.</p></main></body></html>`;

/**
 * Serves the built single-page app: files from web/dist with long-lived caching for hashed assets,
 * and index.html for every other non-API path so that deep links work. Unknown /api paths are
 * problem+json 404s, never the app's HTML.
 */
export default fp(
  async function web(app: FastifyInstance, { config }: { config: Config }) {
    const root = config.webRoot;
    const indexPath = root ? join(root, 'index.html') : null;
    // Read once: the SPA fallback is on every deep link's path.
    const indexHtml = indexPath && existsSync(indexPath) ? readFileSync(indexPath) : null;

    if (root && indexHtml) {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        // Vite fingerprints everything under /assets, so it can be cached for a year.
        setHeaders(reply, path) {
          reply.header(
            'cache-control',
            path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }

    app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '/';
      const isPage = (request.method === 'GET' || request.method === 'HEAD') && !/\.[a-z0-9]+$/i.test(path);
      if (path === '/api' || path.startsWith('/api/') || !isPage) {
        return sendProblem(reply, {
          type: problemType('not-found'),
          title: 'Not found',
          status: 404,
          detail: `There is no ${request.method} ${path}.`,
        });
      }
      reply.header('cache-control', 'no-cache');
      return reply.type('text/html; charset=utf-8').send(indexHtml ?? NOT_BUILT);
    });
  },
  { name: 'web', dependencies: ['problems'] },
);
