// The app's pages, as a discriminated union so that App.svelte's switch is checked by the compiler.
// Every address the app answers is listed here, once: a new page adds its case here and in App.svelte.
import { matchPath } from './lib/router.svelte';

export type Route =
  | { name: 'home' }
  | { name: 'summit'; summitId: string }
  | { name: 'summit-changes'; summitId: string }
  | { name: 'summit-now'; summitId: string }
  | { name: 'summit-evaluation'; summitId: string }
  | { name: 'certificate'; code: string }
  | { name: 'session'; sessionId: string }
  | { name: 'session-moderate'; sessionId: string }
  | { name: 'session-projector'; sessionId: string }
  | { name: 'my-agenda' }
  | { name: 'sign-in' }
  | { name: 'sign-in-problem' }
  | { name: 'verify' }
  | { name: 'me' }
  | { name: 'admin-members' }
  | { name: 'admin-outbox' }
  | { name: 'admin-security' }
  | { name: 'admin-sign-in' }
  | { name: 'mailbox' }
  | { name: 'organise' }
  | {
      name: 'organise-summit';
      summitId: string;
      tab: 'details' | 'agenda' | 'publish' | 'fairness' | 'live' | 'announcements';
    }
  | { name: 'my-registrations' }
  | { name: 'organise-registrations'; summitId: string }
  | { name: 'organise-attendance'; summitId: string }
  | { name: 'organise-credits'; summitId: string }
  | { name: 'not-found' };

const FIXED: Record<string, Route> = {
  '/': { name: 'home' },
  '/sign-in': { name: 'sign-in' },
  '/sign-in/problem': { name: 'sign-in-problem' },
  '/auth/verify': { name: 'verify' },
  '/me': { name: 'me' },
  '/me/agenda': { name: 'my-agenda' },
  '/me/registrations': { name: 'my-registrations' },
  '/admin/members': { name: 'admin-members' },
  '/admin/outbox': { name: 'admin-outbox' },
  '/admin/security': { name: 'admin-security' },
  '/admin/sign-in': { name: 'admin-sign-in' },
  '/dev/mailbox': { name: 'mailbox' },
  '/organise': { name: 'organise' },
};

export function resolveRoute(path: string): Route {
  for (const [pattern, route] of Object.entries(FIXED)) if (matchPath(pattern, path)) return route;
  const summit = matchPath('/summits/:id', path);
  if (summit?.['id']) return { name: 'summit', summitId: summit['id'] };
  const changes = matchPath('/summits/:id/changes', path);
  if (changes?.['id']) return { name: 'summit-changes', summitId: changes['id'] };
  const now = matchPath('/summits/:id/now', path);
  if (now?.['id']) return { name: 'summit-now', summitId: now['id'] };
  const evaluation = matchPath('/summits/:id/evaluation', path);
  if (evaluation?.['id']) return { name: 'summit-evaluation', summitId: evaluation['id'] };
  const certificate = matchPath('/certificates/:code', path);
  if (certificate?.['code']) return { name: 'certificate', code: certificate['code'] };
  const session = matchPath('/sessions/:id', path);
  if (session?.['id']) return { name: 'session', sessionId: session['id'] };
  const moderate = matchPath('/sessions/:id/moderate', path);
  if (moderate?.['id']) return { name: 'session-moderate', sessionId: moderate['id'] };
  const projector = matchPath('/sessions/:id/projector', path);
  if (projector?.['id']) return { name: 'session-projector', sessionId: projector['id'] };
  const organised = matchPath('/organise/summits/:id', path);
  if (organised?.['id']) return { name: 'organise-summit', summitId: organised['id'], tab: 'details' };
  const registrations = matchPath('/organise/summits/:id/registrations', path);
  if (registrations?.['id']) return { name: 'organise-registrations', summitId: registrations['id'] };
  const attendance = matchPath('/organise/summits/:id/attendance', path);
  if (attendance?.['id']) return { name: 'organise-attendance', summitId: attendance['id'] };
  const credits = matchPath('/organise/summits/:id/credits', path);
  if (credits?.['id']) return { name: 'organise-credits', summitId: credits['id'] };
  for (const tab of ['agenda', 'publish', 'fairness', 'live', 'announcements'] as const) {
    const match = matchPath(`/organise/summits/:id/${tab}`, path);
    if (match?.['id']) return { name: 'organise-summit', summitId: match['id'], tab };
  }
  return { name: 'not-found' };
}

/** Pages that show nothing without a sign-in: signing out there leads home instead of to sign-in. */
export function needsSignIn(route: Route): boolean {
  switch (route.name) {
    case 'me':
    case 'my-agenda':
    case 'admin-members':
    case 'admin-outbox':
    case 'admin-security':
    case 'admin-sign-in':
    case 'organise':
    case 'organise-summit':
    case 'my-registrations':
    case 'summit-evaluation':
    case 'organise-registrations':
    case 'organise-attendance':
    case 'organise-credits':
    case 'session-moderate':
    case 'session-projector':
      return true;
    case 'home':
    case 'summit':
    case 'summit-changes':
    case 'summit-now':
    case 'certificate':
    case 'session':
    case 'sign-in':
    case 'sign-in-problem':
    case 'verify':
    case 'mailbox':
    case 'not-found':
      return false;
  }
}
