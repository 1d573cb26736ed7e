import { performance } from 'node:perf_hooks';
import type { AnalysedDocument, CorpusAnalyzer, CorpusFindingBatches, CorpusState, DocumentAnalyzer } from '../analysers/analyzer.js';
import { corpusAnalyzers, documentAnalyzers } from '../analysers/index.js';
import type { CorpusFinding, CorpusFindingDraft, Document, Finding } from '../core/types.js';
import { fillMemberQuotes, memoryState } from '../corpus/state.js';
import type { Resources } from '../nlp/resources.js';
import { createContext } from './context.js';
import { checkCorpusDraft, stampCorpusFindings, stampFindings } from './stamp.js';

export interface AnalyzerFailure {
  analyzer: string;
  message: string;
}

export interface DocumentAnalysis extends AnalysedDocument {
  /** per analyser `name@version` → findings it produced (empty when it found nothing) */
  produced: Map<string, Finding[]>;
  /** per corpus analyser `name@version` → what it keeps of the document (null: nothing) */
  states: Map<string, unknown>;
  failures: AnalyzerFailure[];
  /** milliseconds per analyser */
  timings: Record<string, number>;
}

export function producerOf(analyzer: { name: string; version: string }): string {
  return `${analyzer.name}@${analyzer.version}`;
}

export interface DocumentAnalysisOptions {
  /** corpus analysers whose per-document state to extract (default: none) */
  corpus?: readonly CorpusAnalyzer[];
  /** findings already stored of analysers not re-run: corpus states read them too */
  kept?: readonly Finding[];
  /** the longest text the per-sentence analysers read (default MAX_ANALYSED_CHARS) */
  maxChars?: number;
}

/**
 * The longest text (characters) the per-sentence analysers read in one document. Their time
 * is linear in the text, but their memory is too — about 85 MB of live heap per million
 * characters at the peak (docs/reliability.md): a 20-million-character one-line text peaks
 * near 1.7 GB of live heap and 3.9 GB of resident memory, and much more would exhaust Node's
 * default heap. A longer document is stored and gets the analysers below; each of the
 * others records a named failure instead of taking the whole process down.
 */
export const MAX_ANALYSED_CHARS = 20_000_000;
/** Analysers whose memory does not grow per word: they run on a document of any length. */
const ANY_LENGTH = new Set(['sentences', 'language']);

export function tooLongMessage(length: number, max: number): string {
  return `the text is ${length.toLocaleString('en')} characters, over the ${max.toLocaleString('en')} this analyser reads in one document (its memory grows with the text); split the document to analyse it`;
}

/**
 * Runs the document analysers on one document, then the `extract` step of the corpus
 * analysers asked for. An analyser that throws is recorded as failed for this document;
 * the others still run.
 */
export function analyzeDocument(
  doc: Document,
  resources: Resources,
  analyzers: readonly DocumentAnalyzer[] = documentAnalyzers,
  options: DocumentAnalysisOptions = {},
): DocumentAnalysis {
  const ctx = createContext(doc, resources);
  const produced = new Map<string, Finding[]>();
  const failures: AnalyzerFailure[] = [];
  const timings: Record<string, number> = {};
  const maxChars = options.maxChars ?? MAX_ANALYSED_CHARS;
  const tooLong = doc.text.length > maxChars;
  for (const analyzer of analyzers) {
    if (tooLong && !ANY_LENGTH.has(analyzer.name)) {
      failures.push({ analyzer: producerOf(analyzer), message: tooLongMessage(doc.text.length, maxChars) });
      continue;
    }
    runTimed(analyzer, failures, timings, (producer) => produced.set(producer, stampFindings(doc, producer, analyzer.analyze(ctx))));
  }
  const analysed: Document = { ...doc, lang: ctx.language().code };
  const findings = [...produced.values()].flat();
  const states = new Map<string, unknown>();
  if (options.corpus?.length) {
    const rerun = new Set(analyzers.map((a) => a.name));
    const kept = (options.kept ?? []).filter((f) => !rerun.has(f.analyzer.slice(0, f.analyzer.lastIndexOf('@'))));
    const all: AnalysedDocument = { doc: analysed, findings: kept.length ? [...kept, ...findings] : findings };
    for (const analyzer of options.corpus) {
      // a corpus state is made from the text too (shingles, sentences): the same bound
      if (tooLong) failures.push({ analyzer: producerOf(analyzer), message: tooLongMessage(doc.text.length, maxChars) });
      else runTimed(analyzer, failures, timings, (producer) => states.set(producer, analyzer.extract(all, resources) ?? null));
    }
  }
  return { doc: analysed, findings, produced, states, failures, timings };
}

