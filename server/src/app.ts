import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LIVE_LIMITS } from '@apoc/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config';
import access from './plugins/access';
import database from './plugins/database';
import openapi from './plugins/openapi';
import problems from './plugins/problems';
import validation from './plugins/validation';
import { logSerializers, redactPaths } from './plugins/logging';
import { apiSecurityHeaders, securityHeaders } from './plugins/security-headers';
import web from './plugins/web';
import planner from './modules/planner/planner.plugin';
import schedule from './modules/schedule/schedule.plugin';
import announcements from './modules/announcements/announcements.plugin';
import invitations from './modules/invitations/invitations.plugin';
import privacy from './modules/privacy/privacy.plugin';
import institutions from './modules/institutions/institutions.plugin';
import healthRoutes from './modules/health/health.routes';
import institutionsRoutes from './modules/institutions/institutions.routes';
import summitsRoutes from './modules/summits/summits.routes';
import summits from './modules/summits/summits.plugin';
import agenda from './modules/agenda/agenda.plugin';
import agendaRoutes from './modules/agenda/agenda.routes';
import join from './modules/join/join.plugin';
import joinRoutes from './modules/join/join.routes';
import sessions from './modules/sessions/sessions.plugin';
import sessionsRoutes from './modules/sessions/sessions.routes';
import stars from './modules/stars/stars.plugin';
import starsRoutes from './modules/stars/stars.routes';
import scheduleRoutes from './modules/schedule/schedule.routes';
import plannerRoutes from './modules/planner/planner.routes';
import calendar from './modules/calendar/calendar.plugin';
import calendarRoutes from './modules/calendar/calendar.routes';
import authentication from './modules/auth/auth.plugin';
import authRoutes from './modules/auth/auth.routes';
import identity from './modules/identity/identity.plugin';
import identityRoutes from './modules/identity/identity.routes';
import members from './modules/members/members.plugin';
import membersRoutes from './modules/members/members.routes';
import audit from './modules/audit/audit.plugin';
import outbox from './modules/outbox/outbox.plugin';
import outboxRoutes from './modules/outbox/outbox.routes';
import registrationsRoutes from './modules/registrations/registrations.routes';
import registrations from './modules/registrations/registrations.plugin';
import announcementsRoutes from './modules/announcements/announcements.routes';
import reminders from './modules/reminders/reminders.plugin';
import certificates from './modules/certificates/certificates.plugin';
import certificatesRoutes from './modules/certificates/certificates.routes';
import { sharedRateLimitStore } from './modules/limits/limits';
import limits from './modules/limits/limits.plugin';
import live from './modules/live/live.plugin';
import metrics from './plugins/metrics';
import invitationsRoutes from './modules/invitations/invitations.routes';
import privacyRoutes from './modules/privacy/privacy.routes';
import auditRoutes from './modules/audit/audit.routes';

export type { Config } from './config';
export { loadConfig, ConfigError } from './config';
// The calendar feeds' builder, which the benchmarks and the feeds' text tests drive without HTTP.
export { CalendarService } from './modules/calendar/calendar.service';
export { CalendarRepository } from './modules/calendar/calendar.repository';
export { invitation } from './modules/calendar/calendar.ical';

/** JSON bodies on this platform are small forms; anything larger is a mistake or an attack. */
const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The application as a plugin tree, in a fixed order: external plugins, the platform's own plugins,
 * then one module per feature. Tests build it with a config of their own; server.ts only listens.
 */
export interface BuildOptions {
  /** Where logs go (standard output by default); tests read them to check that no secret leaks. */
  logStream?: NodeJS.WritableStream;
  /** The platform's clock (the system's by default); tests move it to expire offers and send reminders. */
  clock?: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    clock: () => Date;
    /** True once the instance is closing (SIGTERM): readiness answers 503 so that the proxy stops sending. */
    draining: boolean;
  }
}

