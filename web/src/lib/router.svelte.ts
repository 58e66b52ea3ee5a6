// A History-API router small enough to read in one sitting: the current location as state,
// navigate(), and a document-level click handler so that plain <a href> links stay plain links.

export type Params = Record<string, string>;

/** Matches "/summits/:id" against "/summits/abc" → { id: 'abc' }; null when it does not match. */
export function matchPath(pattern: string, path: string): Params | null {
  const expected = pattern.split('/').filter(Boolean);
  const actual = path.split('/').filter(Boolean);
  if (expected.length !== actual.length) return null;
  const params: Params = {};
  for (const [index, part] of expected.entries()) {
    const value = actual[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) {
      return null;
    }
  }
  return params;
}

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (redirects, filters in the URL). */
  replace?: boolean;
}

/** A link target as an absolute URL, relative to the page being shown. */
function resolveUrl(to: string): URL {
  return new URL(to, location.href);
}

/**
 * Links the router must leave to the browser: other origins, new tabs, downloads, and anything
 * the server answers itself (the API, calendar feeds).
 */
function isRoutableLink(anchor: HTMLAnchorElement, event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  if (anchor.hasAttribute('download') || anchor.relList.contains('external')) return null;
  const target = anchor.getAttribute('target');
  if (target && target !== '_self') return null;
  const href = anchor.getAttribute('href');
  if (href === null || href.startsWith('#')) return null;
  const url = resolveUrl(anchor.href);
  if (url.origin !== location.origin) return null;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return null;
  return url;
}

export class Router {
  path = $state('/');
  search = $state('');
  /** Increases on every navigation, so that views can react to "a new page" even for the same path. */
  visit = $state(0);

  constructor() {
    if (typeof location !== 'undefined') this.#read();
  }

  #read(): void {
    this.path = location.pathname;
    this.search = location.search;
  }

  navigate(to: string, options: NavigateOptions = {}): void {
    const url = resolveUrl(to);
    if (url.origin !== location.origin) {
      location.assign(url);
      return;
    }
    const samePage = url.pathname === location.pathname && url.search === location.search;
    if (options.replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    this.#read();
    if (url.hash) {
      document.getElementById(decodeURIComponent(url.hash.slice(1)))?.scrollIntoView();
    } else if (!samePage || !options.replace) {
      window.scrollTo(0, 0);
    }
    if (!samePage) this.visit += 1;
  }

  /** Starts listening to the browser; returns the function that stops it. */
  start(): () => void {
    const onPopState = (): void => {
      this.#read();
      this.visit += 1;
    };
    const onClick = (event: MouseEvent): void => {
      const anchor = (event.target as Element | null)?.closest?.('a[href]');
      if (!(anchor instanceof HTMLAnchorElement)) return;
      const url = isRoutableLink(anchor, event);
      if (!url) return;
      // A link to an anchor on the page being shown is the browser's job.
      if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
      event.preventDefault();
      this.navigate(url.pathname + url.search + url.hash);
    };
    window.addEventListener('popstate', onPopState);
    document.addEventListener('click', onClick);
    return () => {
      window.removeEventListener('popstate', onPopState);
      document.removeEventListener('click', onClick);
    };
  }
}

export const router = new Router();
