import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { CorpusAnalyzer, DocumentAnalyzer } from '../analysers/analyzer.js';
import { corpusAnalyzers, documentAnalyzers } from '../analysers/index.js';
import { toDocument } from '../document/document.js';
import { loadInputs, type IngestOptions } from '../ingest/inputs.js';
import type { ResourceOptions, Resources } from '../nlp/resources.js';
import type { InputError, Store } from '../store/store.js';
import { TOOL_VERSION } from '../version.js';
import { producerOf, type CorpusAnalysis } from './analyze.js';
import { prepareDocument, storePrepared, type Step } from './document-step.js';
import { createAnalysisPool, type AnalysisPool } from './pool.js';
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
  /**
   * documents analysed at once in worker threads (1: in this thread). 'auto': in this thread
   * for a small batch; from the AUTO_POOL_AFTER-th document on, a pool with one worker per core
   * (at most 4), so a few files never pay for starting threads.
   */
  jobs?: number | 'auto';
  /** what the worker threads load (the gazetteer files of `resources`) */
  resourceOptions?: ResourceOptions;
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
  /** the corpus stage's outcome; its findings are in the store (`store.iterateCorpusFindings(runId)`), not here */
  corpus: CorpusAnalysis;
  errors: InputError[];
  warnings: Array<{ input: string; message: string }>;
  analyzerFailures: Array<{ doc: string; analyzer: string; message: string }>;
  stats: { created: number; updated: number; unchanged: number };
  /** milliseconds per analyser (`name@version`), summed over the run's documents */
  timings: Record<string, number>;
}

/**
 * ingest → document → analysers → store. Documents are written a few at a time, each batch in
 * one transaction (WRITE_BATCH), so a run killed half-way loses nothing already stored, and a
 * rerun skips documents whose stored results are current and finishes the rest. With `jobs` > 1
 * the analysis runs in a pool of worker threads while this thread reads inputs and writes results — one writer, in input
 * order, so the store ends up exactly as after a single-threaded run.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const { store, resources } = options;
  const runId = await store.startRun({
    command: options.command,
    toolVersion: TOOL_VERSION,
    inputs: options.inputs,
    optionsHash: hashOptions(options),
  });
  const result: RunResult = { runId, documents: [], corpus: { findings: [], count: 0, failures: [], timings: {} }, errors: [], warnings: [], analyzerFailures: [], stats: { created: 0, updated: 0, unchanged: 0 }, timings: {} };
  const corpus = options.analyzers?.corpus ?? corpusAnalyzers;
  const jobs = options.jobs === 'auto' ? autoJobs() : Math.max(1, Math.floor(options.jobs ?? 1));
  let pool: AnalysisPool | null = jobs > 1 && options.jobs !== 'auto' ? createAnalysisPool({ size: jobs, resourceOptions: options.resourceOptions }) : null;
  let read = 0;
  // analyses in flight, in input order: enough to keep every worker busy, bounded in memory
  const window: Array<Promise<Step>> = [];
  const inRun = new Set<string>();
  let done = 0;
  const settle = async (step: Step): Promise<void> => {
    done++;
    if (step.kind === 'error') {
      result.errors.push(step.error);
      await store.addRunError(runId, step.error);
      options.onProgress?.({ input: step.error.input, ok: false, message: step.error.message, done });
      return;
    }
    const { doc, input } = step;
    const { failures, state, timings, title } = await storePrepared(step, runId, options);
    for (const [producer, ms] of Object.entries(timings)) result.timings[producer] = (result.timings[producer] ?? 0) + ms;
    result.stats[state]++;
    if (!step.repeat) {
      result.documents.push({ id: doc.id, path: doc.source.path ?? doc.source.url ?? null, title });
      await store.addRunDocument(runId, doc.id, result.documents.length);
    }
    for (const failure of failures) result.analyzerFailures.push({ doc: doc.id, ...failure });
    options.onProgress?.({ input, ok: true, state, done });
  };
  // analysed documents waiting to be written: several per transaction where the store can (WRITE_BATCH)
  const ready: Step[] = [];
  let readySince = 0;
  const flush = async (): Promise<void> => {
    const steps = ready.splice(0);
    const writeAll = async () => {
      for (const step of steps) await settle(step);
    };
    await (store.batch ? store.batch(writeAll) : writeAll());
  };
  const queueWrite = async (step: Step): Promise<void> => {
    if (ready.length === 0) readySince = Date.now();
    ready.push(step);
    if (ready.length >= WRITE_BATCH || Date.now() - readySince >= WRITE_BATCH_MS) await flush();
  };
  try {
    for await (const loaded of loadInputs(options.inputs, options.ingest)) {
      if (!loaded.ok) {
        window.push(Promise.resolve({ kind: 'error', error: { input: loaded.input, code: loaded.error.code, message: loaded.error.message } }));
      } else {
        for (const warning of loaded.extracted.warnings ?? []) result.warnings.push({ input: loaded.input, message: warning });
        const doc = toDocument(loaded.extracted, loaded.origin);
        if (!pool && jobs > 1 && ++read >= AUTO_POOL_AFTER) pool = createAnalysisPool({ size: jobs, resourceOptions: options.resourceOptions });
        // the same content twice in one run is analysed once, as a single-threaded run would
        const repeat = inRun.has(doc.id);
        inRun.add(doc.id);
        window.push(repeat ? Promise.resolve({ kind: 'doc', doc, input: loaded.input, repeat, analysis: null, stored: null }) : prepareDocument(doc, loaded.input, options, pool));
      }
      while (window.length >= (pool ? pool.size * 2 : 1)) await queueWrite(await (window.shift() as Promise<Step>));
    }
    while (window.length > 0) await queueWrite(await (window.shift() as Promise<Step>));
    await flush();
  } catch (error) {
    // what was analysed before the failure is stored, as with a commit per document
    if (ready.length > 0) await flush().catch(() => {});
    throw error;
  } finally {
    await Promise.allSettled(window);
    await pool?.close();
  }
  // each analyser's corpus findings are stored as they come: the run never holds them all
  if (!options.skipCorpus) result.corpus = await analyzeStoredCorpus(store, resources, { runId }, corpus, { sink: (found) => store.addCorpusFindings(runId, found) });
  Object.assign(result.timings, result.corpus.timings);
  const status = result.errors.length === 0 ? 'done' : result.documents.length > 0 ? 'partial' : 'failed';
  await store.finishRun(runId, status, []);
  return result;
}

/**
 * Analysed documents written per transaction (with the run's rows for them), or fewer when the
 * first of them has waited WRITE_BATCH_MS: a kill loses at most these, all analysed again by
 * the rerun; a commit per document cost ~1 ms of CPU per document more (docs/performance.md).
 */
export const WRITE_BATCH = 16;
export const WRITE_BATCH_MS = 1_000;

/** Documents a run with `jobs: 'auto'` analyses in its own thread before it starts a pool. */
export const AUTO_POOL_AFTER = 16;

export function autoJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function hashOptions(options: RunOptions): string {
  const relevant = { analyzers: (options.analyzers?.document ?? documentAnalyzers).map(producerOf), force: options.force ?? false, ingest: { ...options.ingest, stdin: undefined } };
  return createHash('sha1').update(JSON.stringify(relevant)).digest('hex').slice(0, 12);
}
