import type { Store } from '../store/store.js';
import { applyReviews, precisionByKind, type KindPrecision } from './apply.js';

/**
 * Per finding kind: how many findings analysts reviewed and the share they confirmed, over
 * the documents that have reviews (the only ones that can contribute), plus how many
 * reviews are orphaned. `findings` counts the findings of those documents only.
 */
export interface ReviewSummaryByKind {
  kinds: Array<Omit<KindPrecision, 'findings'>>;
  reviewedFindings: number;
  orphaned: number;
}

export async function reviewSummary(store: Store): Promise<ReviewSummaryByKind> {
  const reviews = await store.listReviews();
  const ids = [...new Set(reviews.map((r) => r.target.doc))];
  const docs = await store.listDocuments({ ids });
  const analysed = await Promise.all(docs.map(async (doc) => ({ doc, findings: await store.getFindings(doc.id) })));
  const applied = applyReviews(analysed, reviews, { includeRejected: true });
  const kinds = precisionByKind(applied.documents)
    .filter((k) => k.reviewed > 0)
    .map(({ findings: _findings, ...k }) => k);
  return { kinds, reviewedFindings: kinds.reduce((n, k) => n + k.reviewed, 0), orphaned: applied.orphans.length };
}
