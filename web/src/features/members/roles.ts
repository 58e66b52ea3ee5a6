// How roles are named to people (the API's words are lower-case identifiers).
import type { MemberRole } from '@apoc/shared/domain';

export const ROLE_LABELS: Record<MemberRole, string> = {
  guest: 'Guest',
  member: 'Member',
  organiser: 'Organiser',
  admin: 'Admin',
};

export const ROLE_DESCRIPTIONS: Record<MemberRole, string> = {
  guest: 'An invited speaker from outside the network, with no institution',
  member: 'A clinician or researcher of one of the institutions',
  organiser: 'Network staff who run the summits',
  admin: 'Manages members and the outgoing mail',
};

/** "an organiser", "a member": the role as a sentence names it. */
export function roleWithArticle(role: MemberRole): string {
  const word = ROLE_LABELS[role].toLowerCase();
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