/** Fastify's form of TRUST_PROXY: a count of hops becomes "the first n hops", as its own option would. */
function trustedProxies(
  setting: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: logSerializers,
    },
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind a reverse proxy, request.ip is the client's address only for the proxies TRUST_PROXY names.
    trustProxy: trustedProxies(config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
    // The proxy's X-Request-Id (nginx: $request_id) names the request in every log line, here and there; a value
    // that is not a plain identifier is replaced, never logged.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('clock', options.clock ?? (() => new Date()));
  app.decorate('draining', false);
  app.addHook('preClose', async () => {
    app.draining = true;
  });
  // The process's warnings (a background checkpoint that failed, a callback that failed after its commit) reach the
  // log an operator reads, not only stderr, for as long as the app is open.
  const warned = (warning: Error) => app.log.warn({ err: warning }, 'process warning');
  process.on('warning', warned);
  app.addHook('onClose', (_app, done) => {
    process.off('warning', warned);
    done();
  });

  const secure = config.publicUrl.protocol === 'https:';
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", config.publicUrl.origin.replace(/^http/, 'ws')],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    strictTransportSecurity: secure ? { maxAge: 15_552_000 } : false,
    crossOriginEmbedderPolicy: false,
  });
  // What the API answers (JSON, problem+json, feeds, exports) is never rendered as a page: it gets the short policy
  // OWASP recommends for APIs, nothing may load from it or frame it, and each answer carries fewer bytes.
  const apiHeaders = apiSecurityHeaders(headers);
  // Callback hooks rather than async ones here and in the hooks every request runs: no promise of their own.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? apiHeaders : headers).header('x-request-id', request.id);
    done();
  });
  await app.register(websocket, {
    options: { maxPayload: LIVE_LIMITS.frameBytes },
    // The default closes every socket without a code (clients see 1005) before any module's preClose hook
    // runs; the live module tells its clients instead that the server is going away (1001). Here upgrades
    // still in flight are only refused (503); the plugin stops listening for new ones by itself.
    preClose: async () => {
      app.websocketServer.close();
    },
  });
  // Off by default: each route that is cheap to abuse sets its own limits.
  await app.register(rateLimit, {
    global: false,
    // Several instances on PostgreSQL count on the same rows; one instance on SQLite counts in memory. A database
    // that does not answer lets requests through rather than failing them.
    ...(config.databaseUrl ? { store: sharedRateLimitStore(() => app.limits.repository), skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many requests: try again in ${context.after}.`), { statusCode: 429 }),
  });

  await app.register(problems);
  await app.register(validation);
  await app.register(access);
  await app.register(openapi, { config });
  await app.register(database, { config });
  await app.register(limits);
  await app.register(audit);
  await app.register(outbox, { config });
  await app.register(members);
  await app.register(authentication, { config });
  await app.register(identity, { config });
  await app.register(summits);
  await app.register(calendar, { config });
  await app.register(registrations, { config });
  await app.register(reminders, { config });
  await app.register(certificates, { config });
  await app.register(agenda);
  await app.register(join);
  await app.register(sessions);
  await app.register(stars);
  await app.register(planner);
  await app.register(schedule, { config });
  await app.register(announcements, { config });
  await app.register(invitations, { config });
  await app.register(privacy);
  await app.register(institutions);

  await app.register(healthRoutes);
  await app.register(institutionsRoutes);
  await app.register(summitsRoutes);
  await app.register(scheduleRoutes);
  await app.register(agendaRoutes);
  await app.register(sessionsRoutes);
  await app.register(joinRoutes);
  await app.register(certificatesRoutes);
  await app.register(starsRoutes);
  await app.register(plannerRoutes);
  await app.register(calendarRoutes);
  await app.register(authRoutes);
  await app.register(identityRoutes);
  await app.register(membersRoutes);
  await app.register(registrationsRoutes);
  await app.register(announcementsRoutes);
  await app.register(invitationsRoutes);
  await app.register(privacyRoutes);
  await app.register(auditRoutes);
  await app.register(live, { config });
  await app.register(outboxRoutes, { config });
  await app.register(metrics, { config });

  await app.register(web, { config });
  return app;
}
