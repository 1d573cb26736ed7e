/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Hash routing: every view is `#/<view>/<arg>?<params>`, so each has a URL that can be
 * bookmarked, shared and reloaded. Updating params in place (a selected finding) replaces
 * the history entry instead of re-rendering.
 */

export interface Route {
  view: string;
  arg: string | null;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?', 2);
  const [view, ...rest] = path.split('/');
  const arg = rest.length > 0 ? decodeURIComponent(rest.join('/')) : null;
  return { view: view || 'overview', arg, params: new URLSearchParams(query) };
}

export function href(view: string, arg?: string | null, params: Record<string, string | number | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') query.set(k, String(v));
  const qs = query.toString();
  return `#/${view}${arg ? `/${encodeURIComponent(arg)}` : ''}${qs ? `?${qs}` : ''}`;
}

/** Changes the URL's params without a re-render (e.g. the selected finding). */
export function replaceParams(params: Record<string, string | null>): void {
  const route = parseRoute(location.hash);
  for (const [k, v] of Object.entries(params)) {
    if (v === null) route.params.delete(k);
    else route.params.set(k, v);
  }
  const qs = route.params.toString();
  history.replaceState(null, '', `#/${route.view}${route.arg ? `/${encodeURIComponent(route.arg)}` : ''}${qs ? `?${qs}` : ''}`);
}
