// What the page a failed sign-in with an institution's provider lands on says, for each reason the server gives
// (`/sign-in/problem?reason=<SsoFailure>&provider=<id>`). The reason comes from the address, which anyone can
// write: anything outside the list reads as the general sentence.
import { SSO_FAILURES, type SsoFailure } from '@apoc/shared/domain';
import { m } from '../../paraglide/messages.js';

/** The reason in the address, when it is one the server sends. */
export function ssoFailure(value: string | null): SsoFailure | null {
  return SSO_FAILURES.find((failure) => failure === value) ?? null;
}

/** What happened and what to do, in one or two plain sentences about `institution`. */
export function ssoProblemText(reason: SsoFailure | null, institution: string): string {
  const inputs = { institution };
  switch (reason) {
    case 'denied':
      return m.auth_sso_problem_denied(inputs);
    case 'expired':
      return m.auth_sso_problem_expired(inputs);
    case 'state-mismatch':
      return m.auth_sso_problem_interrupted(inputs);
    case 'code-rejected':
    case 'invalid-response':
      return m.auth_sso_problem_untrusted(inputs);
    case 'provider-error':
    case 'provider-unreachable':
      return m.auth_sso_problem_unavailable(inputs);
    case 'misconfigured':
      return m.auth_sso_problem_misconfigured(inputs);
    case 'unknown-provider':
      return m.auth_sso_problem_unknown_provider();
    case 'email-missing':
      return m.auth_sso_problem_email_missing(inputs);
    case 'email-unverified':
      return m.auth_sso_problem_email_unverified(inputs);
    case 'domain-not-owned':
      return m.auth_sso_problem_domain_not_owned(inputs);
    case 'not-a-member':
      return m.auth_sso_problem_not_a_member(inputs);
    case 'deactivated':
      return m.auth_sso_problem_deactivated();
    case 'account-conflict':
      return m.auth_sso_problem_account_conflict(inputs);
    case 'internal':
    case null:
      return m.auth_sso_problem_general(inputs);
  }
}

/** Whether starting again with the same provider can help (not when the provider is gone or the member is). */
export function retryHelps(reason: SsoFailure | null): boolean {
  return reason !== 'unknown-provider' && reason !== 'deactivated' && reason !== 'misconfigured';
}
