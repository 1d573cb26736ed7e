import { Hono } from 'hono';
import { EXPORT_FORMATS, exportChunks, isExportFormat } from '../../export/index.js';
import { loadExportReport } from '../../export/load.js';
import { listReviewEntries } from '../../review/listing.js';
import { findReferenceFinding } from '../../reference/lookup.js';
import { parseReferenceId } from '../../reference/reference-ids.js';
import { recordReview, type ReviewRequest } from '../../review/record.js';
import { reviewSummary } from '../../review/summary.js';
import { REVIEW_STATUSES, type ReviewStatus } from '../../review/types.js';
import type { ApiDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { intParam, minScoreParam, textParam } from '../params.js';
import { referenceStageFor } from './reference.js';

/** Largest review request body: a note of 10,000 characters and the rest, with room. */
const MAX_REVIEW_BODY = 64 * 1024;

function field(body: Record<string, unknown>, name: string): string | null {
  const v = body[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new HttpError('BAD_REQUEST', `${name} must be a string`, name);
  return v;
}

export function reviewRoutes(deps: ApiDeps, onChange: () => void): Hono {
  const app = new Hono();

  app.post('/findings/:id/reviews', async (c) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'send the review as application/json');
    const raw = await c.req.text();
    if (raw.length > MAX_REVIEW_BODY) throw new HttpError('PAYLOAD_TOO_LARGE', `the review is over ${MAX_REVIEW_BODY} bytes`);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new HttpError('BAD_REQUEST', 'the body is not valid JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError('BAD_REQUEST', 'the body must be a JSON object');
    const b = body as Record<string, unknown>;
    const status = field(b, 'status');
    if (status !== null && !(REVIEW_STATUSES as readonly string[]).includes(status)) throw new HttpError('BAD_REQUEST', `status must be one of ${REVIEW_STATUSES.join(', ')}`, 'status');
    const request: ReviewRequest = {
      status: status as ReviewStatus | null,
      label: field(b, 'label'),
      accuser: field(b, 'accuser'),
      accused: field(b, 'accused'),
      verdict: field(b, 'verdict'),
      note: field(b, 'note'),
      reviewer: field(b, 'reviewer'),
    };
    const id = c.req.param('id');
    // a verdict or fact-check match is not stored: found again from the claim its id names
    const stage = parseReferenceId(id) ? referenceStageFor(deps) : null;
    // looked up once: the 404 check and the review share it (each lookup runs the stage on the claim)
    let lookup: ReturnType<typeof findReferenceFinding> | undefined;
    const computed = stage ? (findingId: string) => (lookup ??= findReferenceFinding(deps.store, stage, findingId)) : undefined;
    if (!(await deps.store.findFinding(id)) && !(computed && (await computed(id)))) throw new HttpError('NOT_FOUND', 'no finding with this id', id);
    const review = await recordReview(deps.store, id, request, computed);
    onChange();
    return c.json(review, 201);
  });

  app.get('/reviews', async (c) => {
    const stage = referenceStageFor(deps);
    const entries = await listReviewEntries(deps.store, { doc: textParam(c, 'doc') }, (doc, findings) => stage.findingsFor({ doc, findings }));
    return c.json({ reviews: entries, reviewed: entries.length, orphaned: entries.filter((e) => e.attachment === 'orphaned').length });
  });

  app.get('/reviews/summary', async (c) => c.json(await reviewSummary(deps.store)));

  app.get('/export/:format', async (c) => {
    const format = c.req.param('format');
    if (!isExportFormat(format)) throw new HttpError('NOT_FOUND', `no export format "${format}": use ${Object.keys(EXPORT_FORMATS).join(', ')}`, format);
    const run = intParam(c, 'run', 0, 0, Number.MAX_SAFE_INTEGER);
    const thresholds = minScoreParam(c) ?? undefined;
    const doc = textParam(c, 'doc', 200);
    if (run > 0 && !(await deps.store.getRun(run))) throw new HttpError('NOT_FOUND', 'no run with this id', String(run));
    if (doc !== undefined && !(await deps.store.getDocument(doc))) throw new HttpError('NOT_FOUND', 'no document with this id', doc);
    const report = await loadExportReport(deps.store, { run: run > 0 ? run : undefined, thresholds, includeRejected: c.req.query('showRejected') === 'true' }, doc === undefined ? undefined : [doc]);
    const base = new URL(c.req.url);
    const chunks = exportChunks(report, format, { baseUrl: `${base.origin}/` });
    const name = `discern${doc ? `-${doc}` : run > 0 ? `-run-${run}` : ''}.${EXPORT_FORMATS[format].extension}`;
    const encoder = new TextEncoder();
    const iterator = chunks[Symbol.iterator]();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    return new Response(stream, {
      headers: { 'Content-Type': EXPORT_FORMATS[format].mediaType, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
    });
  });

  return app;
}
