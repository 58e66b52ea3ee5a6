// The API's problems in the page's language, one message per kind of problem (see problems.ts): a chunk of its own,
// loaded when a page in another language first meets a problem, so that first visits do not carry them.
import type { CheckInProblem, Problem } from '@apoc/shared';
import type { Language } from '@apoc/shared/domain';
import type { ProblemSlug } from '@apoc/shared/problems';
import { formatDay, formatMoment, zoneLabel } from '@apoc/shared/time';
import { m } from '../paraglide/messages.js';

/** A problem as a page in another language shows it: its title and its detail. */
export interface LocalProblem {
  title: string;
  detail: string;
}

interface Said {
  /** The language of the messages. */
  locale: Language;
}

/** The message for one kind of problem: a sentence (title and detail alike), or a title with its own detail. */
export type Say = (said: Said, problem: Problem, dateLocale: string) => string | LocalProblem;

/** Kinds only a client's mistake can cause (a developer's, not a person's): one sentence for all. */
const notProcessed = (said: Said): string => m.problems_request_not_processed({}, said);

/** Check-in outside the summit's days: the window is in the problem (`checkIn`), written here in the page's locale. */
const checkInOutsideWindow: Say = (said, problem, dateLocale) => {
  const window = (problem as CheckInProblem).checkIn;
  if (!window) return m.problems_check_in_outside_window({}, said);
  if (window.timing === 'early') {
    return {
      title: m.problems_check_in_early_title({}, said),
      detail: m.problems_check_in_early(
        { moment: formatMoment(Date.parse(window.opensAt), window.timeZone, dateLocale) },
        said,
      ),
    };
  }
  // The window closes at midnight after the last day: the day before that instant is the last day.
  const lastDay = formatDay(Date.parse(window.closesAt) - 1, window.timeZone, dateLocale);
  return {
    title: m.problems_check_in_late_title({}, said),
    detail: m.problems_check_in_late({ day: lastDay, zone: zoneLabel(window.timeZone) }, said),
  };
};

/** Every kind of problem: TypeScript refuses a kind added to PROBLEM_SLUGS and left out here. */
export const PROBLEM_MESSAGES: Record<ProblemSlug, Say> = {
  // Validation names the field in English; the sentence asks to check the form instead.
  'invalid-request': (said) => m.problems_invalid_request({}, said),
  'malformed-json': notProcessed,
  'body-too-large': (said) => m.problems_body_too_large({}, said),
  'unsupported-media-type': notProcessed,
  'bad-content-length': notProcessed,
  // The rate limit answers 429 as a client error (no detail): people meet it when they ask too often.
  'client-error': (said, problem) =>
    problem.status === 429 ? m.problems_too_many_requests({}, said) : notProcessed(said),
  internal: (said) => m.problems_internal({}, said),
  'too-many-requests': (said) => m.problems_too_many_requests({}, said),
  'too-many-connections': (said) => m.problems_too_many_connections({}, said),
  'upgrade-required': notProcessed,
  unavailable: (said) => m.problems_unavailable({}, said),
  unauthenticated: (said) => m.problems_unauthenticated({}, said),
  forbidden: (said) => m.problems_forbidden({}, said),
  'recent-sign-in-required': (said) => m.problems_recent_sign_in_required({}, said),
  'sign-in-link-gone': (said) => m.problems_sign_in_link_gone({}, said),
  'sign-in-link-invalid': (said) => m.problems_sign_in_link_invalid({}, said),
  'not-found': (said) => m.problems_not_found({}, said),
  'agenda-has-conflicts': (said) => m.problems_agenda_has_conflicts({}, said),
  'not-starrable': (said) => m.problems_not_starrable({}, said),
  'session-published': (said) => m.problems_session_published({}, said),
  'session-cancelled': (said) => m.problems_session_cancelled({}, said),
  'session-not-online': (said) => m.problems_session_not_online({}, said),
  'join-window-closed': (said) => m.problems_join_window_closed({}, said),
  'email-taken': (said) => m.problems_email_taken({}, said),
  'email-domain-taken': (said) => m.problems_email_domain_taken({}, said),
  'secret-key-missing': (said) => m.problems_secret_key_missing({}, said),
  'already-erased': (said) => m.problems_already_erased({}, said),
  'last-admin': (said) => m.problems_last_admin({}, said),
  'message-not-retryable': (said) => m.problems_message_not_retryable({}, said),
  'summit-not-published': (said) => m.problems_summit_not_published({}, said),
  'announcement-repeated': (said) => m.problems_announcement_repeated({}, said),
  'no-recipients': (said) => m.problems_no_recipients({}, said),
  'no-registrations-yet': (said) => m.problems_no_registrations_yet({}, said),
  'check-in-outside-window': checkInOutsideWindow,
  'registration-not-open': (said) => m.problems_registration_not_open({}, said),
  'registration-closed': (said) => m.problems_registration_closed({}, said),
  'no-free-seat': (said) => m.problems_no_free_seat({}, said),
  'offer-not-open': (said) => m.problems_offer_not_open({}, said),
  'registration-not-pending': (said) => m.problems_registration_not_pending({}, said),
  'registration-cancelled': (said) => m.problems_registration_cancelled({}, said),
  'registration-not-promotable': (said) => m.problems_registration_not_promotable({}, said),
  'no-seat-to-check-in': (said) => m.problems_no_seat_to_check_in({}, said),
  'not-accredited': (said) => m.problems_not_accredited({}, said),
  'no-certificate': (said) => m.problems_no_certificate({}, said),
  'certificate-not-ready': (said) => m.problems_certificate_not_ready({}, said),
  'evaluation-required': (said) => m.problems_evaluation_required({}, said),
  'evaluation-submitted': (said) => m.problems_evaluation_submitted({}, said),
  'evaluation-closed': (said) => m.problems_evaluation_closed({}, said),
  'certificate-not-valid': (said) => m.problems_certificate_not_valid({}, said),
};
