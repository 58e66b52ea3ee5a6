// How roles are named to people (the API's words are lower-case identifiers). The labels are read in the
// page's language each time (getters), so that other parts of the app keep indexing ROLE_LABELS[role].
import type { MemberRole } from '@apoc/shared/domain';
import { m } from '../../paraglide/messages.js';

export const ROLE_LABELS: Readonly<Record<MemberRole, string>> = {
  get guest() {
    return m.members_role_guest();
  },
  get member() {
    return m.members_role_member();
  },
  get organiser() {
    return m.members_role_organiser();
  },
  get admin() {
    return m.members_role_admin();
  },
};

/** What each role is for, as a sentence of its own (the role select's hint). */
export const ROLE_DESCRIPTIONS: Readonly<Record<MemberRole, string>> = {
  get guest() {
    return m.members_role_guest_description();
  },
  get member() {
    return m.members_role_member_description();
  },
  get organiser() {
    return m.members_role_organiser_description();
  },
  get admin() {
    return m.members_role_admin_description();
  },
};

/** "an organiser", "a member": the role as a sentence names it. */
export function roleWithArticle(role: MemberRole): string {
  return m.members_role_with_article({ role });
}
