import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Mailbox, OutboxMessage, OutboxPage, OutboxQuery, Problem } from '@apoc/shared';
import { Type } from 'typebox';
import type { Config } from '../../config';
import { OutboxService } from './outbox.service';

const outboxRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const outbox = new OutboxService(app.outbox, config.smtpUrl !== null);

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
    async (request) => outbox.retry(request.params.id),
  );

  // The development mailbox is how a newcomer signs in to the demo without a mail server. It shows
  // sign-in links, so it must never exist in production.
  if (!config.production) {
    app.get(
      '/api/dev/mailbox',
      {
        schema: {
          tags: ['outbox'],
          summary: 'Development only: the latest messages with their bodies',
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
          response: { 200: Mailbox, 400: Problem },
        },
        config: { access: 'public' },
      },
      async (request) => outbox.mailbox(request.query.limit ?? 50),
    );
  }
};

export default outboxRoutes;
