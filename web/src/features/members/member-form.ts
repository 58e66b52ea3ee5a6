// The member form (adding a member, an admin editing one): the rules the server enforces (a member
// belongs to an institution, a guest to none; the address looks like one) checked first, so that the
// form can say which field is wrong.
import type { MemberRole } from '@apoc/shared/domain';
import { remainingErrors } from '../../lib/form-errors';
import { m } from '../../paraglide/messages.js';
import { emailProblem } from '../auth/email';

export interface MemberFormValues {
  name: string;
  email: string;
  role: MemberRole;
  /** '' for none (an external guest). */
  institutionId: string;
}

export type MemberFormErrors = Partial<Record<'name' | 'email' | 'institution', string>>;

export function validateMemberForm(values: MemberFormValues): MemberFormErrors {
  const errors: MemberFormErrors = {};
  if (!values.name.trim()) errors.name = m.members_name_required();
  // An empty address is asked for as theirs (the sign-in form's message says "your"); the rest is the same check.
  const email = values.email.trim() ? emailProblem(values.email) : m.members_email_required();
  if (email) errors.email = email;
  if (values.role === 'member' && !values.institutionId) errors.institution = m.members_institution_required();
  if (values.role === 'guest' && values.institutionId) errors.institution = m.members_guest_no_institution();
  return errors;
}

/** What the form says when the server answers that another member has the address (409). */
export const emailTaken = (): string => m.members_email_taken();

/**
 * The messages to show: those of the last submit still true of `values` (each leaves as soon as its field
 * is fixed), and the server's "taken" while the address is still the one it refused.
 */
export function shownMemberErrors(
  submitted: MemberFormErrors,
  values: MemberFormValues,
  takenEmail: string | null,
): MemberFormErrors {
  const remaining = remainingErrors(submitted, validateMemberForm(values));
  return takenEmail !== null && values.email.trim().toLowerCase() === takenEmail.toLowerCase()
    ? { ...remaining, email: emailTaken() }
    : remaining;
}
