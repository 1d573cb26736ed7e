import type { CorpusAnalyzer, DocumentAnalyzer } from '../analysers/analyzer.js';
import { corpusAnalyzers, documentAnalyzers } from '../analysers/index.js';
import type { Document } from '../core/types.js';
import type { Resources } from '../nlp/resources.js';
import type { InputError, Store } from '../store/store.js';
import { analyzeDocument, withUses, type DocumentAnalysis } from './analyze.js';
import type { AnalysisPool } from './pool.js';
import type { StoredAnalysis } from './pool-protocol.js';

/**
 * One document through the analysers and into the store, in two halves so that a batch can
 * analyse many documents at once and still write them one at a time, in order:
 * `prepareDocument` runs what is outdated (document analysers and the corpus analysers'
 * extract step) in a pool or in this thread, reading the store but never writing it;
 * `storePrepared` writes the result in one transaction. Used by `runPipeline` (CLI batches),
 * `ingestOne` (the API) and the queue's workers alike.
 */

export interface StepOptions {
  store: Store;
  resources: Resources;
  /** re-run every analyser even where stored results are current */
  force?: boolean;
  /** the analysers to run (default: the registry); custom ones always run in this thread */
  analyzers?: { document: readonly DocumentAnalyzer[]; corpus: readonly CorpusAnalyzer[] };
}

export type DocumentStep = Extract<Step, { kind: 'doc' }>;

export type Step =
  | { kind: 'error'; error: InputError }
  | {
      kind: 'doc';
      doc: Document;
      input: string;
      /** a second copy of content already in this run: only its origin is recorded */
      repeat: boolean;
      /** null: every stored result was current */
      analysis: DocumentAnalysis | null;
      /** set when a pool worker analysed and stored the document itself */
      storedBy?: StoredAnalysis;
      stored: Document | null;
    };

export interface Stored {
  state: 'created' | 'updated' | 'unchanged';
  failures: Array<{ analyzer: string; message: string }>;
  timings: Record<string, number>;
  title: string | null;
}

/**
 * Runs the analysers whose stored results are outdated — document analysers and the
 * per-document step of corpus analysers — in the pool or in this thread. Reads the store;
 * never writes it.
 */
export async function prepareDocument(
  doc: Document,
  input: string,
  options: StepOptions,
  pool: AnalysisPool | null,
  /** let a pool that has a database store the document from its worker (the server) */
  saveInWorker?: { origin: string; runId: number | null },
): Promise<Step> {
  const { store, resources } = options;
  const stored = await store.analyzerResults(doc.id);
  const analyzers = options.analyzers?.document ?? documentAnalyzers;
  const corpus = withUses(options.analyzers?.corpus ?? corpusAnalyzers);
  const outdated = options.force ? analyzers : analyzers.filter((a) => !isCurrent(a, stored.get(a.name)));
  const outdatedCorpus = options.force || outdated.length > 0 ? corpus : corpus.filter((a) => !isCurrent(a, stored.get(a.name)));
  if (outdated.length === 0 && outdatedCorpus.length === 0) return { kind: 'doc', doc, input, repeat: false, analysis: null, stored: await store.getDocument(doc.id) };
  // a document stored before keeps the findings of the analysers not re-run: the corpus states read them too
  const kept = stored.size > 0 && outdated.length < analyzers.length ? await store.getFindings(doc.id) : [];
  const base = outdated.length > 0 || stored.size === 0 ? doc : ((await store.getDocument(doc.id)) ?? doc);
  // a worker runs only registry analysers, looked up by name; custom analysers (tests) run here
  const registered = outdated.every((a) => documentAnalyzers.includes(a)) && outdatedCorpus.every((a) => corpusAnalyzers.includes(a));
  if (pool && registered && saveInWorker && pool.stores) {
    const storedBy = await pool.analyzeAndStore(base, outdated.map((a) => a.name), saveInWorker, { corpus: outdatedCorpus.map((a) => a.name), kept });
    return { kind: 'doc', doc, input, repeat: false, analysis: null, stored: null, storedBy };
  }
  const analysis =
    pool && registered
      ? await pool.analyze(base, outdated.map((a) => a.name), { corpus: outdatedCorpus.map((a) => a.name), kept })
      : analyzeDocument(base, resources, outdated, { corpus: outdatedCorpus, kept });
  return { kind: 'doc', doc, input, repeat: false, analysis, stored: null };
}

/** Writes what `prepare` found, in one transaction. */
export async function storePrepared(step: DocumentStep, runId: number | null, options: Pick<StepOptions, 'store'>): Promise<Stored> {
  const { store } = options;
  if (step.storedBy) return { state: step.storedBy.created ? 'created' : 'updated', failures: step.storedBy.failures, timings: step.storedBy.timings, title: step.doc.source.title ?? null };
  if (!step.analysis) {
    const stored = step.stored ?? (await store.getDocument(step.doc.id)) ?? step.doc;
    // what this read says about the source (e.g. a manifest) fills what the stored document lacks
    const current = { ...stored, source: { ...step.doc.source, ...Object.fromEntries(Object.entries(stored.source).filter(([, v]) => v !== null && v !== undefined)) } };
    await store.saveAnalysis({ doc: current, origin: step.input, produced: new Map(), failures: [], runId });
    return { state: 'unchanged', failures: [], timings: {}, title: current.source.title ?? null };
  }
  const { analysis } = step;
  const { created } = await store.saveAnalysis({ doc: analysis.doc, origin: step.input, produced: analysis.produced, failures: analysis.failures, runId, states: analysis.states });
  return { state: created ? 'created' : 'updated', failures: analysis.failures, timings: analysis.timings, title: analysis.doc.source.title ?? null };
}

export function isCurrent(analyzer: { version: string }, stored: { version: string; status: string } | undefined): boolean {
  return stored !== undefined && stored.version === analyzer.version && stored.status === 'ok';
}

