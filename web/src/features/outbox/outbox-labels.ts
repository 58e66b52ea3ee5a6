// How the outbox's statuses and kinds of message are named and coloured on the admin and dev pages.
import type { OutboxStatus } from '@apoc/shared/domain';
import type { BadgeTone } from '../../components/Badge.svelte';
import { m } from '../../paraglide/messages.js';

/** A status as a badge or a filter names it ("Queued"); read in the page's language each time. */
export const STATUS_LABELS: Readonly<Record<OutboxStatus, string>> = {
  get queued() {
    return m.admin_outbox_status_queued();
  },
  get sending() {
    return m.admin_outbox_status_sending();
  },
  get sent() {
    return m.admin_outbox_status_sent();
  },
  get failed() {
    return m.admin_outbox_status_failed();
  },
};

/** "3 queued", "1 failed": a status's count, as the summary's chart reads it. */
export function statusCount(status: OutboxStatus, count: number): string {
  switch (status) {
    case 'queued':
      return m.admin_outbox_count_queued({ count });
    case 'sending':
      return m.admin_outbox_count_sending({ count });
    case 'sent':
      return m.admin_outbox_count_sent({ count });
    case 'failed':
      return m.admin_outbox_count_failed({ count });
  }
}

/** The word beside a count in the summary's legend ("queued"), which may agree with that count. */
export function statusLegend(status: OutboxStatus, count: number): string {
  switch (status) {
    case 'queued':
      return m.admin_outbox_legend_queued({ count });
    case 'sending':
      return m.admin_outbox_legend_sending({ count });
    case 'sent':
      return m.admin_outbox_legend_sent({ count });
    case 'failed':
      return m.admin_outbox_legend_failed({ count });
  }
}

export const STATUS_TONES: Record<OutboxStatus, BadgeTone> = {
  queued: 'blue',
  sending: 'teal',
  sent: 'success',
  failed: 'danger',
};

/** The kinds of mail the server sends, by the name people read. */
const KIND_LABELS: Record<string, () => string> = {
  'sign-in': () => m.admin_mail_kind_sign_in(),
  invitation: () => m.admin_mail_kind_invitation(),
  announcement: () => m.admin_mail_kind_announcement(),
  'agenda-changed': () => m.admin_mail_kind_agenda_changed(),
  'reminder-session': () => m.admin_mail_kind_reminder_session(),
  'reminder-summit': () => m.admin_mail_kind_reminder_summit(),
  'registration-confirmed': () => m.admin_mail_kind_registration_confirmed(),
  'registration-promoted': () => m.admin_mail_kind_registration_promoted(),
  'registration-waitlisted': () => m.admin_mail_kind_registration_waitlisted(),
  'registration-offer': () => m.admin_mail_kind_registration_offer(),
  'registration-pending': () => m.admin_mail_kind_registration_pending(),
  'registration-cancelled': () => m.admin_mail_kind_registration_cancelled(),
};

/** "sign-in" → "Sign-in link"; kinds added later read as their own words until they get a label. */
export function kindLabel(kind: string): string {
  const label = Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind] : undefined;
  return label ? label() : kind.charAt(0).toUpperCase() + kind.slice(1).replaceAll('-', ' ');
}

/** "name@institution.org" → ["name@", "institution.org"]: where a narrow column may break an address. */
export function addressLines(address: string): string[] {
  const at = address.indexOf('@');
  return at < 0 ? [address] : [address.slice(0, at + 1), address.slice(at + 1)];
}
