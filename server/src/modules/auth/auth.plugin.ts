import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ROLE_RANK } from '@apoc/shared';
import type { Config } from '../../config';
import { Forbidden, RecentSignInRequired, Unauthenticated } from '../../errors';
import type { Access } from '../../plugins/access';
import type { MemberWithZone } from '../members/members.repository';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';

export const SESSION_COOKIE = 'apoc_session';

/**
 * A cookie that only the server sets and reads (the session; a sign-in attempt with a provider): HttpOnly, Path=/,
 * Lax, Secure over https. In production its name carries the `__Host-` prefix: browsers then accept it only with
 * Secure, Path=/ and no Domain, so neither a sibling subdomain nor a plain-HTTP page can plant or read it.
 */
export function serverCookie(name: string, config: Pick<Config, 'production' | 'publicUrl'>) {
  const cookieName = config.production ? `__Host-${name}` : name;
  const secure = config.production || config.publicUrl.protocol === 'https:';
  const options = { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
  return {
    name: cookieName,
    set(reply: FastifyReply, value: string, lifetime?: { expires: Date } | { maxAge: number }): void {
      reply.setCookie(cookieName, value, { ...options, ...lifetime });
    },
    clear(reply: FastifyReply): void {
      reply.clearCookie(cookieName, options);
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
    /** Sets the session cookie (after sign-in) or clears it (after sign-out). */
    setSessionCookie(reply: FastifyReply, secret: string | null, expiresAt?: Date): void;
  }
  interface FastifyRequest {
    /** The signed-in member, or null for an anonymous visitor. */
    member: MemberWithZone | null;
    signInId: string | null;
    /** When this browser signed in (by following a link): administrative actions want it recent. */
    signedInAt: Date | null;
  }
}

/** The caller of a route whose access is not public; the access hook has already refused anonymous calls. */
export function signedInMember(request: FastifyRequest): MemberWithZone {
  if (!request.member) throw new Unauthenticated();
  return request.member;
}

/** How recent a sign-in must be for administrative actions (role changes, imports, erasure). */
export const RECENT_SIGN_IN_MS = 60 * 60_000;

/**
 * Refuses an administrative action unless the caller signed in (followed a link) within the last hour,
 * so that a stolen or forgotten session cannot change roles, import members or erase anyone.
 */
export function requireRecentSignIn(request: FastifyRequest, now: Date): void {
  const signedInAt = request.signedInAt;
  if (!signedInAt || now.getTime() - signedInAt.getTime() > RECENT_SIGN_IN_MS) throw new RecentSignInRequired();
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function requiredRank(access: Access): number | null {
  switch (access) {
    case 'public':
      return null;
    case 'member':
      return ROLE_RANK.guest;
    case 'organiser':
      return ROLE_RANK.organiser;
    case 'admin':
      return ROLE_RANK.admin;
  }
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Who is calling, and may they: resolves the session cookie to a member, refuses cross-site writes
 * (CSRF), and enforces the access every route declares, before any body is parsed.
 */
export default fp(
  async function authentication(app: FastifyInstance, { config }: { config: Config }) {
    // Parsed here, when a request carries cookies, rather than by a hook of its own on every request.
    await app.register(cookie, { hook: false });
    const repository = new AuthRepository(app.db);
    const auth = new AuthService(
      app.db,
      repository,
      app.members.repository,
      app.outbox,
      config,
      app.audit,
      app.clock,
      app.log,
    );
    // A deactivated member's browsers are signed out at once, not when their cookies expire.
    app.members.onDeactivated((memberId, now) => repository.revokeAll(memberId, now));
    const sessionCookie = serverCookie(SESSION_COOKIE, config);
    const ownOrigin = config.publicUrl.origin;

    app.decorate('auth', auth);
    app.decorate('setSessionCookie', (reply: FastifyReply, secret: string | null, expiresAt?: Date) => {
      if (secret === null) sessionCookie.clear(reply);
      else sessionCookie.set(reply, secret, expiresAt ? { expires: expiresAt } : undefined);
    });
    app.decorateRequest('member', null);
    app.decorateRequest('signInId', null);
    app.decorateRequest('signedInAt', null);

    // What a signed-in person is answered is theirs: no browser, proxy or shared cache may keep a copy, whatever
    // caching a route would allow an anonymous visitor.
    app.addHook('onSend', (request, reply, payload, done) => {
      if (request.member || request.url.startsWith('/api/auth/')) reply.header('cache-control', 'no-store');
      done(null, payload);
    });

    /** Whether the signed-in member (if any) may call the route, by the access it declares. */
    const mayCall = (request: FastifyRequest): void => {
      const access = request.routeOptions.config?.access;
      if (!access) return;
      const rank = requiredRank(access);
      if (rank === null) return;
      if (!request.member) throw new Unauthenticated('This needs a signed-in member.');
      if (ROLE_RANK[request.member.role] < rank) throw new Forbidden(`This needs the ${access} role.`);
    };
    const signIn = async (request: FastifyRequest, reply: FastifyReply, secret: string): Promise<void> => {
      const authenticated = await auth.authenticate(secret);
      if (authenticated) {
        request.member = authenticated.member;
        request.signInId = authenticated.signInId;
        request.signedInAt = authenticated.signedInAt;
        if (authenticated.renewedUntil) app.setSessionCookie(reply, secret, authenticated.renewedUntil);
      } else {
        // A stale cookie: forget it so the browser stops sending it.
        app.setSessionCookie(reply, null);
      }
      mayCall(request);
    };

    // A callback rather than an async function: a request without a session (most reads) is checked without a
    // promise of its own.
    app.addHook('onRequest', (request, reply, done) => {
      let secret: string | undefined;
      try {
        const cookies = request.headers.cookie;
        secret = cookies ? app.parseCookie(cookies)[sessionCookie.name] : undefined;

        // Cross-site request forgery: a browser always says where a write comes from, and a cookie-carrying
        // write must be JSON, which another site cannot send without our consent.
        if (STATE_CHANGING.has(request.method)) {
          const origin = request.headers.origin;
          if (origin !== undefined && origin !== ownOrigin) {
            throw new Forbidden(`Requests from ${origin} may not change anything here.`);
          }
          const type = request.headers['content-type'] ?? '';
          if (secret && hasBody(request) && !/^application\/json\b/i.test(type)) {
            throw new Forbidden('A signed-in request that changes something must send JSON.');
          }
        }
        if (!secret) {
          mayCall(request);
          done();
          return;
        }
      } catch (error) {
        done(error as Error);
        return;
      }
      signIn(request, reply, secret).then(() => done(), done);
    });
  },
  { name: 'authentication', dependencies: ['database', 'outbox', 'access', 'audit', 'members'] },
);
