import type { Database } from '@apoc/db';
import type { FastifyBaseLogger } from 'fastify';
import { ROLE_RANK, SIGN_IN_LINK_MINUTES, type MemberRole, type SignIn } from '@apoc/shared';
import type { Config } from '../../config';
import { SignInLinkGone, SignInLinkInvalid } from '../../errors';
import { languageOf, m } from '../../i18n/locale';
import type { MembersRepository, MemberWithZone } from '../members/members.repository';
import type { Outbox } from '../outbox/outbox.plugin';
import { renderMail } from '../outbox/outbox.layout';
import type { Audit } from '../audit/audit.plugin';
import type { AuthRepository } from './auth.repository';
import { hashSecret, newSecret } from './auth.secrets';

export const SIGN_IN_LINK_TTL_MS = SIGN_IN_LINK_MINUTES * 60_000;

const HOUR_MS = 3_600_000;
/**
 * How long a sign-in may last at most, from the moment the link was followed, and how long it survives
 * without being used. Those who can change the network (organisers, admins) sign in again every 12 hours
 * and after 2 idle hours; members and guests once a month, or after two weeks away. Decided by the member's
 * current role at each request, so a promotion shortens a sign-in at once.
 */
export function signInLifetime(role: MemberRole): { absoluteMs: number; idleMs: number } {
  return ROLE_RANK[role] >= ROLE_RANK.organiser
    ? { absoluteMs: 12 * HOUR_MS, idleMs: 2 * HOUR_MS }
    : { absoluteMs: 30 * 24 * HOUR_MS, idleMs: 14 * 24 * HOUR_MS };
}

/** Until when a sign-in made at `createdAt` and used at `now` lasts: the idle window, never past the absolute end. */
export function signInExpiry(role: MemberRole, createdAt: Date, now: Date): Date {
  const { absoluteMs, idleMs } = signInLifetime(role);
  return new Date(Math.min(now.getTime() + idleMs, createdAt.getTime() + absoluteMs));
}
/** Extending a sign-in costs a write: do it at most this often per browser. */
const SLIDE_EVERY_MS = 10 * 60_000;

export interface Authenticated {
  member: MemberWithZone;
  signInId: string;
  /** When the browser signed in by following a link. */
  signedInAt: Date;
  /** Set when the sign-in was extended, so the cookie can be extended too. */
  renewedUntil: Date | null;
}

/** Which provider, if any, keeps the mail link from an address (its institution signs in only through it). */
export type LinkWithholding = (email: string) => Promise<{ providerId: string } | null>;

export class AuthService {
  private readonly pending = new Set<Promise<void>>();
  private linkWithheld: LinkWithholding | null = null;

