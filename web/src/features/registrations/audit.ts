// The waitlist audit log in words: each movement the server records (its action, statuses and structured
// detail, in the API's identifiers) as organisers read it.
import type { RegistrationEvent } from '@apoc/shared';
import type { RegistrationAuditAction } from '@apoc/shared/domain';
import { formatInstant } from '../../lib/instant';
import { m } from '../../paraglide/messages.js';
import { MODE_INLINE, STATUS_LABELS } from './registration-state';

const ACTIONS: Record<RegistrationAuditAction, () => string> = {
  registered: () => m.registration_audit_registered(),
  rejoined: () => m.registration_audit_rejoined(),
  cancelled: () => m.registration_audit_cancelled(),
  erased: () => m.registration_audit_erased(),
  offered: () => m.registration_audit_offered(),
  'offer-accepted': () => m.registration_audit_offer_accepted(),
  'offer-declined': () => m.registration_audit_offer_declined(),
  'offer-expired': () => m.registration_audit_offer_expired(),
  promoted: () => m.registration_audit_promoted(),
  'promoted-by-organiser': () => m.registration_audit_promoted_by_organiser(),
  approved: () => m.registration_audit_approved(),
  rejected: () => m.registration_audit_rejected(),
  'mode-changed': () => m.registration_audit_mode_changed(),
  'checked-in': () => m.registration_audit_checked_in(),
};

export function auditAction(action: RegistrationAuditAction): string {
  return ACTIONS[action]();
}

/** "On the waitlist → Seat offered"; just the new status for a first registration; "" when unchanged. */
export function auditChange(event: Pick<RegistrationEvent, 'fromStatus' | 'toStatus'>): string {
  const from = event.fromStatus && STATUS_LABELS[event.fromStatus];
  const to = event.toStatus && STATUS_LABELS[event.toStatus];
  if (!to || from === to) return '';
  return from ? `${from} → ${to}` : to;
}

/** The detail in words: the room door of a check-in, an offer's deadline in the viewer's zone, a change of mode, a reason. */
export function auditDetail(event: Pick<RegistrationEvent, 'detail'>, zone: string, locale?: string): string {
  const { until, from, to, reason, waitlisted, session } = event.detail;
  const parts: string[] = [];
  if (session) parts.push(m.registration_door_title({ session }));
  if (until) parts.push(m.registration_offer_until({ when: formatInstant(until, zone, locale) || until }));
  if (from && to) parts.push(`${MODE_INLINE[from]} → ${MODE_INLINE[to]}`);
  if (waitlisted) parts.push(m.registration_audit_waitlisted());
  if (reason) parts.push(reason);
  return parts.join('; ');
}
