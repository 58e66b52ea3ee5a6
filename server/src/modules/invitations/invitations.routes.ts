import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Invitation, InvitationList, InvitationParams, InviteGuest } from '@apoc/shared';
import { Type } from 'typebox';
import { signedInMember } from '../auth/auth.plugin';
import { Failures } from '../../schemas';

/** Organisers invite guests to a summit, list them and withdraw an invitation. */
const invitationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const invitations = app.invitations;

  app.get(
    '/api/summits/:id/invitations',
    {
      schema: {
        tags: ['members'],
        summary: 'The guests invited to a summit (organisers)',
        params: IdParams,
        response: { 200: InvitationList, ...Failures },
      },
      config: { access: 'organiser' },
    },
    async (request) => invitations.list(request.params.id),
  );

  app.post(
    '/api/summits/:id/invitations',
    {
      schema: {
        tags: ['members'],
        summary: 'Invite a guest to a summit: they may then see it and register (mailed to them)',
        params: IdParams,
        body: InviteGuest,
        response: { 201: Invitation, ...Failures },
      },
      config: { access: 'organiser' },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await invitations.invite(request.params.id, request.body.memberId, signedInMember(request).id, request.ip),
        ),
  );

  app.delete(
    '/api/summits/:id/invitations/:memberId',
    {
      schema: {
        tags: ['members'],
        summary: 'Withdraw a guest’s invitation',
        params: InvitationParams,
        response: { 204: Type.Null(), ...Failures },
      },
      config: { access: 'organiser' },
    },
    async (request, reply) => {
      await invitations.withdraw(request.params.id, request.params.memberId);
      return reply.status(204).send(null);
    },
  );
};

export default invitationsRoutes;
