import type { Db } from '@apoc/db';
import type { SignIn } from '@apoc/shared';
import type { Config } from '../../config';
import { SignInLinkGone, SignInLinkInvalid } from '../../errors';
import type { MembersRepository, MemberWithZone } from '../members/members.repository';
import type { Outbox } from '../outbox/outbox.plugin';
import { renderMail } from '../outbox/outbox.layout';
import type { AuthRepository } from './auth.repository';
import { hashSecret, newSecret } from './auth.secrets';

export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;
export const SIGN_IN_TTL_MS = 30 * 24 * 3_600_000;
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

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly auth: AuthRepository,
    private readonly members: MembersRepository,
    private readonly outbox: Outbox,
    private readonly config: Config,
  ) {}

  /**
   * Mails a sign-in link to an active member. Says nothing either way, so that the answer does not
   * tell who is a member.
   */
  async requestLink(email: string, next: string | undefined): Promise<void> {
    const member = this.members.findByEmail(email);
    if (!member?.active) return;
    const now = new Date();
    const token = newSecret();
    const link = new URL('/auth/verify', this.config.publicUrl);
    link.searchParams.set('token', token);
    const mail = renderMail({
      greeting: `Hello ${member.name},`,
      paragraphs: ['Use the button below to sign in to APoC Summits. The link works once, for 15 minutes.'],
      action: { label: 'Sign in to APoC Summits', url: link.toString() },
      footnotes: ['If you did not ask to sign in, ignore this message: nobody can sign in without the link.'],
    });
    this.db.transaction(() => {
      this.auth.createToken(
        {
          memberId: member.id,
          tokenHash: hashSecret(token),
          next: next ?? null,
          expiresAt: new Date(now.getTime() + SIGN_IN_LINK_TTL_MS),
        },
        now,
      );
      this.outbox.repository.enqueue(
        { kind: 'sign-in', recipient: member.email, subject: 'Your sign-in link for APoC Summits', ...mail },
        now,
      );
    });
    this.outbox.kick();
  }

  /** Exchanges a sign-in link's token for a new sign-in: the secret for the cookie, once. */
  async verify(token: string, device: string) {
    const now = new Date();
    const row = this.auth.findToken(hashSecret(token));
    if (!row) throw new SignInLinkInvalid('Ask for a new link on the sign-in page.');
    if (row.usedAt) throw new SignInLinkGone('This link was already used. Ask for a new one on the sign-in page.');
    if (row.expiresAt <= now) throw new SignInLinkGone('This link has expired. Ask for a new one on the sign-in page.');
    const member = this.members.findById(row.memberId);
    if (!member?.active) throw new SignInLinkInvalid('This account cannot sign in. Contact the organisers.');

    const secret = newSecret();
    const expiresAt = new Date(now.getTime() + SIGN_IN_TTL_MS);
    const signInId = this.db.transaction(() => {
      if (!this.auth.useToken(row.id, now)) return null;
      return this.auth.createSignIn({ memberId: member.id, secretHash: hashSecret(secret), device, expiresAt }, now);
    });
    if (!signInId) throw new SignInLinkGone('This link was already used. Ask for a new one on the sign-in page.');
    return { member, secret, expiresAt, next: row.next ?? '/' };
  }

  /** The member behind a session cookie, if the sign-in is still valid; slides its expiry forward. */
  authenticate(secret: string): Authenticated | null {
    const signIn = this.auth.findSignIn(hashSecret(secret));
    const now = new Date();
    if (!signIn || signIn.revokedAt || signIn.expiresAt <= now) return null;
    const member = this.members.findById(signIn.memberId);
    if (!member?.active) return null;
    let renewedUntil: Date | null = null;
    if (now.getTime() - signIn.lastSeenAt.getTime() > SLIDE_EVERY_MS) {
      renewedUntil = new Date(now.getTime() + SIGN_IN_TTL_MS);
      this.auth.touchSignIn(signIn.id, now, renewedUntil);
    }
    return { member, signInId: signIn.id, signedInAt: signIn.createdAt, renewedUntil };
  }

  async signOut(signInId: string): Promise<void> {
    const signIn = this.auth.findSignInById(signInId);
    if (signIn) this.auth.revoke(signIn.memberId, signInId, new Date());
  }

  async list(memberId: string, currentId: string): Promise<SignIn[]> {
    const rows = await this.auth.listActive(memberId, new Date());
    return rows.map((row) => ({
      id: row.id,
      device: row.device,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      current: row.id === currentId,
    }));
  }

  async revoke(memberId: string, signInId: string): Promise<boolean> {
    return this.auth.revoke(memberId, signInId, new Date());
  }

  async revokeAll(memberId: string): Promise<number> {
    return this.auth.revokeAll(memberId, new Date());
  }
}