  constructor(
    private readonly db: Database,
    private readonly auth: AuthRepository,
    private readonly members: MembersRepository,
    private readonly outbox: Outbox,
    private readonly config: Config,
    private readonly audit: Audit,
    private readonly clock: () => Date,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Runs `work` just after the current answer is sent; failures are logged, never thrown at the caller. */
  later(work: () => Promise<void>): void {
    const done = new Promise<void>((resolve) =>
      setImmediate(() => {
        work()
          .catch((error: unknown) => this.log.error({ err: error }, 'could not queue a sign-in link'))
          .finally(resolve);
      }),
    );
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
  }

  /** Resolves once the work handed to `later` so far is done (on close, and for tests reading the outbox). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /** Lets the identity providers' module keep links from addresses whose institution signs in only through it. */
  withholdLinksWhen(rule: LinkWithholding): void {
    this.linkWithheld = rule;
  }

  /**
   * Mails a sign-in link to an active member, unless their institution's provider is the only way in (then the
   * trail records the link that was not sent). Says nothing either way, so that the answer does not tell who is a
   * member, nor who signs in how.
   */
  async requestLink(email: string, next: string | undefined, address: string): Promise<void> {
    const member = await this.members.findByEmail(email);
    if (!member?.active) return;
    const withheld = await this.linkWithheld?.(member.email);
    if (withheld) {
      await this.audit.record({
        kind: 'sign-in-link-withheld',
        subjectId: member.id,
        address,
        detail: { provider: withheld.providerId },
      });
      return;
    }
    const now = this.clock();
    const token = newSecret();
    const link = new URL('/auth/verify', this.config.publicUrl);
    link.searchParams.set('token', token);
    const locale = languageOf(member.language);
    const mail = renderMail({
      language: locale,
      greeting: m.mail_greeting_hello({ name: member.name }, { locale }),
      paragraphs: [m.mail_signin_body({ minutes: SIGN_IN_LINK_MINUTES }, { locale })],
      action: { label: m.mail_signin_action({}, { locale }), url: link.toString() },
      footnotes: [m.mail_signin_footnote({}, { locale })],
    });
    await this.db.unit(async () => {
      // Only the newest link works: a mailbox holding older ones holds nothing usable.
      await this.auth.voidTokens(member.id, now);
      await this.auth.createToken(
        {
          memberId: member.id,
          tokenHash: hashSecret(token),
          next: next ?? null,
          expiresAt: new Date(now.getTime() + SIGN_IN_LINK_TTL_MS),
        },
        now,
      );
      await this.outbox.repository.enqueue(
        { kind: 'sign-in', recipient: member.email, subject: m.mail_signin_subject({}, { locale }), ...mail },
        now,
      );
      await this.audit.record({ kind: 'sign-in-link-requested', subjectId: member.id, address });
    });
    this.outbox.kick();
  }

  /** Exchanges a sign-in link's token for a new sign-in: the secret for the cookie, once. */
  /**
   * Whom a sign-in link is for, without spending it: the verify page asks "Sign in as …?" first, because mail
   * scanners open links and would otherwise use them up.
   */
  async preview(token: string, address: string): Promise<{ member: MemberWithZone; next: string }> {
    const { row, member } = await this.usableToken(token, this.clock(), address);
    return { member, next: row.next ?? '/' };
  }

  /** Exchanges a sign-in link's token for a new sign-in: the secret for the cookie, once. */
  async verify(token: string, device: string, address: string) {
    const now = this.clock();
    const { row, member } = await this.usableToken(token, now, address);
    const session = await this.db.unit(async () => {
      if (!(await this.auth.useToken(row.id, now))) return null;
      return this.startSession(member, { device, address }, now);
    });
    if (!session) throw await this.failed('used', address, member.id);
    return { member, secret: session.secret, expiresAt: session.expiresAt, next: row.next ?? '/' };
  }

  /**
   * A new sign-in (browser) for a member who has just proved who they are, by a link or through their institution's
   * provider (`providerId`): the secret for the session cookie, once. Joins the caller's unit of work.
   */
  async startSession(
    member: MemberWithZone,
    how: { device: string; address: string; providerId?: string },
    now: Date,
  ): Promise<{ signInId: string; secret: string; expiresAt: Date }> {
    const secret = newSecret();
    const expiresAt = signInExpiry(member.role, now, now);
    const signInId = await this.db.unit(async () => {
      const id = await this.auth.createSignIn(
        {
          memberId: member.id,
          secretHash: hashSecret(secret),
          device: how.device,
          expiresAt,
          providerId: how.providerId ?? null,
        },
        now,
      );
      await this.members.markSignedIn(member.id, now);
      await this.audit.record({
        kind: 'sign-in',
        actorId: member.id,
        subjectId: member.id,
        address: how.address,
        detail: { device: how.device, ...(how.providerId ? { provider: how.providerId } : {}) },
      });
      return id;
    });
    return { signInId, secret, expiresAt };
  }

  /** Ends every sign-in made through a provider, which is being disconnected; joins the caller's unit of work. */
  async endProviderSignIns(providerId: string): Promise<number> {
    return this.auth.revokeByProvider(providerId, this.clock());
  }

  private async usableToken(token: string, now: Date, address: string) {
    const row = await this.auth.findToken(hashSecret(token));
    if (!row) throw await this.failed('unknown', address, null);
    if (row.usedAt) throw await this.failed('used', address, row.memberId);
    if (row.voidedAt) throw await this.failed('voided', address, row.memberId);
    if (row.expiresAt <= now) throw await this.failed('expired', address, row.memberId);
    const member = await this.members.findById(row.memberId);
    if (!member?.active) throw await this.failed('inactive', address, row.memberId);
    return { row, member };
  }

  /** Records a failed use of a link in the audit trail and says what went wrong in words the member can act on. */
  private async failed(
    reason: 'unknown' | 'used' | 'voided' | 'expired' | 'inactive',
    address: string,
    memberId: string | null,
  ) {
    await this.audit.record({ kind: 'sign-in-failed', subjectId: memberId, address, detail: { reason } });
    switch (reason) {
      case 'unknown':
        return new SignInLinkInvalid('Ask for a new link on the sign-in page.');
      case 'inactive':
        return new SignInLinkInvalid('This account cannot sign in. Contact the organisers.');
      case 'used':
        return new SignInLinkGone('This link was already used. Ask for a new one on the sign-in page.');
      case 'voided':
        return new SignInLinkGone(
          'A newer sign-in link was sent since, or you signed out everywhere: use the newest link, or ask for a new one.',
        );
      case 'expired':
        return new SignInLinkGone(
          `This link has expired (links work for ${SIGN_IN_LINK_MINUTES} minutes). Ask for a new one on the sign-in page.`,
        );
    }
  }

  /** The member behind a session cookie, if the sign-in is still valid; slides its expiry forward. */
  async authenticate(secret: string): Promise<Authenticated | null> {
    const found = await this.auth.findSignIn(hashSecret(secret));
    const now = this.clock();
    if (!found) return null;
    const { signIn, member } = found;
    if (signIn.revokedAt || signIn.expiresAt <= now || !member.active) return null;
    // The role decides the lifetime now, not when the sign-in began: a promoted member's sign-in shortens.
    const { absoluteMs, idleMs } = signInLifetime(member.role);
    if (now.getTime() >= signIn.createdAt.getTime() + absoluteMs) return null;
    if (now.getTime() >= signIn.lastSeenAt.getTime() + idleMs) return null;
    let renewedUntil: Date | null = null;
    if (now.getTime() - signIn.lastSeenAt.getTime() > SLIDE_EVERY_MS) {
      renewedUntil = signInExpiry(member.role, signIn.createdAt, now);
      await this.auth.touchSignIn(signIn.id, now, renewedUntil);
    }
    return { member, signInId: signIn.id, signedInAt: signIn.createdAt, renewedUntil };
  }

  async signOut(signInId: string): Promise<void> {
    const signIn = await this.auth.findSignInById(signInId);
    if (signIn) await this.auth.revoke(signIn.memberId, signInId, this.clock());
  }

  async list(memberId: string, currentId: string): Promise<SignIn[]> {
    const rows = await this.auth.listActive(memberId, this.clock());
    return rows.map((row) => ({
      id: row.id,
      device: row.device,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      current: row.id === currentId,
      provider: row.providerId && row.providerName ? { id: row.providerId, name: row.providerName } : null,
    }));
  }

  async revoke(memberId: string, signInId: string, address: string): Promise<boolean> {
    return this.db.unit(async () => {
      const revoked = await this.auth.revoke(memberId, signInId, this.clock());
      if (revoked)
        await this.audit.record({ kind: 'sign-in-revoked', actorId: memberId, subjectId: memberId, address });
      return revoked;
    });
  }

  /** Signs the member out everywhere: every sign-in ends, and every link still in their mailbox stops working. */
  async revokeAll(memberId: string, address: string): Promise<number> {
    const now = this.clock();
    return this.db.unit(async () => {
      await this.auth.voidTokens(memberId, now);
      const revoked = await this.auth.revokeAll(memberId, now);
      await this.audit.record({
        kind: 'signed-out-everywhere',
        actorId: memberId,
        subjectId: memberId,
        address,
        detail: { revoked },
      });
      return revoked;
    });
  }
}
