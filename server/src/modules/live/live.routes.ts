import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, LIVE_PROTOCOL_VERSION, LiveQuery, Problem } from '@apoc/shared';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config';
import { DomainError, Forbidden } from '../../errors';
import { signedInMember } from '../auth/auth.plugin';
import { Refusals } from '../../schemas';
import { sendFile } from '../../spreadsheet';
import { UpgradeRequired } from './live.errors';
import { questionsCsv, questionsMarkdown } from './live.export';
import type { LiveAccess } from './live.service';

/** Too many live connections open for this member or address: refused before the upgrade. */
class TooManyConnections extends DomainError {
  readonly status = 429;
  readonly slug = 'too-many-connections';
  readonly title = 'Too many live connections';
}

const PROTOCOL = [
  'Upgrades to a WebSocket speaking the live protocol (version ' + String(LIVE_PROTOCOL_VERSION) + '), whose',
  'message maps are `LiveClientMessages` and `LiveServerMessages` in `@apoc/shared/live`. The first message',
  'is a `snapshot`, or, with `lastSeq`, the events missed since then followed by `resumed`. Refused before',
  'the upgrade: anonymous callers (401), pages of another origin and members not registered for the',
  'summit (403), unknown sessions (404). A plain GET is answered 426.',
].join(' ');

const liveRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const { service, connections } = app.live;
  // Decided before the upgrade, so that a refusal is an HTTP answer rather than a socket closed at once.
  const admitted = new WeakMap<FastifyRequest, LiveAccess>();

  app.route({
    method: 'GET',
    url: '/api/sessions/:id/live',
    schema: {
      tags: ['live'],
      summary: 'Live Q&A, polls and presence of a session (WebSocket)',
      description: PROTOCOL,
      params: IdParams,
      querystring: LiveQuery,
      response: { ...Refusals, 426: Problem, 429: Problem },
    },
    // Opening a connection costs an admission (queries) and a snapshot: limited per member, generously.
    config: {
      access: 'member',
      rateLimit: { max: 300, timeWindow: 60_000, keyGenerator: (request) => request.member?.id ?? request.ip },
    },
    preHandler: async (request) => {
      // A browser sends the cookie with a WebSocket opened by any site: only our own pages may open one
      // (cross-site WebSocket hijacking). Browsers always send Origin on a WebSocket; other clients set it.
      if (request.ws && request.headers.origin !== config.publicUrl.origin) {
        throw new Forbidden(`Live connections are accepted from ${config.publicUrl.origin} only.`);
      }
      const member = signedInMember(request);
      const refusal = connections.refusal(member.id, request.ip);
      if (refusal) throw new TooManyConnections(refusal);
      const access = await service.admit(member, request.params.id);
      admitted.set(request, { ...access, signInId: request.signInId });
    },
    handler: async (_request, reply) => {
      reply.header('upgrade', 'websocket');
      throw new UpgradeRequired('Open this address as a WebSocket.');
    },
    wsHandler: async (socket, request) => {
      const access = admitted.get(request);
      if (!access) return socket.close(1011, 'Not admitted');
      await connections.accept(socket, access, request.query, request.ip);
    },
  });

  for (const [format, type, render] of [
    ['csv', 'text/csv', questionsCsv],
    ['md', 'text/markdown', questionsMarkdown],
  ] as const) {
    app.get(
      `/api/sessions/:id/questions.${format}`,
      {
        schema: {
          tags: ['live'],
          summary: `The session’s questions with their votes and status, as ${format === 'csv' ? 'CSV' : 'Markdown'} (moderators)`,
          params: IdParams,
          produces: [type],
          response: { 200: Type.String(), ...Refusals },
        },
        config: { access: 'member' },
      },
      async (request, reply) => {
        const questions = await service.questionsForExport(signedInMember(request), request.params.id);
        return sendFile(reply, type, `questions-${request.params.id}.${format}`, render(questions));
      },
    );
  }
};

export default liveRoutes;
