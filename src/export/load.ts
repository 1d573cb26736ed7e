import { DiscernError } from '../core/errors.js';
import { loadResources, type ResourceOptions } from '../nlp/resources.js';
import { analyzeCorpus } from '../pipeline/analyze.js';
import { applyReviews } from '../review/apply.js';
import { buildReport, type Report } from '../report/model.js';
import type { Store } from '../store/store.js';

/**
 * What every export reads: the report model of the stored documents (all, or one run's) with
 * the analysts' reviews honoured — rejected findings left out, corrections applied before the
 * corpus analysers run — and, with `minScore`, findings scoring below it left out.
 */

export interface ExportScope {
  run?: number;
  /** keep only findings (document and corpus) with score ≥ this */
  minScore?: number;
  includeRejected?: boolean;
  resources?: ResourceOptions;
}

/** `only`: just these documents (the workbench's per-document download). */
export async function loadExportReport(store: Store, scope: ExportScope = {}, only?: string[]): Promise<Report> {
  let ids: string[] | undefined = only;
  if (scope.run !== undefined) {
    if (!(await store.getRun(scope.run))) throw new DiscernError('USAGE', `there is no run ${scope.run} in the database`, '--run');
    const inRun = await store.runDocumentIds(scope.run);
    ids = only ? inRun.filter((id) => only.includes(id)) : inRun;
  }
  const docs = await store.listDocuments({ ids });
  const analysed = await Promise.all(docs.map(async (doc) => ({ doc, findings: await store.getFindings(doc.id) })));
  const reviewed = applyReviews(analysed, await store.listReviews(), { includeRejected: scope.includeRejected });
  const corpus = analyzeCorpus(reviewed.documents, await loadResources(scope.resources));
  const min = scope.minScore;
  const keep = (score: number) => min === undefined || score >= min;
  return buildReport({
    documents: reviewed.documents.map((d) => ({ doc: d.doc, findings: d.findings.filter((f) => keep(f.score)) })),
    corpusFindings: corpus.findings.filter((f) => keep(f.score)),
    run: scope.run !== undefined ? { id: scope.run, inputs: [] } : null,
    analyzerFailures: corpus.failures.map((f) => ({ doc: 'corpus', ...f })),
    reviews: { hiddenRejected: reviewed.hidden, orphaned: reviewed.orphans },
  });
}

/** --min-score: a number in [0, 1]. */
export function parseMinScore(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new DiscernError('USAGE', `needs a score between 0 and 1, not "${value}"`, '--min-score');
  return n;
}
