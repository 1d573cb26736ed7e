import { createHash } from 'node:crypto';
import type { AnalysedDocument, CorpusAnalyzer, DocumentAnalyzer } from '../analysers/analyzer.js';
import { corpusAnalyzers, documentAnalyzers } from '../analysers/index.js';
import type { Document, Finding } from '../core/types.js';
import { toDocument } from '../document/document.js';
import { loadInputs, type IngestOptions } from '../ingest/inputs.js';
import type { Resources } from '../nlp/resources.js';
import type { InputError, Store } from '../store/store.js';
import { TOOL_VERSION } from '../version.js';
import { analyzeCorpus, analyzeDocument, producerOf, type CorpusAnalysis } from './analyze.js';

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


export interface RunResult {
  runId: number;
  /** the run's documents, with only the finding kinds corpus analysers read (the store has all) */
  documents: AnalysedDocument[];
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
  // Finding kinds the corpus analysers read: all a run keeps in memory besides the texts.
  const corpusReads = new Set(corpus.flatMap((a) => a.reads));
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
    const { analysed, state, timings } = await analyzeAndStore(doc, loaded.input, runId, options);
    for (const [producer, ms] of Object.entries(timings)) result.timings[producer] = (result.timings[producer] ?? 0) + ms;
    result.stats[state]++;
    if (!seen.has(doc.id)) {
      seen.add(doc.id);
      result.documents.push({ doc: analysed.doc, findings: analysed.findings.filter((f) => corpusReads.has(f.kind)) });
      await store.addRunDocument(runId, doc.id, result.documents.length);
    }
    for (const failure of analysed.failures) result.analyzerFailures.push({ doc: doc.id, ...failure });
    options.onProgress?.({ input: loaded.input, ok: true, state, done });
  }
  if (!options.skipCorpus) result.corpus = analyzeCorpus(result.documents, resources, corpus);
  Object.assign(result.timings, result.corpus.timings);
  const status = result.errors.length === 0 ? 'done' : result.documents.length > 0 ? 'partial' : 'failed';
  await store.finishRun(runId, status, result.corpus.findings);
  return result;
}

type Analysed = AnalysedDocument & { failures: Array<{ analyzer: string; message: string }> };

async function analyzeAndStore(
  doc: Document,
  origin: string,
  runId: number,
  options: RunOptions,
): Promise<{ analysed: Analysed; state: ProgressEvent['state'] & string; timings: Record<string, number> }> {
  const { store, resources } = options;
  const stored = await store.analyzerResults(doc.id);
  const analyzers = options.analyzers?.document ?? documentAnalyzers;
  const outdated = options.force ? analyzers : analyzers.filter((a) => !isCurrent(a, stored.get(a.name)));
  if (outdated.length === 0) {
    await store.saveAnalysis({ doc: (await store.getDocument(doc.id)) ?? doc, origin, produced: new Map(), failures: [], runId });
    const storedDoc = (await store.getDocument(doc.id)) ?? doc;
    return { analysed: { doc: storedDoc, findings: await store.getFindings(doc.id), failures: [] }, state: 'unchanged', timings: {} };
  }
  const analysis = analyzeDocument(doc, resources, outdated);
  const { created } = await store.saveAnalysis({ doc: analysis.doc, origin, produced: analysis.produced, failures: analysis.failures, runId });
  const findings: Finding[] = stored.size === 0 ? analysis.findings : await store.getFindings(doc.id);
  const storedDoc = created ? analysis.doc : ((await store.getDocument(doc.id)) ?? analysis.doc);
  return { analysed: { doc: storedDoc, findings, failures: analysis.failures }, state: created ? 'created' : 'updated', timings: analysis.timings };
}

function isCurrent(analyzer: DocumentAnalyzer, stored: { version: string; status: string } | undefined): boolean {
  return stored !== undefined && stored.version === analyzer.version && stored.status === 'ok';
}

function hashOptions(options: RunOptions): string {
  const relevant = { analyzers: (options.analyzers?.document ?? documentAnalyzers).map(producerOf), force: options.force ?? false, ingest: { ...options.ingest, stdin: undefined } };
  return createHash('sha1').update(JSON.stringify(relevant)).digest('hex').slice(0, 12);
}
