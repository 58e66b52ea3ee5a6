// The app's pages, as a discriminated union so that App.svelte's switch is checked by the compiler.
// PAGES.md (in the handbook) is the map; pages join here as their issues land.
import { matchPath } from './lib/router.svelte';

export type Route =
  | { name: 'home' }
  | { name: 'summit'; summitId: string }
  | { name: 'sign-in' }
  | { name: 'verify' }
  | { name: 'me' }
  | { name: 'admin-members' }
  | { name: 'admin-outbox' }
  | { name: 'mailbox' }
  | { name: 'not-found' };

const FIXED: Record<string, Route> = {
  '/': { name: 'home' },
  '/sign-in': { name: 'sign-in' },
  '/auth/verify': { name: 'verify' },
  '/me': { name: 'me' },
  '/admin/members': { name: 'admin-members' },
  '/admin/outbox': { name: 'admin-outbox' },
  '/dev/mailbox': { name: 'mailbox' },
};

export function resolveRoute(path: string): Route {
  for (const [pattern, route] of Object.entries(FIXED)) if (matchPath(pattern, path)) return route;
  const summit = matchPath('/summits/:id', path);
  if (summit?.['id']) return { name: 'summit', summitId: summit['id'] };
  return { name: 'not-found' };
}

/** Pages that show nothing without a sign-in: signing out there leads home instead of to sign-in. */
export function needsSignIn(route: Route): boolean {
  switch (route.name) {
    case 'me':
    case 'admin-members':
    case 'admin-outbox':
      return true;
    case 'home':
    case 'summit':
    case 'sign-in':
    case 'verify':
    case 'mailbox':
    case 'not-found':
      return false;
  }
}
