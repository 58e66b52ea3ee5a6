// What the sign-in and member forms accept as an e-mail address before asking the server, which has
// the last word: enough to catch a missing "@" or a stray space, not an RFC 5322 parser.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why `value` is not an e-mail address, or null when it looks like one. */
export function emailProblem(value: string): string | null {
  const email = value.trim();
  if (!email) return 'Enter your e-mail address.';
  if (!email.includes('@')) return 'An e-mail address has an “@”, as in name@institution.org.';
  if (!EMAIL.test(email)) return 'This does not look like an e-mail address: check it for typos and spaces.';
  if (email.length > 254) return 'This address is too long.';
  return null;
}
