// The app's pages, as a discriminated union so that App.svelte's switch is checked by the compiler.
// PAGES.md (in the handbook) is the map; pages join here as their issues land.
import { matchPath } from './lib/router.svelte';

export type Route = { name: 'home' } | { name: 'summit'; summitId: string } | { name: 'not-found' };

export function resolveRoute(path: string): Route {
  if (matchPath('/', path)) return { name: 'home' };
  const summit = matchPath('/summits/:id', path);
  if (summit?.['id']) return { name: 'summit', summitId: summit['id'] };
  return { name: 'not-found' };
}
