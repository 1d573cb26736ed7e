import { Hono } from 'hono';
import type { Document } from '../../core/types.js';
import { commentBanners, KeyFindingGatherer, KEY_FINDING_CAPS, type KeyFindingKind } from '../../report/key-findings.js';
import { applyReviews } from '../../review/apply.js';
import type { LocatedFinding } from '../../store/queries.js';
import type { ApiDeps } from '../deps.js';
import { documentNames } from '../names.js';
import { minScoreParam, textParam } from '../params.js';

/** Accusation and claim findings read for the ranking at most (each kind). */
const MAX_SCANNED = 50_000;
/** A document view lists at most this many items of a kind. */
const DOC_CAPS = Object.fromEntries(Object.entries(KEY_FINDING_CAPS).map(([k, n]) => [k, Math.max(n, 4)])) as Record<KeyFindingKind, number>;

/**
 * GET /key-findings: what an analyst acts on first (src/report/key-findings.ts), ranked over
 * the corpus, each item with the document names and the evidence it points at; `doc` keeps
 * the items naming one document; `min_score` applies a display threshold (default: each
 * kind's own). Reviews count: rejected accusations and claims are left out.
 */
export function keyFindingRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/key-findings', async (c) => {
    const policy = minScoreParam(c) ?? { minScore: null };
    const doc = textParam(c, 'doc', 64);
    const corpus = await deps.corpus.get();
    const gatherer = new KeyFindingGatherer(policy);
    for (const kind of ['accusation', 'claim'] as const) {
      for (const f of await reviewed(deps, await deps.store.queries.findingsOfKind(kind, MAX_SCANNED), kind)) gatherer.addFinding(f.doc, f);
    }
    const ids = gatherer.documentIds();
    for (const f of corpus.findings) for (const m of f.members) ids.add(m.doc);
    const names = await documentNames(deps, ids);
    const items = gatherer.result(corpus.findings, names, doc ? { caps: DOC_CAPS, doc } : {});
    const banners = [...commentBanners(corpus.findings).values()].filter((b) => !doc || b.doc === doc);
    const named = new Set([...items.flatMap((k) => k.docs), ...banners.map((b) => b.doc)]);
    return c.json({ documents: corpus.documents, computedAt: corpus.computedAt, items, banners, names: Object.fromEntries([...named].map((id) => [id, names.get(id) ?? id])) });
  });

  return app;
}

async function reviewed(deps: ApiDeps, found: LocatedFinding[], kind: string): Promise<LocatedFinding[]> {
  const reviews = (await deps.store.listReviews()).filter((r) => r.target.kind === kind);
  if (reviews.length === 0) return found;
  const byDoc = new Map<string, LocatedFinding[]>();
  for (const f of found) {
    const list = byDoc.get(f.doc);
    if (list) list.push(f);
    else byDoc.set(f.doc, [f]);
  }
  const applied = applyReviews([...byDoc].map(([id, findings]) => ({ doc: { id } as Document, findings })), reviews, {});
  return applied.documents.flatMap((d) => d.findings as LocatedFinding[]);
}