export interface CorpusAnalysis {
  /** the corpus findings (empty when they went to a sink) */
  findings: CorpusFinding[];
  /** how many corpus findings were produced */
  count: number;
  failures: AnalyzerFailure[];
  timings: Record<string, number>;
}

/** Where a corpus stage reads states from: one CorpusState per analyser, and member texts. */
export interface StateSource {
  state(analyzer: CorpusAnalyzer): CorpusState<unknown>;
}

/**
 * The corpus step of each analyser over the states of `source`, stamped. Quotes of members
 * come from the states (cut from the text at extract time) or, where a state kept only a
 * span, are cut here through `CorpusState.slice` (from the store, or from memory).
 */
export async function combineCorpus(
  source: StateSource,
  resources: Resources,
  analyzers: readonly CorpusAnalyzer[] = corpusAnalyzers,
  /** receives each analyser's findings as they are produced, instead of the result holding them all */
  sink?: CorpusFindingSink,
): Promise<CorpusAnalysis> {
  const findings: CorpusFinding[] = [];
  let count = 0;
  const failures: AnalyzerFailure[] = [];
  const timings: Record<string, number> = {};
  for (const analyzer of analyzers) {
    const producer = producerOf(analyzer);
    const started = performance.now();
    try {
      const state = source.state(analyzer);
      for await (const batch of batchesOf(analyzer.combine(state, resources))) {
        const drafts: CorpusFindingDraft[] = await fillMemberQuotes(batch, (doc, start, end) => state.slice(doc, start, end));
        for (const draft of drafts) checkCorpusDraft(draft, producer);
        const stamped = stampCorpusFindings(producer, drafts);
        count += stamped.length;
        if (sink) await sink(stamped);
        else for (const f of stamped) findings.push(f);
      }
    } catch (error) {
      failures.push({ analyzer: producer, message: error instanceof Error ? error.message : String(error) });
    }
    timings[producer] = performance.now() - started;
  }
  return { findings, count, failures, timings };
}

/** A combine step's findings as batches, whether it returned them at once or streamed them. */
async function* batchesOf(result: CorpusFindingBatches): AsyncIterable<CorpusFindingDraft[]> {
  if (Symbol.asyncIterator in result) yield* result;
  else yield await result;
}

/** Where a corpus stage sends its findings, one analyser's at a time (e.g. a spool file). */
export type CorpusFindingSink = (findings: CorpusFinding[]) => Promise<void> | void;

/**
 * Corpus findings of documents held in memory (tests, evaluation, small batches): every
 * analyser's state extracted from each document, then combined — the same two steps as the
 * stored pipeline, so both give the same result.
 */
export async function analyzeCorpus(
  documents: AnalysedDocument[],
  resources: Resources,
  analyzers: readonly CorpusAnalyzer[] = corpusAnalyzers,
): Promise<CorpusAnalysis> {
  const needed = withUses(analyzers);
  const states = new Map<string, Map<string, unknown>>();
  const failures: AnalyzerFailure[] = [];
  for (const analyzer of needed) {
    const byDoc = new Map<string, unknown>();
    for (const d of documents) {
      try {
        byDoc.set(d.doc.id, analyzer.extract(d, resources));
      } catch (error) {
        failures.push({ analyzer: producerOf(analyzer), message: error instanceof Error ? error.message : String(error) });
      }
    }
    states.set(analyzer.name, byDoc);
  }
  const docs = documents.map((d) => d.doc);
  const result = await combineCorpus({ state: (a) => memoryState(docs, states, a.name) }, resources, analyzers);
  return { ...result, failures: [...failures, ...result.failures] };
}

/** The analysers and those whose state they read (from the registry), each once. */
export function withUses(analyzers: readonly CorpusAnalyzer[]): CorpusAnalyzer[] {
  const out = new Map<string, CorpusAnalyzer>();
  for (const a of analyzers) {
    for (const name of a.uses ?? []) {
      const used = corpusAnalyzers.find((x) => x.name === name);
      if (!used) throw new Error(`corpus analyser ${a.name} uses unknown analyser ${name}`);
      if (!out.has(name)) out.set(name, used);
    }
    out.set(a.name, a);
  }
  return [...out.values()];
}

/** Runs one analyser, timing it; a throw is recorded as that analyser's failure and the others go on. */
function runTimed(
  analyzer: { name: string; version: string },
  failures: AnalyzerFailure[],
  timings: Record<string, number>,
  run: (producer: string) => unknown,
): void {
  const producer = producerOf(analyzer);
  const started = performance.now();
  try {
    run(producer);
  } catch (error) {
    failures.push({ analyzer: producer, message: error instanceof Error ? error.message : String(error) });
  }
  timings[producer] = performance.now() - started;
}
