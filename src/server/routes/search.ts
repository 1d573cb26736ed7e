import { Hono } from 'hono';
import { displayName } from '../../report/names.js';
import { HIT_END, HIT_START } from '../../store/queries.js';
import { describeExpansion, expandQuery } from '../../store/search-expand.js';
import { groupedSearch, type SearchFilter } from '../../store/search-groups.js';
import { campsOf } from '../corpus.js';
import type { ApiDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { dateParam, intParam, pageParams, textParam } from '../params.js';
import { SearchAliases } from '../search-aliases.js';

/** Where a search's camps come from (camp_source in the answer). */
export type CampSource = { from: 'corpus'; computed_at: string } | { from: 'run'; run: number } | { from: 'none' };

/**
 * Document → its camps' labels, read without computing the corpus findings (the first search
 * of a server used to compute them over the whole corpus, minutes on a large one): the corpus
 * findings when this server has already computed them for the store as it is, else the camps
 * the newest finished run stored (discern analyze / report), else none.
 */
export async function campIndex(deps: Pick<ApiDeps, 'corpus' | 'store'>): Promise<{ camps: Map<string, string[]>; source: CampSource }> {
  const camps = new Map<string, string[]>();
  const add = (label: string, documents: readonly string[]) => {
    for (const d of documents) {
      const list = camps.get(d);
      if (list) list.push(label);
      else camps.set(d, [label]);
    }
  };
  const computed = await deps.corpus.peek();
  if (computed) {
    for (const camp of campsOf(computed.findings)) add(camp.label, camp.documents);
    return { camps, source: { from: 'corpus', computed_at: computed.computedAt } };
  }
  const stored = await deps.store.queries.storedCamps();
  if (!stored) return { camps, source: { from: 'none' } };
  for (const camp of stored.camps) add(camp.label, camp.documents);
  return { camps, source: { from: 'run', run: stored.runId } };
}

/**
 * GET /search: the user's words widened by aliases (gazetteers and the corpus's own alias
 * resolution), spelling variants and inflections (src/store/search-expand.ts); results
 * grouped by document with facets (src/store/search-groups.ts), plus the flat lists of
 * matching documents and findings for clients that page through them.
 */
export function searchRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const aliases = new SearchAliases(deps.store, deps.resources.gazetteer);
  app.get('/search', async (c) => {
    const q = textParam(c, 'q', 500);
    if (!q || !q.trim()) throw new HttpError('BAD_REQUEST', 'q (the search text) is required', 'q');
    const page = pageParams(c, 20);
    const scope = textParam(c, 'in') ?? 'all';
    if (!['all', 'documents', 'findings'].includes(scope)) throw new HttpError('BAD_REQUEST', 'in must be all, documents or findings', 'in');
    const kind = textParam(c, 'kind') || undefined;
    // exact=1: the words as typed, without aliases, variants or inflections
    const exact = c.req.query('exact') === '1';
    const query = expandQuery(q, exact ? () => null : await aliases.lookup());
    if (exact) for (const g of query.groups) g.alternatives = g.alternatives.slice(0, 1);
    const filter: SearchFilter = {
      outlet: textParam(c, 'outlet'),
      from: dateParam(c, 'from'),
      to: dateParam(c, 'to'),
      camp: textParam(c, 'camp') || undefined,
      kind,
      doc: textParam(c, 'doc') || undefined,
    };
    const groupPage = { limit: intParam(c, 'group_limit', 10, 1, 100), offset: intParam(c, 'group_offset', 0, 0, 1_000_000) };
    const { camps, source } = await campIndex(deps);
    const grouped = await groupedSearch(deps.store.queries, query, filter, groupPage, (doc) => camps.get(doc) ?? []);
    const empty = { total: 0, limit: page.limit, offset: page.offset, items: [], capped: false };
    return c.json({
      q,
      markers: { start: HIT_START, end: HIT_END },
      expansion: describeExpansion(query),
      camp_source: source,
      total: grouped.total,
      capped: grouped.capped,
      groups: grouped.groups.map((g) => ({ ...g, doc: { ...g.doc, name: displayName({ id: g.doc.id, source: g.doc }) } })),
      facets: grouped.facets,
      documents: scope === 'findings' ? empty : await deps.store.queries.searchDocuments(query, page),
      findings: scope === 'documents' ? empty : await deps.store.queries.searchFindings(query, { ...page, kind }),
    });
  });
  return app;
}
