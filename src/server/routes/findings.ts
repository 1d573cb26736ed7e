import { Hono } from 'hono';
import type { Document } from '../../core/types.js';
import { applyReviews } from '../../review/apply.js';
import type { Review } from '../../review/types.js';
import type { ApiDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { buildAccusationGraph } from '../graph.js';
import { intParam, minScoreParam, pageParams, textParam } from '../params.js';
import { thresholdsOf } from '../../report/thresholds.js';
import type { LocatedFinding } from '../../store/queries.js';

export function findingRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/findings', async (c) => {
    const page = pageParams(c);
    const filter = { kind: textParam(c, 'kind'), label: textParam(c, 'label'), doc: textParam(c, 'doc') };
    const policy = minScoreParam(c);
    // a threshold is counted and paged in SQL from the label rows' score counts
    return c.json(await deps.store.queries.listFindings({ ...page, ...filter, ...(policy ? { minScores: thresholdsOf(policy) } : {}) }));
  });

  app.get('/findings/labels', async (c) => c.json({ labels: await deps.store.queries.findingLabels(textParam(c, 'kind')) }));

  app.get('/entities', async (c) => {
    return c.json(await deps.store.queries.listEntities({ ...pageParams(c), q: textParam(c, 'q'), type: textParam(c, 'type') }));
  });

  app.get('/entities/:name', async (c) => {
    const name = c.req.param('name');
    const entity = await deps.store.queries.getEntity(name);
    if (!entity) throw new HttpError('NOT_FOUND', 'no entity with this canonical name', name);
    return c.json(entity);
  });

  app.get('/graph/accusations', async (c) => {
    const found = await deps.store.queries.findingsOfKind('accusation', intParam(c, 'limit', 5000, 1, 50_000));
    // analysts' reviews: rejected accusations leave the graph, corrected ones move their edge
    const reviews = (await deps.store.listReviews()).filter((r) => r.target.kind === 'accusation');
    const findings = reviews.length === 0 ? found : reviewedAccusations(found, reviews, c.req.query('showRejected') === 'true');
    const names = new Set<string>();
    const graph = buildAccusationGraph(findings, new Map());
    for (const n of graph.nodes) names.add(n.id);
    const types = await deps.store.queries.entityTypes([...names]);
    for (const n of graph.nodes) n.type = types.get(n.id) ?? null;
    return c.json(graph);
  });

  return app;
}

function reviewedAccusations(found: LocatedFinding[], reviews: Review[], includeRejected: boolean): LocatedFinding[] {
  const byDoc = new Map<string, LocatedFinding[]>();
  for (const f of found) {
    const list = byDoc.get(f.doc);
    if (list) list.push(f);
    else byDoc.set(f.doc, [f]);
  }
  const documents = [...byDoc].map(([id, findings]) => ({ doc: { id } as Document, findings }));
  const applied = applyReviews(documents, reviews, { includeRejected });
  return applied.documents.flatMap((d) => d.findings as LocatedFinding[]);
}
