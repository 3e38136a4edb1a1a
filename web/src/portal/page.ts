/**
 * What a page renderer gives the shell: its title, its content, and what to do once it is shown
 * (which may give back what to undo before the page is drawn again, e.g. remove a map).
 */
export interface PortalPage {
  title: string;
  content: Node[];
  after?: () => (() => void) | void;
}

/**
 * Test hook: <html data-portal-state="loading|ready|not-found|gone|error">, so that a browser test waits on
 * an attribute, never on a clock.
 */
export type PortalState = 'loading' | 'ready' | 'not-found' | 'gone' | 'error';

export function setPortalState(state: PortalState): void {
  document.documentElement.dataset.portalState = state;
}

export type Route = { page: 'home' } | { page: 'search' } | { page: 'dataset'; id: string } | { page: 'unknown' };

/** `/portal`, `/portal/search`, `/portal/datasets/{id}` (a trailing slash is the same page). */
export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/portal') return { page: 'home' };
  if (path === '/portal/search') return { page: 'search' };
  const match = /^\/portal\/datasets\/([^/]+)$/.exec(path);
  if (match) {
    try {
      return { page: 'dataset', id: decodeURIComponent(match[1]!) };
    } catch {
      return { page: 'unknown' };
    }
  }
  return { page: 'unknown' };
}
