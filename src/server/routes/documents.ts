import { Hono } from 'hono';
import { absoluteHttpUrl } from '../../core/links.js';
import type { Document, Finding } from '../../core/types.js';
import { documentProfiles } from '../../report/profiles/index.js';
import { applyReviews } from '../../review/apply.js';
import { campsOf } from '../corpus.js';
import type { ApiDeps } from '../deps.js';
import { referenceFindings } from './reference.js';
import { HttpError } from '../errors.js';
import { dateParam, minScoreParam, pageParams, textParam } from '../params.js';
import { filterFindings, type ThresholdPolicy } from '../../report/thresholds.js';

/** A document in the report contract's shape: the document, its findings, each profile under its key. */
export function contractDocument(doc: Document, all: Finding[], policy: ThresholdPolicy | null = null): Record<string, unknown> {
  const findings = policy ? filterFindings(all, policy) : all;
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end || a.kind.localeCompare(b.kind));
  const profiles: Record<string, object> = {};
  for (const profile of documentProfiles) {
    const value = profile.compute(doc, sorted, policy ?? { minScore: 0 });
    if (value) profiles[profile.key] = value;
  }
  // a database written before URLs were checked may hold javascript:, data:, //host…: never served
  const source = { ...doc.source, url: absoluteHttpUrl(doc.source.url) };
  return { ...doc, source, lang: doc.lang ?? null, findings: sorted, ...profiles };
}

export function documentRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/documents', async (c) => {
    const camp = textParam(c, 'camp');
    let ids: string[] | undefined;
    if (camp !== undefined) {
      const found = campsOf((await deps.corpus.get()).findings).filter((k) => k.label === camp || k.id === camp);
      ids = [...new Set(found.flatMap((k) => k.documents))];
    }
    const page = await deps.store.queries.listDocumentSummaries({
      ...pageParams(c),
      outlet: textParam(c, 'outlet'),
      from: dateParam(c, 'from'),
      to: dateParam(c, 'to'),
      ids,
    });
    return c.json({ ...page, items: page.items.map((item) => ({ ...item, url: absoluteHttpUrl(item.url) })) });
  });

  app.get('/outlets', async (c) => c.json({ outlets: await deps.store.queries.outlets() }));

  app.get('/documents/:id', async (c) => {
    const id = c.req.param('id');
    const doc = await deps.store.getDocument(id);
    if (!doc) throw new HttpError('NOT_FOUND', 'no document with this id', id);
    // every finding with its review (rejected ones too, flagged: the workbench hides them by default)
    const findings = await deps.store.getFindings(id);
    // verdicts and fact-check matches are computed now, against the current reference index,
    // and reviewed like the stored findings
    const reference = await referenceFindings(deps, doc, findings);
    const reviewed = applyReviews([{ doc, findings: [...findings, ...reference] }], await deps.store.listReviews({ doc: id }), { includeRejected: true });
    return c.json({ ...contractDocument(doc, reviewed.documents[0].findings, minScoreParam(c)), orphanedReviews: reviewed.orphans });
  });

  return app;
}
