import { createHash } from 'node:crypto';
import type { CorpusAnalyzer, DocumentAnalyzer } from '../analysers/analyzer.js';
import { corpusAnalyzers, documentAnalyzers } from '../analysers/index.js';
import type { Document } from '../core/types.js';
import { toDocument } from '../document/document.js';
import { loadInputs, type IngestOptions } from '../ingest/inputs.js';
import type { Resources } from '../nlp/resources.js';
import type { InputError, Store } from '../store/store.js';
import { TOOL_VERSION } from '../version.js';
import { analyzeDocument, producerOf, withUses, type CorpusAnalysis } from './analyze.js';
import { analyzeStoredCorpus } from './corpus-stage.js';

export interface RunOptions {
  command: string;
  inputs: string[];
  store: Store;
  resources: Resources;
  ingest?: IngestOptions;
  /** re-run every analyser even where stored results are current */
  force?: boolean;
  /** skip the corpus analysers (ingest only) */
  skipCorpus?: boolean;
  /** called after each input, stored or failed */
  onProgress?: (event: ProgressEvent) => void;
  /** the analysers to run (default: the registry) */
  analyzers?: { document: readonly DocumentAnalyzer[]; corpus: readonly CorpusAnalyzer[] };
}

export interface ProgressEvent {
  input: string;
  ok: boolean;
  /** 'created' | 'updated' | 'unchanged' for stored documents */
  state?: 'created' | 'updated' | 'unchanged';
  message?: string;
  done: number;
}


/** A stored document of a run, as the run remembers it: the store has the rest. */
export interface RunDocument {
  id: string;
  path: string | null;
  title: string | null;
}

export interface RunResult {
  runId: number;
  /** the run's documents in input order (ids only: the run never holds the corpus) */
  documents: RunDocument[];
  corpus: CorpusAnalysis;
  errors: InputError[];
  warnings: Array<{ input: string; message: string }>;
  analyzerFailures: Array<{ doc: string; analyzer: string; message: string }>;
  stats: { created: number; updated: number; unchanged: number };
  /** milliseconds per analyser (`name@version`), summed over the run's documents */
  timings: Record<string, number>;
}

/**
 * ingest → document → analysers → store, one input at a time. Each document is written
 * in one transaction, so a run killed half-way loses nothing already stored, and a rerun
 * skips documents whose stored results are current and finishes the rest.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const { store, resources } = options;
  const runId = await store.startRun({
    command: options.command,
    toolVersion: TOOL_VERSION,
    inputs: options.inputs,
    optionsHash: hashOptions(options),
  });
  const result: RunResult = { runId, documents: [], corpus: { findings: [], failures: [], timings: {} }, errors: [], warnings: [], analyzerFailures: [], stats: { created: 0, updated: 0, unchanged: 0 }, timings: {} };
  const seen = new Set<string>();
  const corpus = options.analyzers?.corpus ?? corpusAnalyzers;
  let done = 0;
  for await (const loaded of loadInputs(options.inputs, options.ingest)) {
    done++;
    if (!loaded.ok) {
      const error = { input: loaded.input, code: loaded.error.code, message: loaded.error.message };
      result.errors.push(error);
      await store.addRunError(runId, error);
      options.onProgress?.({ input: loaded.input, ok: false, message: error.message, done });
      continue;
    }
    for (const warning of loaded.extracted.warnings ?? []) result.warnings.push({ input: loaded.input, message: warning });
    const doc = toDocument(loaded.extracted, loaded.origin);
    const { failures, state, timings, title } = await analyzeAndStore(doc, loaded.input, runId, options);
    for (const [producer, ms] of Object.entries(timings)) result.timings[producer] = (result.timings[producer] ?? 0) + ms;
    result.stats[state]++;
    if (!seen.has(doc.id)) {
      seen.add(doc.id);
      result.documents.push({ id: doc.id, path: doc.source.path ?? doc.source.url ?? null, title });
      await store.addRunDocument(runId, doc.id, result.documents.length);
    }
    for (const failure of failures) result.analyzerFailures.push({ doc: doc.id, ...failure });
    options.onProgress?.({ input: loaded.input, ok: true, state, done });
  }
  if (!options.skipCorpus) result.corpus = await analyzeStoredCorpus(store, resources, { runId }, corpus);
  Object.assign(result.timings, result.corpus.timings);
  const status = result.errors.length === 0 ? 'done' : result.documents.length > 0 ? 'partial' : 'failed';
  await store.finishRun(runId, status, result.corpus.findings);
  return result;
}

interface Stored {
  state: ProgressEvent['state'] & string;
  failures: Array<{ analyzer: string; message: string }>;
  timings: Record<string, number>;
  title: string | null;
}

/**
 * Runs the analysers whose stored results are outdated — document analysers and the
 * per-document step of corpus analysers — and stores what they produced in one transaction.
 */
async function analyzeAndStore(doc: Document, origin: string, runId: number, options: RunOptions): Promise<Stored> {
  const { store, resources } = options;
  const stored = await store.analyzerResults(doc.id);
  const analyzers = options.analyzers?.document ?? documentAnalyzers;
  const corpus = withUses(options.analyzers?.corpus ?? corpusAnalyzers);
  const outdated = options.force ? analyzers : analyzers.filter((a) => !isCurrent(a, stored.get(a.name)));
  const outdatedCorpus = options.force || outdated.length > 0 ? corpus : corpus.filter((a) => !isCurrent(a, stored.get(a.name)));
  if (outdated.length === 0 && outdatedCorpus.length === 0) {
    const current = (await store.getDocument(doc.id)) ?? doc;
    await store.saveAnalysis({ doc: current, origin, produced: new Map(), failures: [], runId });
    return { state: 'unchanged', failures: [], timings: {}, title: current.source.title ?? null };
  }
  // a document stored before keeps the findings of the analysers not re-run: the corpus states read them too
  const kept = stored.size > 0 && outdated.length < analyzers.length ? await store.getFindings(doc.id) : [];
  const base = stored.size > 0 ? ((await store.getDocument(doc.id)) ?? doc) : doc;
  const analysis = analyzeDocument(outdated.length > 0 ? doc : base, resources, outdated, { corpus: outdatedCorpus, kept });
  const { created } = await store.saveAnalysis({ doc: analysis.doc, origin, produced: analysis.produced, failures: analysis.failures, runId, states: analysis.states });
  return { state: created ? 'created' : 'updated', failures: analysis.failures, timings: analysis.timings, title: analysis.doc.source.title ?? null };
}

function isCurrent(analyzer: { version: string }, stored: { version: string; status: string } | undefined): boolean {
  return stored !== undefined && stored.version === analyzer.version && stored.status === 'ok';
}

function hashOptions(options: RunOptions): string {
  const relevant = { analyzers: (options.analyzers?.document ?? documentAnalyzers).map(producerOf), force: options.force ?? false, ingest: { ...options.ingest, stdin: undefined } };
  return createHash('sha1').update(JSON.stringify(relevant)).digest('hex').slice(0, 12);
}
