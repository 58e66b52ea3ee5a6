import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Mailbox, OutboxMessage, OutboxPage, OutboxQuery, Problem, problemType } from '@apoc/shared';
import { Type } from 'typebox';
import type { Config } from '../../config';
import { sendProblem } from '../../plugins/problems';
import { signedInMember } from '../auth/auth.plugin';

/** The machine itself: IPv4 and IPv6 loopback, also as an IPv4-mapped IPv6 address. */
export function isLoopback(address: string): boolean {
  return /^(?:127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/.test(address);
}

const outboxRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const outbox = app.outbox.service;

  app.get(
    '/api/admin/outbox',
    {
      schema: {
        tags: ['outbox'],
        summary: 'Outgoing mail: counts by status and the latest messages (no bodies)',
        querystring: OutboxQuery,
        response: { 200: OutboxPage, 400: Problem, 401: Problem, 403: Problem },
      },
      config: { access: 'admin' },
    },
    async (request) => outbox.page(request.query.status, request.query.limit ?? 100),
  );

  app.post(
    '/api/admin/outbox/:id/retry',
    {
      schema: {
        tags: ['outbox'],
        summary: 'Queue a failed message again',
        params: IdParams,
        response: { 200: OutboxMessage, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      const message = await outbox.retry(request.params.id);
      await app.audit.record({
        kind: 'outbox-retried',
        actorId: signedInMember(request).id,
        address: request.ip,
        detail: { messageId: message.id, kind: message.kind },
      });
      return message;
    },
  );

  // The development mailbox is how a newcomer signs in to the demo without a mail server. It shows
  // sign-in links, so it exists only where no mail goes out (no SMTP_URL) outside production, and answers
  // only the machine itself: anyone else is told there is no such route.
  if (!config.production && !config.smtpUrl) {
    app.get(
      '/api/dev/mailbox',
      {
        schema: {
          tags: ['outbox'],
          summary: 'Development only: the latest messages with their bodies',
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
          response: { 200: Mailbox, 400: Problem, 404: Problem },
        },
        config: { access: 'public' },
      },
      async (request, reply) => {
        if (!isLoopback(request.ip)) {
          return sendProblem(reply, {
            type: problemType('not-found'),
            title: 'Not found',
            status: 404,
            detail: 'There is no GET /api/dev/mailbox.',
          });
        }
        return outbox.mailbox(request.query.limit ?? 50);
      },
    );
  }
};

export default outboxRoutes;
