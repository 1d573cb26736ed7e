import type { DocumentAnalyzer } from '../analysers/analyzer.js';
import { corpusAnalyzers } from '../analysers/index.js';
import type { Source } from '../core/types.js';
import { toDocument } from '../document/document.js';
import type { ExtractedDocument } from '../document/extracted.js';
import type { Resources } from '../nlp/resources.js';
import type { Store } from '../store/store.js';
import { prepareDocument, storePrepared } from './document-step.js';
import type { AnalysisPool } from './pool.js';

/**
 * One extracted document (a posted text, an upload, a fetched URL) through the same steps
 * as `runPipeline` (src/pipeline/document-step.ts): content-derived id, the analysers whose
 * stored results are not current (document analysers and the corpus analysers' extract step),
 * and one `saveAnalysis` transaction. Ingesting the same content again runs nothing
 * and only records the new origin, so the call is idempotent.
 */

export interface IngestOneOptions {
  extracted: ExtractedDocument;
  /** what is known of the source besides what the extractor found (the extractor's values win) */
  origin: Source;
  /** where the content came from, recorded in document_origins (e.g. "api:text", a URL) */
  input: string;
  store: Store;
  resources: Resources;
  analyzers?: readonly DocumentAnalyzer[];
  /** analyse in this worker pool (the server: its thread stays free for other requests) */
  pool?: AnalysisPool | null;
}

export interface IngestOneResult {
  id: string;
  state: 'created' | 'updated' | 'unchanged';
  title: string | null;
  failures: Array<{ analyzer: string; message: string }>;
}

export async function ingestOne(options: IngestOneOptions): Promise<IngestOneResult> {
  const { store, resources } = options;
  const doc = toDocument(options.extracted, options.origin);
  const analyzers = options.analyzers ? { document: options.analyzers, corpus: corpusAnalyzers } : undefined;
  // with a storing pool, the worker writes too: a long text blocks neither analysis nor write here
  const step = await prepareDocument(doc, options.input, { store, resources, analyzers }, options.pool ?? null, { origin: options.input, runId: null });
  if (step.kind !== 'doc') throw new Error('unreachable: a prepared document is a document step');
  const stored = await storePrepared(step, null, { store });
  return { id: doc.id, state: stored.state, title: stored.title, failures: stored.failures };
}
