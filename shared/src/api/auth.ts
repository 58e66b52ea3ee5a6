import { Type, type Static } from 'typebox';
import { Id, Instant, Nullable } from './common';
import { Email, Member } from './members';

/** A path of this site to return to after signing in ("/summits/abc"), never another site. */
export const NextPath = Type.String({ maxLength: 500, pattern: '^/(?![/\\\\])[^\\s]*$' });

export const LoginRequest = Type.Object(
  { email: Email, next: Type.Optional(NextPath) },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const LoginAccepted = Type.Object({
  status: Type.Literal('accepted'),
  detail: Type.String(),
});
export type LoginAccepted = Static<typeof LoginAccepted>;

export const VerifyRequest = Type.Object(
  { token: Type.String({ minLength: 16, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);
export type VerifyRequest = Static<typeof VerifyRequest>;

export const VerifyResult = Type.Object({ member: Member, next: Type.String() });
export type VerifyResult = Static<typeof VerifyResult>;

/** Whom a sign-in link is for, asked before spending it ("Sign in as …?"): the name only, never the address. */
export const VerifyPreview = Type.Object({ name: Type.String(), next: Type.String() });
export type VerifyPreview = Static<typeof VerifyPreview>;

/**
 * Who is signed in, if anyone: `member` is null for a visitor. For pages that ask before they know; unlike
 * `GET /api/me` (401 when signed out, as the contract says), a visitor's answer here is a normal 200.
 */
export const CurrentSession = Type.Object({ member: Nullable(Member) });
export type CurrentSession = Static<typeof CurrentSession>;

export const SignIn = Type.Object({
  id: Id,
  device: Type.String(),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
  current: Type.Boolean({ description: 'The sign-in this request was made with' }),
  /** The identity provider it was made through ("Dana-Farber Cancer Institute"), or null for a mail link. */
  provider: Nullable(Type.Object({ id: Id, name: Type.String() })),
});
export type SignIn = Static<typeof SignIn>;

export const SignInList = Type.Array(SignIn);

export const Revoked = Type.Object({ revoked: Type.Integer() });
export type Revoked = Static<typeof Revoked>;
