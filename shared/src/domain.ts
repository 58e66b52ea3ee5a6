// The domain's closed vocabularies, shared by the schema, the API and the web app.
// Kept free of TypeBox so that the web bundle can import them without the schema builder.

export const MEMBER_ROLES = ['member', 'organiser', 'admin', 'guest'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const SUMMIT_FORMATS = ['in_person', 'virtual', 'hybrid'] as const;
export type SummitFormat = (typeof SUMMIT_FORMATS)[number];

export const SUMMIT_STATUSES = ['draft', 'published', 'archived'] as const;
export type SummitStatus = (typeof SUMMIT_STATUSES)[number];

export const SESSION_KINDS = [
  'keynote',
  'plenary',
  'panel',
  'workshop',
  'breakout',
  'poster',
  'break',
  'networking',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_PERSON_ROLES = ['speaker', 'chair'] as const;
export type SessionPersonRole = (typeof SESSION_PERSON_ROLES)[number];

export const SUMMIT_FORMAT_LABELS: Record<SummitFormat, string> = {
  in_person: 'In person',
  virtual: 'Virtual',
  hybrid: 'Hybrid',
};

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  keynote: 'Keynote',
  plenary: 'Plenary',
  panel: 'Panel',
  workshop: 'Workshop',
  breakout: 'Breakout',
  poster: 'Posters',
  break: 'Break',
  networking: 'Networking',
};

/**
 * Whether a member may star a session of this kind, so that it joins their agenda. A break is everyone's
 * pause between sessions, not something one chooses to attend: starring it would only fill "my agenda" and
 * the calendar with bare "Coffee break" entries. Networking events (a welcome reception, a dinner) are
 * chosen and have seats, so they can be starred.
 */
export function isStarrable(kind: SessionKind): boolean {
  return kind !== 'break';
}

/** Whether a session of this kind may carry CME/CPD credits: pauses and social events earn none. */
export function earnsCredits(kind: SessionKind): boolean {
  return kind !== 'break' && kind !== 'networking';
}

/** queued → sending → sent, or failed after a permanent rejection; a failed message can be retried. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** How long a sign-in link works. */
export const SIGN_IN_LINK_MINUTES = 10;

/** What the security audit trail records (issue 14); admins read it, filtered by kind. */
export const SECURITY_EVENT_KINDS = [
  'sign-in',
  'sign-in-failed',
  'sign-in-link-requested',
  'sign-in-revoked',
  'signed-out-everywhere',
  'role-changed',
  'member-deactivated',
  'member-reactivated',
  'member-created',
  'member-erased',
  'members-imported',
  'data-exported',
  'outbox-retried',
  'guest-invited',
  // Sign-in with an institution's identity provider (issue 20)
  'sign-in-link-withheld',
  'identity-provider-connected',
  'identity-provider-changed',
  'identity-provider-disconnected',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

/**
 * Why a sign-in with a provider did not succeed: the `reason` of the problem page (`/sign-in/problem`) it lands on.
 * - `denied`: the person cancelled at the provider, or the provider refused them (a disabled or deleted account).
 * - `expired`: no sign-in was started in this browser, or it was started more than 10 minutes ago.
 * - `state-mismatch`: the provider's answer does not belong to the sign-in this browser started (a forged link).
 * - `code-rejected`: the provider refused to honour its answer (used already, or too old).
 * - `invalid-response`: the provider's answer failed the checks (issuer, audience, nonce, expiry).
 * - `provider-error`: the provider reported a failure of its own.
 * - `provider-unreachable`: the provider did not answer.
 * - `misconfigured`: the connection is set up wrong (client id or secret refused, no discovery, SECRET_KEY).
 * - `unknown-provider`: no such provider is connected (any more).
 * - `email-missing`: the provider did not give an e-mail address, and none is linked yet.
 * - `email-unverified`: the provider does not say that the address is verified.
 * - `domain-not-owned`: the address's domain is not one of this provider's institution.
 * - `not-a-member`: nobody has this address, and this provider does not create members.
 * - `deactivated`: the member's account is deactivated.
 * - `account-conflict`: the member is already linked to another account of this provider.
 * - `internal`: something unexpected went wrong here (logged).
 */
export const SSO_FAILURES = [
  'denied',
  'expired',
  'state-mismatch',
  'code-rejected',
  'invalid-response',
  'provider-error',
  'provider-unreachable',
  'misconfigured',
  'unknown-provider',
  'email-missing',
  'email-unverified',
  'domain-not-owned',
  'not-a-member',
  'deactivated',
  'account-conflict',
  'internal',
] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

/**
 * The page a failed sign-in with a provider lands on (`?reason=<SsoFailure>&provider=<id>`); it says what happened
 * and offers the mail link where the provider allows it.
 */
export const SSO_PROBLEM_PAGE = '/sign-in/problem';

/** Rank of each role for access checks: a route open to members is open to everyone signed in above them. */
export const ROLE_RANK: Record<MemberRole, number> = { guest: 0, member: 1, organiser: 2, admin: 3 };

export const ATTENDANCE_MODES = ['in_person', 'virtual'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'offered', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Every movement of a registration the organisers' audit log records. */
export const REGISTRATION_AUDIT_ACTIONS = [
  'registered',
  'rejoined',
  'cancelled',
  'erased',
  'offered',
  'offer-accepted',
  'offer-declined',
  'offer-expired',
  'promoted',
  'promoted-by-organiser',
  'approved',
  'rejected',
  'mode-changed',
  'checked-in',
] as const;
export type RegistrationAuditAction = (typeof REGISTRATION_AUDIT_ACTIONS)[number];

/**
 * What an audit entry says beyond its action and statuses: an offer's deadline, a mode change, why a
 * registration ended, that an approval found no seat free, at which room door a badge was scanned. Instants in
 * ISO 8601 (UTC).
 */
export interface RegistrationAuditDetail {
  until?: string;
  from?: AttendanceMode;
  to?: AttendanceMode;
  reason?: string;
  waitlisted?: boolean;
  /** A check-in at a session's room door: the session's title. */
  session?: string;
}

/** Statuses that hold a seat: the count that must never exceed capacity or quota. */
export const SEAT_HOLDING: readonly RegistrationStatus[] = ['confirmed', 'offered'];

/** A member's place in a session's live Q&A and polls. */
export const LIVE_ROLES = ['attendee', 'moderator'] as const;
export type LiveRole = (typeof LIVE_ROLES)[number];

/**
 * Who may take part in a session's live Q&A, and how: organisers, admins and the session's chairs moderate;
 * its speakers and the members holding a seat at its summit (confirmed or offered, in any mode) attend.
 * Nobody but organisers takes part in a cancelled session.
 */
export function liveRole(input: {
  role: MemberRole;
  /** The member's roles in this session (speaker, chair), if any. */
  sessionRoles: readonly SessionPersonRole[];
  registration: RegistrationStatus | undefined;
  cancelled: boolean;
}): LiveRole | null {
  if (ROLE_RANK[input.role] >= ROLE_RANK.organiser) return 'moderator';
  if (input.cancelled) return null;
  if (input.sessionRoles.includes('chair')) return 'moderator';
  if (input.sessionRoles.length > 0) return 'attendee';
  return input.registration && SEAT_HOLDING.includes(input.registration) ? 'attendee' : null;
}

/**
 * Who an announcement is written to, among a summit's registrants holding a seat: all of them, those
 * attending in person, those attending online, or those of one institution. Here, without the schema
 * builder, so that the web app takes the same values as the API's schema.
 */
export const ANNOUNCEMENT_AUDIENCES = ['all', 'in_person', 'virtual', 'institution'] as const;
export type AnnouncementAudience = (typeof ANNOUNCEMENT_AUDIENCES)[number];

export const ANNOUNCEMENT_TITLE_MAX = 150;
export const ANNOUNCEMENT_BODY_MAX = 5000;

export const FEED_SCOPES = ['agenda', 'starred'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

export const REMINDER_PREFERENCES = ['starred', 'all', 'off'] as const;
export type ReminderPreference = (typeof REMINDER_PREFERENCES)[number];

/** The languages the platform speaks (issue 18), by their ISO 639-1 codes; English is the source of every text. */
export const LANGUAGES = ['en', 'fr', 'de', 'es', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];
