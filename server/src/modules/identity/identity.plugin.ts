import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import { serverCookie } from '../auth/auth.plugin';
import { IdentityRepository } from './identity.repository';
import { OidcClients } from './identity.oidc';
import { Sealer } from './identity.secrets';
import { IdentityService } from './identity.service';
import { ProviderSignIn, SIGN_IN_ATTEMPT_MS } from './identity.sign-in';

declare module 'fastify' {
  interface FastifyInstance {
    /** Institutions' OpenID Connect providers: connecting them, and signing in through them. */
    identity: IdentityService;
    /** Keeps (or, with null, forgets) the sealed sign-in attempt while the browser is at the provider. */
    setSignInAttemptCookie(reply: FastifyReply, sealed: string | null): void;
    /** The sealed sign-in attempt this browser carries, if any. */
    signInAttemptOf(cookieHeader: string | undefined): string | undefined;
  }
}

const ATTEMPT_COOKIE = 'apoc_sso';

/**
 * Signing in with an institution's identity provider (issue 20). The attempt between leaving for the provider and
 * coming back lives in a sealed cookie of the browser, not in one instance's memory: several instances behind a
 * proxy each finish what another started.
 */
export default fp(
  async function identity(app: FastifyInstance, { config }: { config: Config }) {
    const repository = new IdentityRepository(app.db);
    const clients = new OidcClients({ allowHttp: !config.production, now: () => Date.now() });
    const sealer = config.secretKey ? new Sealer(config.secretKey) : null;
    const signIn = new ProviderSignIn(
      app.db,
      repository,
      app.members.repository,
      app.auth,
      app.audit,
      clients,
      sealer,
      config,
      app.clock,
      app.log,
    );
    const service = new IdentityService(
      app.db,
      repository,
      app.members.repository,
      app.auth,
      app.audit,
      clients,
      sealer,
      signIn,
      config,
      app.clock,
    );
    app.decorate('identity', service);
    // Addresses of an institution that signs in only through its provider get no mail link.
    app.auth.withholdLinksWhen((email) => service.mailLinkWithheld(email));

    // Set like the session cookie. Lax (not Strict) matters here: the provider sends the browser back with a
    // top-level GET from its own site.
    const attemptCookie = serverCookie(ATTEMPT_COOKIE, config);
    app.decorate('setSignInAttemptCookie', (reply: FastifyReply, sealed: string | null) => {
      if (sealed === null) attemptCookie.clear(reply);
      else attemptCookie.set(reply, sealed, { maxAge: SIGN_IN_ATTEMPT_MS / 1000 });
    });
    app.decorate('signInAttemptOf', (cookieHeader: string | undefined) =>
      cookieHeader ? app.parseCookie(cookieHeader)[attemptCookie.name] : undefined,
    );

    // Connected providers whose client secrets cannot be opened sign nobody in: say so when the server starts.
    app.addHook('onReady', async () => {
      for (const warning of await service.startupWarnings()) app.log.warn(warning);
    });
  },
  { name: 'identity', dependencies: ['database', 'audit', 'members', 'authentication'] },
);
