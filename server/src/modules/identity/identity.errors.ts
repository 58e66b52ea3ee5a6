import type { SsoFailure } from '@apoc/shared';
import { refusal } from '../../errors';

export class EmailDomainTaken extends refusal('email-domain-taken', 'This e-mail domain belongs to another provider') {}

export class SecretKeyMissing extends refusal('secret-key-missing', 'SECRET_KEY is not set') {
  constructor() {
    super(
      "SECRET_KEY is not set: the identity providers' client secrets cannot be stored or read. Set SECRET_KEY (32 characters or more) and restart the server.",
    );
  }
}

/**
 * A sign-in with a provider that did not succeed. Not a problem+json answer: the browser is sent to the sign-in
 * problem page with the reason, and the audit trail records it.
 */
export class SignInFailed extends Error {
  constructor(
    readonly reason: SsoFailure,
    readonly providerId: string | null,
    readonly memberId: string | null = null,
    /** What the provider or the library said, for the trail (addresses masked). */
    readonly said: string | null = null,
  ) {
    super(reason);
    this.name = 'SignInFailed';
  }
}
