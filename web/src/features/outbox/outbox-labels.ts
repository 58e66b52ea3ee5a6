// How the outbox's statuses and kinds of message are named and coloured on the admin and dev pages.
import type { OutboxStatus } from '@apoc/shared/domain';
import type { BadgeTone } from '../../components/Badge.svelte';

export const STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
};

export const STATUS_TONES: Record<OutboxStatus, BadgeTone> = {
  queued: 'blue',
  sending: 'teal',
  sent: 'success',
  failed: 'danger',
};

const KIND_LABELS: Record<string, string> = {
  'sign-in': 'Sign-in link',
};

/** "sign-in" → "Sign-in link"; kinds added later read as their own words until they get a label. */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1).replaceAll('-', ' ');
}

/** "name@institution.org" → ["name@", "institution.org"]: where a narrow column may break an address. */
export function addressLines(address: string): string[] {
  const at = address.indexOf('@');
  return at < 0 ? [address] : [address.slice(0, at + 1), address.slice(at + 1)];
}
