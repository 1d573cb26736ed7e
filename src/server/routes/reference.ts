import { Hono } from 'hono';
import type { Document, Finding } from '../../core/types.js';
import { matcherFor } from '../../reference/factchecks/match.js';
import { matchView } from '../../reference/factchecks/match-view.js';
import { ReferenceStage } from '../../reference/stage.js';
import { Verifier } from '../../reference/verify.js';
import type { ApiDeps } from '../deps.js';
import { HttpError } from '../errors.js';

/**
 * The reference corpus over HTTP: evidence list, verdicts for claims, fact-check matches,
 * and the reference findings of one document (computed on request, like the CLI's report,
 * because evidence and fact-checks change independently of the articles).
 */

const MAX_CLAIMS = 100;

async function jsonBody(c: { req: { json(): Promise<unknown> } }): Promise<Record<string, unknown>> {
  const body = await c.req.json().catch(() => {
    throw new HttpError('BAD_REQUEST', 'the body is not valid JSON');
  });
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError('BAD_REQUEST', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

function stringList(body: Record<string, unknown>, many: string, one: string): string[] {
  const raw = body[many] ?? (body[one] !== undefined ? [body[one]] : undefined);
  if (!Array.isArray(raw) || raw.length === 0) throw new HttpError('BAD_REQUEST', `send {"${many}": ["…"]} or {"${one}": "…"}`, many);
  if (raw.length > MAX_CLAIMS) throw new HttpError('BAD_REQUEST', `at most ${MAX_CLAIMS} ${many} per request`, many);
  return raw.map((x, i) => {
    if (typeof x !== 'string' || x.trim() === '') throw new HttpError('BAD_REQUEST', `${many}[${i}] must be a non-empty string`, many);
    return x;
  });
}

/** Reference findings of a stored document (verdicts, fact-check matches); [] without evidence or fact-checks. */
export async function referenceFindings(deps: ApiDeps, doc: Document, findings: Finding[]): Promise<Finding[]> {
  return referenceStageFor(deps).findingsFor({ doc, findings });
}

/** The reference stage over the current reference index, with the analysts' reviews (confirmed matches teach it). */
export function referenceStageFor(deps: ApiDeps): ReferenceStage {
  return new ReferenceStage(deps.store.reference, deps.resources.gazetteer, { llm: deps.llm, reviews: () => deps.store.listReviews() });
}

export function referenceRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/evidence', async (c) => c.json({ items: await deps.store.reference.listEvidence(), passages: await deps.store.reference.countPassages() }));

  app.post('/verify', async (c) => {
    const claims = stringList(await jsonBody(c), 'claims', 'claim');
    const verifier = new Verifier(deps.store.reference, deps.resources.gazetteer);
    const results = [];
    for (const claim of claims) {
      const r = await verifier.verify(claim);
      results.push(deps.llm ? { ...r, llm: await deps.llm.proposeOnce(claim, r.evidence) } : r);
    }
    return c.json({ results });
  });

  app.get('/factchecks', async (c) => {
    const items = await deps.store.reference.listFactChecks();
    return c.json({ total: items.length, items: items.slice(0, 500) });
  });

  app.post('/factchecks/match', async (c) => {
    const body = await jsonBody(c);
    const texts = stringList(body, 'texts', 'text');
    const top = body.top === undefined ? 3 : Number(body.top);
    if (!Number.isInteger(top) || top < 1 || top > 20) throw new HttpError('BAD_REQUEST', 'top must be a whole number from 1 to 20', 'top');
    const checks = await deps.store.reference.listFactChecks();
    const matcher = checks.length > 0 ? matcherFor(checks) : null;
    const results = texts.map((text) => ({
      text,
      matches: (matcher?.match(text, top) ?? []).map((m) => matchView(checks[m.index], m)),
    }));
    return c.json({ results });
  });

  return app;
}
