import type { Store } from '../store/store.js';
import { attachReviews, groupReviews, type Attachment } from './state.js';
import type { Review, ReviewCorrection, ReviewStatus, ReviewTarget, Verdict } from './types.js';

/**
 * Every reviewed target with what counts now and where it is attached: the current finding's
 * id, or `orphaned` when re-analysis left no finding on that span. For `discern reviews` and
 * GET /reviews.
 */

export interface ReviewEntry {
  target: ReviewTarget;
  docTitle: string | null;
  /** the finding that holds this review now; null when orphaned */
  findingId: string | null;
  attachment: Attachment | 'orphaned';
  status: ReviewStatus | null;
  correction: ReviewCorrection | null;
  verdict: Verdict | null;
  note: string | null;
  reviewer: string;
  updatedAt: string;
  history: Review[];
}

export async function listReviewEntries(store: Store, query: { doc?: string } = {}): Promise<ReviewEntry[]> {
  const reviews = await store.listReviews(query);
  const docIds = [...new Set(reviews.map((r) => r.target.doc))];
  const docs = await store.listDocuments({ ids: docIds });
  const analysed = await Promise.all(docs.map(async (doc) => ({ doc, findings: await store.getFindings(doc.id) })));
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
