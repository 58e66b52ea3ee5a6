import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ConnectionReport,
  ConnectionTestRequest,
  CreateIdentityProvider,
  Disconnected,
  IdParams,
  IdentityProvider,
  IdentityProviderList,
  Problem,
  ProviderMemberParams,
  SsoCallbackQuery,
  SsoDiscoverRequest,
  SsoDiscovery,
  SsoProviderList,
  SsoStartParams,
  SsoStartQuery,
  UpdateIdentityProvider,
} from '@apoc/shared';
import { Type } from 'typebox';
import { Failures, NoContent, Refusals } from '../../schemas';
import { requireRecentSignIn, signedInMember } from '../auth/auth.plugin';
import { describeDevice } from '../auth/auth.device';

const identityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const identity = app.identity;
  // A navigation, not a JSON call: the answer is always a redirect, to the provider or back to the site.
  const redirect = {
    302: Type.Null({ description: 'Location: the provider, the page to return to, or /sign-in/problem?reason=…' }),
    400: Problem,
    429: Problem,
  };
  // Open to anyone, and as often as people sign in; a script probing addresses or providers meets the limit.
  const signInCall = { access: 'public', rateLimit: { max: 300, timeWindow: 60_000 } } as const;

  app.get(
    '/api/auth/sso/providers',
    {
      schema: {
        tags: ['identity'],
        summary: 'The institutions whose people can sign in with their own account ("Sign in with …")',
        response: { 200: SsoProviderList },
      },
      config: { access: 'public' },
    },
    async () => identity.providers(),
  );

  app.post(
    '/api/auth/sso/discover',
    {
      schema: {
        tags: ['identity'],
        summary:
          "Which institution's provider handles an address (by its domain), and whether the mail link is allowed",
        body: SsoDiscoverRequest,
        response: { 200: SsoDiscovery, 400: Problem, 403: Problem, 429: Problem },
      },
      config: signInCall,
    },
    async (request) => identity.discover(request.body.email),
  );

  app.get(
    '/api/auth/sso/:providerId/start',
    {
      schema: {
        tags: ['identity'],
        summary: 'Leave for the provider to sign in (authorization code flow with PKCE, state and nonce)',
        params: SsoStartParams,
        querystring: SsoStartQuery,
        response: redirect,
      },
      config: signInCall,
    },
    async (request, reply) => {
      const { location, attempts } = await identity.signIn.start(
        request.params.providerId,
        request.query,
        app.signInAttemptOf(request.headers.cookie),
        request.ip,
      );
      app.setSignInAttemptCookie(reply, attempts);
      return reply.redirect(location, 302);
    },
  );

  app.get(
    '/api/auth/sso/callback',
    {
      schema: {
        tags: ['identity'],
        summary:
          "The provider's answer: signs in (the session cookie) and returns to the page, or explains the problem",
        querystring: SsoCallbackQuery,
        response: redirect,
      },
      config: signInCall,
    },
    async (request, reply) => {
      const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const { location, session, attempts } = await identity.signIn.finish(
        request.query,
        rawQuery,
        app.signInAttemptOf(request.headers.cookie),
        describeDevice(request.headers['user-agent']),
        request.ip,
      );
      // Used or not, the answered attempt serves once; other tabs' sign-ins stay under way.
      app.setSignInAttemptCookie(reply, attempts);
      if (session) app.setSessionCookie(reply, session.secret, session.expiresAt);
      return reply.redirect(location, 302);
    },
  );

  app.get(
    '/api/admin/identity-providers',
    {
      schema: {
        tags: ['identity'],
        summary:
          'The connected identity providers, the redirect URI to register at them, and whether SECRET_KEY is set',
        response: { 200: IdentityProviderList, 401: Problem, 403: Problem },
      },
      config: { access: 'admin' },
    },
    async () => identity.list(),
  );

  app.post(
    '/api/admin/identity-providers',
    {
      schema: {
        tags: ['identity'],
        summary: "Connect an institution's OpenID Connect provider (the client secret is stored encrypted)",
        body: CreateIdentityProvider,
        response: { 201: IdentityProvider, 400: Problem, 401: Problem, 403: Problem, 409: Problem },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      // Who may sign in, and how, changes: like a role change it needs a sign-in from the last hour.
      requireRecentSignIn(request, app.clock());
      return reply.status(201).send(await identity.create(signedInMember(request), request.body, request.ip));
    },
  );

  app.post(
    '/api/admin/identity-providers/test',
    {
      schema: {
        tags: ['identity'],
        summary:
          'Test a provider before connecting it: discovery, issuer, code flow, PKCE, scopes, and the credentials',
        body: ConnectionTestRequest,
        response: { 200: ConnectionReport, 400: Problem, 401: Problem, 403: Problem },
      },
      config: { access: 'admin', rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (request) => identity.testUnsaved(request.body),
  );

  app.get(
    '/api/admin/identity-providers/:id',
    {
      schema: {
        tags: ['identity'],
        summary: 'One connected provider',
        params: IdParams,
        response: { 200: IdentityProvider, ...Failures },
      },
      config: { access: 'admin' },
    },
    async (request) => identity.get(request.params.id),
  );

  app.patch(
    '/api/admin/identity-providers/:id',
    {
      schema: {
        tags: ['identity'],
        summary: 'Change a provider (a new client secret replaces the stored one)',
        params: IdParams,
        body: UpdateIdentityProvider,
        response: { 200: IdentityProvider, ...Refusals },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      requireRecentSignIn(request, app.clock());
      return identity.update(signedInMember(request), request.params.id, request.body, request.ip);
    },
  );

  app.delete(
    '/api/admin/identity-providers/:id',
    {
      schema: {
        tags: ['identity'],
        summary: 'Disconnect a provider: every sign-in made through it ends at once',
        params: IdParams,
        response: { 200: Disconnected, ...Failures },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      requireRecentSignIn(request, app.clock());
      return identity.disconnect(signedInMember(request), request.params.id, request.ip);
    },
  );

  app.post(
    '/api/admin/identity-providers/:id/test',
    {
      schema: {
        tags: ['identity'],
        summary: 'Test the connection of a connected provider, in plain words',
        params: IdParams,
        response: { 200: ConnectionReport, ...Failures },
      },
      config: { access: 'admin', rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (request) => identity.test(request.params.id),
  );

  app.delete(
    '/api/admin/identity-providers/:id/members/:memberId',
    {
      schema: {
        tags: ['identity'],
        summary: "Forget a member's account at a provider: their next sign-in there is matched by e-mail again",
        params: ProviderMemberParams,
        response: { ...NoContent, ...Failures },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      requireRecentSignIn(request, app.clock());
      await identity.unlink(signedInMember(request), request.params.id, request.params.memberId, request.ip);
      return reply.status(204).send(null);
    },
  );
};

export default identityRoutes;
