import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';

/** Collects every route's schema into one OpenAPI 3 document, served at /api/openapi.json. */
export default fp(
  async function openapi(app: FastifyInstance, { config }: { config: Config }) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'APoC Summit platform',
          version: '0.1.0',
          description:
            'Registration, agendas, live Q&A and calendar feeds for the Amgen Partners of Choice oncology network. ' +
            'Errors are RFC 9457 application/problem+json. Instants are UTC (ISO 8601); every summit has an IANA zone.',
        },
        servers: [{ url: config.publicUrl.origin }],
        components: {
          securitySchemes: {
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: 'apoc_session',
              description: 'Set by POST /api/auth/verify, or by GET /api/auth/sso/callback',
            },
          },
        },
        tags: [
          { name: 'health', description: 'Liveness' },
          { name: 'summits', description: 'Summits, their published agendas, versions and changelog' },
          { name: 'agenda', description: 'Building the agenda: tracks, rooms, sessions; stars' },
          { name: 'planner', description: 'Fair start times across time zones, repeat pairs, rotation, fairness' },
          { name: 'calendar', description: 'iCalendar feeds: summit, personal, per session' },
          { name: 'institutions', description: 'The network' },
          { name: 'auth', description: 'Passwordless sign-in and the caller’s sign-ins' },
          {
            name: 'identity',
            description: 'Signing in with an institution’s OpenID Connect provider; connecting providers (admins)',
          },
          { name: 'members', description: 'Members, guests and roles' },
          { name: 'outbox', description: 'Outgoing mail' },
          { name: 'registrations', description: 'Registering, seats, quotas, the waitlist and check-in' },
          { name: 'live', description: 'Live Q&A, polls and presence of a session (WebSocket), question exports' },
          {
            name: 'announcements',
            description: 'Announcements to a summit’s registrants, mailed and shown on its page',
          },
          {
            name: 'certificates',
            description:
              'CME/CPD credits from verified attendance, the evaluation, certificates and their verification',
          },
        ],
      },
    });

    app.get(
      '/api/openapi.json',
      {
        schema: {
          tags: ['health'],
          summary: 'This OpenAPI document',
          response: { 200: { type: 'object', additionalProperties: true } },
        },
        config: { access: 'public' },
      },
      async () => app.swagger(),
    );
  },
  { name: 'openapi' },
);
