// Where to go after signing in. The address comes from the URL (`/sign-in?next=…`) or from the server,
// and an attacker can write either into a link: only a path of this site is ever followed, so that a
// sign-in link cannot send a member on to another site ("open redirect").

/** The sign-in pages themselves: returning to them after signing in would only loop. */
const SIGN_IN_PATHS = ['/sign-in', '/sign-in/problem', '/auth/verify'];

/** Same rule as the server's `NextPath`: starts with one "/", no "//" or "/\" (other hosts), no spaces. */
const SITE_PATH = /^\/(?![/\\])[^\s]*$/;
const MAX_LENGTH = 500;

/** `value` when it is a safe path of this site to return to, else `fallback`. */
export function safeNextPath(value: string | null | undefined, fallback = '/'): string {
  if (!value || value.length > MAX_LENGTH || !SITE_PATH.test(value)) return fallback;
  // Control characters (tabs, newlines are spaces already) never belong in a path; browsers strip some.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, 'https://site.invalid');
  } catch {
    return fallback;
  }
  // What the browser would really open must still be this site (catches "/\t/evil.example" and the like).
  if (url.origin !== 'https://site.invalid') return fallback;
  if (SIGN_IN_PATHS.includes(url.pathname.replace(/\/+$/, ''))) return fallback;
  return value;
}

/** The sign-in page, carrying where to return afterwards (nothing for the home page). */
export function signInPath(next?: string | null): string {
  const target = safeNextPath(next);
  return target === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(target)}`;
}

/** The `next` parameter of a query string ("?next=%2Fme" → "/me"), made safe. */
export function nextFromSearch(search: string): string {
  return safeNextPath(new URLSearchParams(search).get('next'));
}
