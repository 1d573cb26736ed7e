import type { DocumentAnalyzer } from '../analysers/analyzer.js';
import { documentAnalyzers } from '../analysers/index.js';
import type { Source } from '../core/types.js';
import { toDocument } from '../document/document.js';
import type { ExtractedDocument } from '../document/extracted.js';
import type { Resources } from '../nlp/resources.js';
import type { Store } from '../store/store.js';
import { analyzeInPoolOrHere, type AnalysisPool } from './pool.js';

/**
 * One extracted document (a posted text, an upload, a fetched URL) through the same steps
 * as `runPipeline`: content-derived id, the document analysers whose stored results are not
 * current, and one `saveAnalysis` transaction. Ingesting the same content again runs nothing
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
  const analyzers = options.analyzers ?? documentAnalyzers;
  const doc = toDocument(options.extracted, options.origin);
  const stored = await store.analyzerResults(doc.id);
  const outdated = analyzers.filter((a) => {
    const result = stored.get(a.name);
    return !(result && result.version === a.version && result.status === 'ok');
  });
  if (outdated.length === 0) {
    const current = (await store.getDocument(doc.id)) ?? doc;
    await store.saveAnalysis({ doc: current, origin: options.input, produced: new Map(), failures: [], runId: null });
    return { id: doc.id, state: 'unchanged', title: current.source.title ?? null, failures: [] };
  }
  const { pool } = options;
  if (pool?.stores && outdated.every((a) => documentAnalyzers.includes(a))) {
    // analysed and written by the worker: a long text blocks neither analysis nor write here
    const stored = await pool.analyzeAndStore(doc, outdated.map((a) => a.name), { origin: options.input, runId: null });
    return { id: doc.id, state: stored.created ? 'created' : 'updated', title: doc.source.title ?? null, failures: stored.failures };
  }
  const analysis = await analyzeInPoolOrHere(pool, doc, resources, outdated);
  const { created } = await store.saveAnalysis({ doc: analysis.doc, origin: options.input, produced: analysis.produced, failures: analysis.failures, runId: null });
  return { id: doc.id, state: created ? 'created' : 'updated', title: analysis.doc.source.title ?? null, failures: analysis.failures };
}
