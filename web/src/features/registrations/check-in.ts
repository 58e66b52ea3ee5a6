// The check-in desk's words: what a typed or scanned code becomes, and what the desk is told after
// each attempt ("Checked in: Name (Institution)", "Already checked in at 09:12 (Essen)").
import type { CheckInProblem, CheckInResult, Institution } from '@apoc/shared';
import { formatTime, localDate, zoneLabel } from '@apoc/shared/time';
import type { ApiError } from '../../lib/api';
import { formatInstant } from '../../lib/instant';
import { m } from '../../paraglide/messages.js';

/** The server's rule for a code: 4 to 64 letters, digits or hyphens. */
const CODE = /^[A-Z0-9-]{4,64}$/;

/** A typed code as the server expects it: capitals, without the spaces people type between groups. */
export function normaliseCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function isValidCode(code: string): boolean {
  return CODE.test(code);
}

/**
 * The code carried by a scanned QR image: the code itself (what the confirmation e-mail's image holds),
 * or the last path segment or parameter of an address that ends with one. Null for anything else.
 */
export function codeFromScan(raw: string): string | null {
  const text = normaliseCode(raw);
  if (isValidCode(text)) return text;
  const tail = /[=/:]([A-Z0-9-]{4,64})$/.exec(text)?.[1];
  return tail ?? null;
}

export interface DeskMessage {
  tone: 'success' | 'warning' | 'danger';
  text: string;
  /** Outside the summit's days: the code the organiser may check in anyway, once they confirm. */
  confirmCode?: string;
}

/** "09:12 (Berlin)" when it was today (in the viewer's zone), else the day too. */
export function checkInTime(instant: number, zone: string, now: number, locale?: string): string {
  if (localDate(instant, zone) !== localDate(now, zone)) return formatInstant(instant, zone, locale);
  return `${formatTime(instant, zone, locale)} (${zoneLabel(zone)})`;
}

export function checkInMessage(
  result: CheckInResult,
  institutions: readonly Pick<Institution, 'id' | 'name'>[],
  zone: string,
  now: number,
  locale?: string,
): DeskMessage {
  const { registration } = result;
  const institution = institutions.find((i) => i.id === registration.institutionId)?.name;
  const who = `${registration.name} (${institution ?? (registration.institutionId ? registration.institutionId : m.registration_checkin_guest())})`;
  if (!result.alreadyCheckedIn) return { tone: 'success', text: m.registration_checkin_done({ who }) };
  const text = registration.checkedInAt
    ? m.registration_checkin_already_at({
        time: checkInTime(Date.parse(registration.checkedInAt), zone, now, locale),
        who,
      })
    : m.registration_checkin_already({ who });
  return { tone: 'warning', text };
}

export function checkInFailure(error: ApiError, code: string): DeskMessage {
  if (error.isNotFound) return { tone: 'danger', text: m.registration_checkin_not_found({ code }) };
  // Too early or too late: the server says why (in the summit's zone); the organiser decides.
  if ((error.problem as CheckInProblem).checkIn) {
    return { tone: 'warning', text: `${error.title}. ${error.detail ?? ''}`.trim(), confirmCode: code };
  }
  return { tone: 'danger', text: error.detail ?? error.title };
}
