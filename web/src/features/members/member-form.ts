// The member form (adding a member, an admin editing one): the rules the server enforces (a member
// belongs to an institution, a guest to none; the address looks like one) checked first, so that the
// form can say which field is wrong.
import type { MemberRole } from '@apoc/shared/domain';
import { remainingErrors } from '../../lib/form-errors';
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
  if (!values.name.trim()) errors.name = 'Enter the member’s full name.';
  const email = emailProblem(values.email);
  if (email) errors.email = email.replace('your e-mail address', 'their e-mail address');
  if (values.role === 'member' && !values.institutionId)
    errors.institution = 'A member belongs to one of the institutions.';
  if (values.role === 'guest' && values.institutionId)
    errors.institution = 'A guest comes from outside the network: choose “None”.';
  return errors;
}

/** What the server says when another member has the address (409). */
export const EMAIL_TAKEN = 'Another member has this e-mail address already: search for them in the list.';

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
    ? { ...remaining, email: EMAIL_TAKEN }
    : remaining;
}
