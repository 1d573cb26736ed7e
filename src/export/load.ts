import { DiscernError } from '../core/errors.js';
import { loadResources, type ResourceOptions } from '../nlp/resources.js';
import { analyzeStoredCorpus } from '../pipeline/corpus-stage.js';
import { applyReviews } from '../review/apply.js';
import { buildReport, type Report } from '../report/model.js';
import type { Store } from '../store/store.js';
import type { ThresholdPolicy } from '../report/thresholds.js';

/**
 * What every export reads: the report model of the stored documents (all, or one run's) with
 * the analysts' reviews honoured — rejected findings left out, corrections applied before the
 * corpus analysers run — and the display thresholds applied (report/thresholds.ts), as in
 * every report.
 */

export interface ExportScope {
  run?: number;
  /** display thresholds (report/thresholds.ts): the per-kind defaults, or --min-score for every kind */
  thresholds?: ThresholdPolicy;
  includeRejected?: boolean;
  resources?: ResourceOptions;
  /** after each document's findings are read (the CLI's progress bar) */
  onDocument?: (done: number, total: number) => void;
}

/** `only`: just these documents (the workbench's per-document download); corpus findings stay corpus-wide. */
export async function loadExportReport(store: Store, scope: ExportScope = {}, only?: string[]): Promise<Report> {
  let ids: string[] | undefined = only;
  if (scope.run !== undefined) {
    if (!(await store.getRun(scope.run))) throw new DiscernError('USAGE', `there is no run ${scope.run} in the database`, '--run');
    const inRun = await store.runDocumentIds(scope.run);
    ids = only ? inRun.filter((id) => only.includes(id)) : inRun;
  }
  const docs = await store.listDocuments({ ids });
  let read = 0;
  const analysed = await Promise.all(
    docs.map(async (doc) => {
      const findings = await store.getFindings(doc.id);
      scope.onDocument?.(++read, docs.length);
      return { doc, findings };
    }),
  );
  const reviewed = applyReviews(analysed, await store.listReviews(), { includeRejected: scope.includeRejected });
  // the corpus stage as `discern report` runs it: over the stored states, reviews applied
  const corpus = await analyzeStoredCorpus(store, await loadResources(scope.resources), scope.run !== undefined ? { runId: scope.run } : {}, undefined, { includeRejected: scope.includeRejected });
  return buildReport({
    documents: reviewed.documents,
    corpusFindings: corpus.findings,
    thresholds: scope.thresholds,
    run: scope.run !== undefined ? { id: scope.run, inputs: [] } : null,
    analyzerFailures: corpus.failures.map((f) => ({ doc: 'corpus', ...f })),
    reviews: { hiddenRejected: reviewed.hidden, orphaned: reviewed.orphans },
  });
}
