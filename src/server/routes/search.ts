import { Hono } from 'hono';
import { HIT_END, HIT_START } from '../../store/queries.js';
import type { ApiDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { pageParams, textParam } from '../params.js';

export function searchRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/search', async (c) => {
    const q = textParam(c, 'q', 500);
    if (!q || !q.trim()) throw new HttpError('BAD_REQUEST', 'q (the search text) is required', 'q');
    const page = pageParams(c, 20);
    const scope = textParam(c, 'in') ?? 'all';
    if (!['all', 'documents', 'findings'].includes(scope)) throw new HttpError('BAD_REQUEST', 'in must be all, documents or findings', 'in');
    const empty = { total: 0, limit: page.limit, offset: page.offset, items: [], capped: false };
    return c.json({
      q,
      markers: { start: HIT_START, end: HIT_END },
      documents: scope === 'findings' ? empty : await deps.store.queries.searchDocuments(q, page),
      findings: scope === 'documents' ? empty : await deps.store.queries.searchFindings(q, { ...page, kind: textParam(c, 'kind') }),
    });
  });
  return app;
}
