import { problemType, type Conflict as AgendaConflict, type ProblemSlug } from '@apoc/shared';

// Domain errors are values with meaning; the problems plugin maps each to one problem+json answer.

export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** The kind of problem, from the closed list in `@apoc/shared` (PROBLEM_SLUGS). */
  abstract readonly slug: ProblemSlug;
  abstract readonly title: string;

  constructor(readonly detail?: string) {
    super(detail);
    this.name = new.target.name;
  }

  /** A stable, documented identifier of the kind of problem (RFC 9457 `type`) that the web can switch on. */
  get type(): string {
    return problemType(this.slug);
  }

  /** Extension members of the problem (RFC 9457 §3.2), beyond type, title, status and detail. */
  get extensions(): Record<string, unknown> {
    return {};
  }
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly slug = 'not-found';
  readonly title = 'Not found';

  constructor(what: string, id: string) {
    super(`No ${what} has the id "${id}".`);
  }
}

/**
 * A rule of the platform refuses the request as it stands (409), as its own kind of problem so that the web can
 * tell one refusal from another: `class LastAdmin extends refusal('last-admin', 'The last admin must stay') {}`.
 */
export function refusal(kind: ProblemSlug, heading: string) {
  return class extends DomainError {
    readonly status = 409;
    readonly slug = kind;
    readonly title = heading;
  };
}

export class SessionPublished extends refusal('session-published', 'This session has been published') {}
export class SessionCancelled extends refusal('session-cancelled', 'This session was cancelled') {}
export class SessionNotOnline extends refusal('session-not-online', 'This session is not online') {}
export class JoinWindowClosed extends refusal('join-window-closed', 'The session cannot be joined now') {}
export class EmailTaken extends refusal('email-taken', 'This e-mail address belongs to another member') {}
export class AlreadyErased extends refusal('already-erased', 'This person was erased already') {}
export class LastAdmin extends refusal('last-admin', 'The last admin must stay') {}
export class MessageNotRetryable extends refusal('message-not-retryable', 'Only a failed message can be retried') {}
export class SummitNotPublished extends refusal('summit-not-published', 'The summit is not published yet') {}
export class AnnouncementRepeated extends refusal('announcement-repeated', 'This announcement was just sent') {}
export class NoRecipients extends refusal('no-recipients', 'There is nobody to send this to') {}

/** Starring a session that is not on anyone's personal agenda, such as a break (see isStarrable). */
export class NotStarrable extends DomainError {
  readonly status = 422;
  readonly slug = 'not-starrable';
  readonly title = 'This session cannot be starred';
}

/** The instance cannot serve now (its database does not answer): a proxy sends the request elsewhere. */
export class Unavailable extends DomainError {
  readonly status = 503;
  readonly slug = 'unavailable';
  readonly title = 'Not ready';
}

export class Unauthenticated extends DomainError {
  readonly status = 401;
  readonly slug = 'unauthenticated';
  readonly title = 'Sign in first';
}

export class Forbidden extends DomainError {
  readonly status = 403;
  readonly slug = 'forbidden';
  readonly title = 'Not allowed';
}

/**
 * An administrative action (role change, import, erasure) asked for by a sign-in older than an hour: the
 * client asks for a fresh sign-in link and repeats the action after following it.
 */
export class RecentSignInRequired extends DomainError {
  readonly status = 403;
  readonly slug = 'recent-sign-in-required';
  readonly title = 'Sign in again to do this';

  constructor() {
    super('This needs a sign-in from the last hour. Ask for a new sign-in link, follow it, then try again.');
  }
}

export class InvalidInput extends DomainError {
  readonly status = 400;
  readonly slug = 'invalid-request';
  readonly title = 'The request is not valid';
}

/** A sign-in link that was already used or has expired: it existed, but is gone. */
export class SignInLinkGone extends DomainError {
  readonly status = 410;
  readonly slug = 'sign-in-link-gone';
  readonly title = 'This sign-in link can no longer be used';
}

export class SignInLinkInvalid extends DomainError {
  readonly status = 400;
  readonly slug = 'sign-in-link-invalid';
  readonly title = 'This sign-in link is not valid';
}

export class TooManyRequests extends DomainError {
  readonly status = 429;
  readonly slug = 'too-many-requests';
  readonly title = 'Too many requests';

  constructor(readonly retryAfterSeconds: number) {
    super(`Try again in ${retryAfterSeconds} seconds.`);
  }
}

/** Publishing refused: the agenda still has blocking conflicts, listed in the problem's `conflicts`. */
export class PublishBlocked extends DomainError {
  readonly status = 422;
  readonly slug = 'agenda-has-conflicts';
  readonly title = 'The agenda has conflicts that block publishing';

  constructor(readonly conflicts: AgendaConflict[]) {
    super(conflicts.map((conflict) => conflict.message).join(' '));
  }

  override get extensions(): Record<string, unknown> {
    return { conflicts: this.conflicts };
  }
}
