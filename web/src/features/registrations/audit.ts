// The waitlist audit log in words: each movement the server records (its action, statuses and detail,
// in the API's identifiers) as organisers read it.
import type { RegistrationEvent } from '@apoc/shared';
import {
  ATTENDANCE_MODES,
  REGISTRATION_STATUSES,
  type AttendanceMode,
  type RegistrationStatus,
} from '@apoc/shared/domain';
import { formatInstant } from '../../lib/instant';
import { MODE_LABELS, STATUS_LABELS } from './registration-state';

const ACTIONS: Record<string, string> = {
  registered: 'Registered',
  rejoined: 'Registered again',
  cancelled: 'Cancelled',
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

export function auditAction(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  const words = action.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const isStatus = (value: string): value is RegistrationStatus =>
  (REGISTRATION_STATUSES as readonly string[]).includes(value);
const isMode = (value: string): value is AttendanceMode => (ATTENDANCE_MODES as readonly string[]).includes(value);

const statusLabel = (status: string | null): string | null =>
  status === null ? null : isStatus(status) ? STATUS_LABELS[status] : status;

/** "On the waitlist → Seat offered"; just the new status for a first registration; "" when unchanged. */
export function auditChange(event: Pick<RegistrationEvent, 'fromStatus' | 'toStatus'>): string {
  const from = statusLabel(event.fromStatus);
  const to = statusLabel(event.toStatus);
  if (!to || from === to) return '';
  return from ? `${from} → ${to}` : to;
}

/** The detail with its instants in the viewer's zone and its modes in words. */
export function auditDetail(event: Pick<RegistrationEvent, 'detail'>, zone: string, locale?: string): string {
  return event.detail
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, (instant) => formatInstant(instant, zone, locale) || instant)
    .replace(/\b(in_person|virtual)\b/g, (mode) => (isMode(mode) ? MODE_LABELS[mode].toLowerCase() : mode));
}
