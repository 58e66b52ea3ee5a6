import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CurrentSession,
  IdParams,
  LoginAccepted,
  LoginRequest,
  Problem,
  Revoked,
  SignInList,
  VerifyPreview,
  VerifyRequest,
  VerifyResult,
} from '@apoc/shared';
import { Type } from 'typebox';
import { SIGN_IN_LINK_MINUTES } from '@apoc/shared';
import { NotFound } from '../../errors';
import { signedInMember } from './auth.plugin';
import { toMember } from '../members/members.service';
import { describeDevice } from './auth.device';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Sign-in mail is cheap to ask for and costly to receive. Per e-mail address: at most 5 links in 15 minutes,
  // beyond which the answer stays 202 (it must not tell anything) and no mail leaves, so nobody can flood an
  // inbox from many machines. Per client address the ceiling is high: each of the eight centres reaches the
  // platform through a few corporate addresses, and 200 of its people signing in at once must all succeed.
  const perAddress = { max: 5, windowMs: 15 * 60_000 };
  app.addHook('onClose', async () => app.auth.settled());

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Mail a single-use sign-in link (always 202, known address or not)',
        body: LoginRequest,
        response: { 202: LoginAccepted, 400: Problem, 403: Problem, 429: Problem },
      },
      config: { access: 'public', rateLimit: { max: 1000, timeWindow: 10 * 60_000 } },
    },
    async (request, reply) => {
      const { email, next } = request.body;
      const address = request.ip;
      // The lookup and the mail happen after the answer, for known and unknown addresses alike: the answer's
      // timing cannot tell who is a member.
      app.auth.later(async () => {
        const key = `sign-in link\n${email.trim().toLowerCase()}`;
        if ((await app.limits.windows.hit(key, perAddress.max, perAddress.windowMs)) > 0) return;
        await app.auth.requestLink(email, next, address);
      });
      return reply.status(202).send({
        status: 'accepted',
        detail: `If this address belongs to a member, a sign-in link is on its way. It works once, for ${SIGN_IN_LINK_MINUTES} minutes.`,
      });
    },
  );

  app.post(
    '/api/auth/verify/preview',
    {
      schema: {
        tags: ['auth'],
        summary: "Whom a sign-in link is for, without using it (the verify page asks 'Sign in as …?' first)",
        body: VerifyRequest,
        response: { 200: VerifyPreview, 400: Problem, 403: Problem, 410: Problem, 429: Problem },
      },
      config: { access: 'public', rateLimit: { max: 300, timeWindow: 60_000 } },
    },
    async (request) => {
      const { member, next } = await app.auth.preview(request.body.token, request.ip);
      return { name: member.name, next };
    },
  );

  app.post(
    '/api/auth/verify',
    {
      schema: {
        tags: ['auth'],
        summary: "Exchange a sign-in link's token for a session cookie",
        body: VerifyRequest,
        response: { 200: VerifyResult, 400: Problem, 403: Problem, 410: Problem, 429: Problem },
      },
      config: { access: 'public', rateLimit: { max: 300, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const result = await app.auth.verify(
        request.body.token,
        describeDevice(request.headers['user-agent']),
        request.ip,
      );
      app.setSessionCookie(reply, result.secret, result.expiresAt);
      return { member: toMember(result.member), next: result.next };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End this sign-in (harmless when signed out)',
        response: { 204: Type.Null(), 403: Problem },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      if (request.signInId) await app.auth.signOut(request.signInId);
      app.setSessionCookie(reply, null);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in: the member, or null for a visitor (always 200, unlike GET /api/me)',
        response: { 200: CurrentSession },
      },
      config: { access: 'public' },
    },
    async (request) => ({ member: request.member ? toMember(request.member) : null }),
  );

  app.get(
    '/api/me/sign-ins',
    {
      schema: {
        tags: ['auth'],
        summary: "The caller's active sign-ins (browsers)",
        response: { 200: SignInList, 401: Problem },
      },
      config: { access: 'member' },
    },
    async (request) => {
      return app.auth.list(signedInMember(request).id, request.signInId ?? '');
    },
  );

  app.delete(
    '/api/me/sign-ins/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'End one of the caller’s sign-ins',
        params: IdParams,
        response: { 204: Type.Null(), 401: Problem, 403: Problem, 404: Problem },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      if (!(await app.auth.revoke(signedInMember(request).id, request.params.id, request.ip))) {
        throw new NotFound('sign-in', request.params.id);
      }
      if (request.params.id === request.signInId) app.setSessionCookie(reply, null);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/me/sign-ins',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere, this browser included',
        response: { 200: Revoked, 401: Problem, 403: Problem },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      const revoked = await app.auth.revokeAll(signedInMember(request).id, request.ip);
      app.setSessionCookie(reply, null);
      return reply.send({ revoked });
    },
  );
};

export default authRoutes;
