/**
 * The kinds of problem the API answers with (RFC 9457 `type`). The server builds every problem's `type` from
 * this list and the web switches on the slug, so a kind is named once here and nowhere else.
 */
export const PROBLEM_BASE = 'https://apoc.invalid/problems/';

export const PROBLEM_SLUGS = [
  // Requests the server cannot read or will not take
  'invalid-request',
  'malformed-json',
  'body-too-large',
  'unsupported-media-type',
  'bad-content-length',
  'client-error',
  'internal',
  'too-many-requests',
  'too-many-connections',
  'upgrade-required',
  'unavailable',
  // Who may do what
  'unauthenticated',
  'forbidden',
  'recent-sign-in-required',
  'sign-in-link-gone',
  'sign-in-link-invalid',
  // Identity providers (sign in with an institution)
  'email-domain-taken',
  'secret-key-missing',
  // Generic outcomes (a rule that refuses has a kind of its own below)
  'not-found',
  // Agenda and sessions
  'agenda-has-conflicts',
  'not-starrable',
  'session-published',
  'session-cancelled',
  'session-not-online',
  'join-window-closed',
  // Members, privacy, mail
  'email-taken',
  'already-erased',
  'last-admin',
  'message-not-retryable',
  // Announcements
  'summit-not-published',
  'announcement-repeated',
  'no-recipients',
  // Planner
  'no-registrations-yet',
  // Registrations
  'check-in-outside-window',
  'registration-not-open',
  'registration-closed',
  'no-free-seat',
  'offer-not-open',
  'registration-not-pending',
  'registration-cancelled',
  'registration-not-promotable',
  'no-seat-to-check-in',
  // Credits, evaluations and certificates
  'not-accredited',
  'no-certificate',
  'certificate-not-ready',
  'evaluation-required',
  'evaluation-submitted',
  'evaluation-closed',
  'certificate-not-valid',
] as const;

export type ProblemSlug = (typeof PROBLEM_SLUGS)[number];

export function problemType(slug: ProblemSlug): string {
  return `${PROBLEM_BASE}${slug}`;
}

/** The slug of a problem's `type`, or undefined for a type this version does not know (or `about:blank`). */
export function problemSlug(type: string | undefined): ProblemSlug | undefined {
  if (!type?.startsWith(PROBLEM_BASE)) return undefined;
  const slug = type.slice(PROBLEM_BASE.length);
  return (PROBLEM_SLUGS as readonly string[]).includes(slug) ? (slug as ProblemSlug) : undefined;
}
