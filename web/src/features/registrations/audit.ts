// The waitlist audit log in words: each movement the server records (its action, statuses and structured
// detail, in the API's identifiers) as organisers read it.
import type { RegistrationEvent } from '@apoc/shared';
import type { RegistrationAuditAction } from '@apoc/shared/domain';
import { formatInstant } from '../../lib/instant';
import { MODE_LABELS, STATUS_LABELS } from './registration-state';

const ACTIONS: Record<RegistrationAuditAction, string> = {
  registered: 'Registered',
  rejoined: 'Registered again',
  cancelled: 'Cancelled',
  erased: 'Cancelled: personal data erased',
  offered: 'Offered a seat',
  'offer-accepted': 'Accepted the offer',
  'offer-declined': 'Declined the offer',
  'offer-expired': 'Offer expired',
  promoted: 'Moved up from the waitlist',
  'promoted-by-organiser': 'Promoted by an organiser',
  approved: 'Approved',
  rejected: 'Rejected',
  'mode-changed': 'Changed attendance mode',
  'checked-in': 'Checked in',
};

export function auditAction(action: RegistrationAuditAction): string {
  return ACTIONS[action];
}

/** "On the waitlist → Seat offered"; just the new status for a first registration; "" when unchanged. */
export function auditChange(event: Pick<RegistrationEvent, 'fromStatus' | 'toStatus'>): string {
  const from = event.fromStatus && STATUS_LABELS[event.fromStatus];
  const to = event.toStatus && STATUS_LABELS[event.toStatus];
  if (!to || from === to) return '';
  return from ? `${from} → ${to}` : to;
}

/** The detail in words: an offer's deadline in the viewer's zone, a change of mode, a reason. */
export function auditDetail(event: Pick<RegistrationEvent, 'detail'>, zone: string, locale?: string): string {
  const { until, from, to, reason, waitlisted } = event.detail;
  const parts: string[] = [];
  if (until) parts.push(`until ${formatInstant(until, zone, locale) || until}`);
  if (from && to) parts.push(`${MODE_LABELS[from].toLowerCase()} → ${MODE_LABELS[to].toLowerCase()}`);
  if (waitlisted) parts.push('no seat free: waitlisted');
  if (reason) parts.push(reason);
  return parts.join('; ');
}
