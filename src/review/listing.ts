import type { Store } from '../store/store.js';
import { attachReviews, groupReviews, type Attachment, type ReviewState } from './state.js';
import type { Document, Finding } from '../core/types.js';
import { COMPUTED_KINDS, type ReviewTarget } from './types.js';

/**
 * Every reviewed target with what counts now and where it is attached: the current finding's
 * id, or `orphaned` when re-analysis left no finding on that span. For `discern reviews` and
 * GET /reviews. Reviews of verdicts and fact-check matches are placed on those computed again
 * for their documents (`computed`, asked only for documents with such reviews).
 */

export interface ReviewEntry extends ReviewState {
  target: ReviewTarget;
  docTitle: string | null;
  /** the finding that holds this review now; null when orphaned */
  findingId: string | null;
  attachment: Attachment | 'orphaned';
}

/** The findings computed at read time for a document (verdicts, fact-check matches), for reviews of those kinds. */
export type ComputedFindings = (doc: Document, stored: Finding[]) => Promise<Finding[]>;

export async function listReviewEntries(store: Store, query: { doc?: string } = {}, computed?: ComputedFindings): Promise<ReviewEntry[]> {
  const reviews = await store.listReviews(query);
  const docIds = [...new Set(reviews.map((r) => r.target.doc))];
  const docs = await store.listDocuments({ ids: docIds });
  const withComputed = new Set(reviews.filter((r) => COMPUTED_KINDS.includes(r.target.kind)).map((r) => r.target.doc));
  const analysed = await Promise.all(
    docs.map(async (doc) => {
      const findings = await store.getFindings(doc.id);
      return { doc, findings: computed && withComputed.has(doc.id) ? [...findings, ...(await computed(doc, findings))] : findings };
    }),
  );
  const titles = new Map(docs.map((d) => [d.id, d.source.title ?? d.source.path ?? d.source.url ?? null]));
  const attachments = attachReviews(analysed, reviews);
  return groupReviews(reviews).map(({ target, state }): ReviewEntry => {
    const placed = attachments.findingOf(target);
    return {
      target,
      docTitle: titles.get(target.doc) ?? null,
      findingId: placed?.findingId ?? null,
      attachment: placed?.attachment ?? 'orphaned',
      status: state.status,
      correction: state.correction,
      verdict: state.verdict,
      note: state.note,
      reviewer: state.reviewer,
      updatedAt: state.updatedAt,
      history: state.history,
    };
  });
}
