import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problemType } from '@apoc/shared';
import { LANGUAGES, type Language } from '@apoc/shared/domain';
import type { Config } from '../config';
import { LANGUAGE_COOKIE, pickLanguage } from '../i18n/locale';
import { sendProblem } from './problems';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>APoC Summits</title></head>
<body><main><h1>The web app is not built</h1><p>Run <code>pnpm build</code> (or <code>pnpm start</code>, which builds it) and reload.</p></main></body></html>`;

const LANGUAGE_CHOICE = new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([a-z]{2})(?:;|$)`);

/**
 * Serves the built single-page app: files from web/dist with long-lived caching for hashed assets,
 * and index.html for every other non-API path so that deep links work. Unknown /api paths are
 * problem+json 404s, never the app's HTML. The app is built once per language (web/build.mjs): each page
 * is answered in the visitor's chosen language, else their browser's, else English.
 */
export default fp(
  async function web(app: FastifyInstance, { config }: { config: Config }) {
    const root = config.webRoot;
    // Read once: the SPA fallback is on every deep link's path. A language whose build is missing (an
    // older dist/) is served the English page.
    const pages = new Map<Language, Buffer>();
    for (const language of LANGUAGES) {
      const path = root && join(root, language === 'en' ? 'index.html' : `index.${language}.html`);
      if (path && existsSync(path)) pages.set(language, readFileSync(path));
    }

    const indexHtml = pages.get('en') ?? null;
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
      const chosen = LANGUAGE_CHOICE.exec(request.headers.cookie ?? '')?.[1];
      const language = pickLanguage(chosen, request.headers['accept-language']);
      reply.header('cache-control', 'no-cache').header('vary', 'Cookie, Accept-Language');
      reply.header('content-language', pages.has(language) ? language : 'en');
      return reply.type('text/html; charset=utf-8').send(pages.get(language) ?? indexHtml ?? NOT_BUILT);
    });
  },
  { name: 'web', dependencies: ['problems'] },
);
