// What the sign-in and member forms accept as an e-mail address before asking the server, which has
// the last word: enough to catch a missing "@" or a stray space, not an RFC 5322 parser.
import { m } from '../../paraglide/messages.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why `value` is not an e-mail address, or null when it looks like one. */
export function emailProblem(value: string): string | null {
  const email = value.trim();
  if (!email) return m.auth_email_missing();
  if (!email.includes('@')) return m.auth_email_no_at();
  if (!EMAIL.test(email)) return m.auth_email_invalid();
  if (email.length > 254) return m.auth_email_too_long();
  return null;
}
